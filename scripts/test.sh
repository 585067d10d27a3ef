#!/usr/bin/env bash
# THE test command: the tools the push-down tests use (scripts/test-tools.sh, when
# present), a throwaway PostgreSQL for the warehouse tests (scripts/postgres.sh),
# then `swift test` with both in the environment. The cluster is stopped on exit,
# whatever happens. Extra arguments go to `swift test` (e.g. --filter SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x scripts/test-tools.sh ]; then
    eval "$(scripts/test-tools.sh)"
fi

trap 'scripts/postgres.sh stop' EXIT
eval "$(scripts/postgres.sh start)"
echo "PostgreSQL for the tests: ${MTA_TEST_POSTGRES_URL%%:*}://…@${MTA_TEST_POSTGRES_URL##*@}" >&2

swift build --build-tests
swift test "$@"
