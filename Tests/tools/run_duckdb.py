"""Test tool: load an events CSV into DuckDB and run a query on it.

usage: run_duckdb.py EVENTS_CSV TABLE_NAME COLUMN_TYPES_JSON QUERY_FILE...
COLUMN_TYPES_JSON: [["column", "DUCKDB TYPE"], ...] in the CSV's column order.
A QUERY_FILE written DIALECT=FILE is first translated from that dialect to DuckDB
by sqlglot, so the text written for another warehouse runs here too (as sqlglot
reads it: a check of the dialect's spelling of the same logic, not of the warehouse).
Prints a JSON list with, per query, {"columns": [...], "rows": [[...], ...]}
(values as DuckDB returns them, others as text). One process for many queries,
so the tests pay for starting Python once. Exit status 1 with the error on stderr
if DuckDB fails on any query.
"""
import json
import sys

import duckdb
import sqlglot


def translated(dialect: str, query: str) -> str:
    """The query in DuckDB's dialect. DuckDB's octet_length takes only BLOBs; strlen
    is its byte length of a string."""
    text = sqlglot.transpile(query, read=dialect, write="duckdb")[0]
    return text.replace("OCTET_LENGTH(", "STRLEN(")


def main() -> int:
    csv_path, table, types_json = sys.argv[1:4]
    # A list of [name, type] pairs: the CSV's columns in order.
    types = {name: kind for name, kind in json.loads(types_json)}
    con = duckdb.connect()
    con.execute(
        f'CREATE TABLE "{table}" AS SELECT * FROM read_csv(?, header = true, columns = ?, quote = \'"\', escape = \'"\')',
        [csv_path, types],
    )
    results = []
    for arg in sys.argv[4:]:
        dialect, _, query_path = arg.rpartition("=")
        with open(query_path, encoding="utf-8") as f:
            query = f.read()
        if dialect and dialect != "duckdb":
            query = translated(dialect, query)
        try:
            cursor = con.execute(query)
        except duckdb.Error as e:
            print(f"duckdb ({query_path}): {e}", file=sys.stderr)
            return 1
        columns = [d[0] for d in cursor.description]
        rows = [[v if isinstance(v, (int, float, str)) or v is None else str(v) for v in row]
                for row in cursor.fetchall()]
        results.append({"columns": columns, "rows": rows})
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
