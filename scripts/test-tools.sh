#!/usr/bin/env bash
# Test-time tools for the push-down SQL tests: DuckDB (runs the generated query for
# real) and sqlglot (parses it in each warehouse dialect). They live in .venv-test,
# never in the mta binary. Prints the line to export so `swift test` uses them.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-test
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import duckdb, sqlglot' 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check duckdb sqlglot
fi
echo "export MTA_TEST_PYTHON=$PWD/$venv/bin/python"
