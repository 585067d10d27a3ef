"""Test tool: parse queries with sqlglot, each in its dialect; fail on any parse error.

usage: parse_sql.py DIALECT=QUERY_FILE...
Exit status 0 when every query parses as exactly one statement; 1 and the errors
(one line each, naming dialect and file) otherwise.
"""
import sys

import sqlglot
from sqlglot.errors import ErrorLevel, ParseError


def check(dialect: str, query_path: str) -> str | None:
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    try:
        statements = sqlglot.parse(query, read=dialect, error_level=ErrorLevel.RAISE)
    except ParseError as e:
        return f"sqlglot ({dialect}, {query_path}): {e}"
    statements = [s for s in statements if s is not None]
    if len(statements) != 1:
        return f"sqlglot ({dialect}, {query_path}): expected one statement, got {len(statements)}"
    return None


def main() -> int:
    errors = []
    for arg in sys.argv[1:]:
        dialect, _, path = arg.partition("=")
        error = check(dialect, path)
        if error:
            errors.append(error)
    for e in errors:
        print(e.replace("\n", " "), file=sys.stderr)
    print(f"{len(sys.argv) - 1 - len(errors)} parsed, {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
