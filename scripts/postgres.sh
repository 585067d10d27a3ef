#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests and the warehouse benchmark.
#
#   scripts/postgres.sh start   install PostgreSQL 15 if missing, initdb a cluster in a
#                               temporary folder, start it on 127.0.0.1:$MTA_PG_PORT (54329)
#                               and print the line to export
#   scripts/postgres.sh env     print `export MTA_TEST_POSTGRES_URL=…` for a running cluster
#   scripts/postgres.sh stop    stop the cluster and delete its folder
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to a dedicated
# system user (mta-postgres). The test role logs in over TCP with a password
# (scram-sha-256), as a real client would; the admin role only over the socket.
set -euo pipefail

port=${MTA_PG_PORT:-54329}
dir=${MTA_PG_DIR:-/tmp/mta-postgres-$port}
bin=/usr/lib/postgresql/15/bin
role=mta_test
password=mta_test_pw
database=mta_test
os_user=mta-postgres
url="postgres://$role:$password@127.0.0.1:$port/$database"

# Runs a command as the cluster's owner (the dedicated user when we are root).
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$os_user" -- "$@"
    else
        "$@"
    fi
}

install_postgres() {
    [ -x "$bin/postgres" ] && return
    echo "installing PostgreSQL 15 from Debian…" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 >&2
}

ensure_owner() {
    [ "$(id -u)" = 0 ] || return 0
    id "$os_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$os_user"
}

running() { [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

start() {
    install_postgres
    ensure_owner
    if running; then
        echo "export MTA_TEST_POSTGRES_URL=$url"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$os_user" "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U mta_admin --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # A test cluster: durability is not needed, speed is.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h "$dir" -p "$port" -U mta_admin -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE $role LOGIN PASSWORD '$password'" \
        -c "CREATE DATABASE $database OWNER $role" >&2
    echo "export MTA_TEST_POSTGRES_URL=$url"
}

stop() {
    if running; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env)
        running || { echo "no cluster running on port $port (scripts/postgres.sh start)" >&2; exit 1; }
        echo "export MTA_TEST_POSTGRES_URL=$url" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 64 ;;
esac
