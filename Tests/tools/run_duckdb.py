"""Test tool: load an events CSV into DuckDB and run a query on it.

usage: run_duckdb.py EVENTS_CSV TABLE_NAME COLUMN_TYPES_JSON QUERY_FILE...
COLUMN_TYPES_JSON: [["column", "DUCKDB TYPE"], ...] in the CSV's column order.
Prints a JSON list with, per query, {"columns": [...], "rows": [[...], ...]}
(values as DuckDB returns them, others as text). One process for many queries,
so the tests pay for starting Python once. Exit status 1 with the error on stderr
if DuckDB fails on any query.
"""
import json
import sys

import duckdb


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
    for query_path in sys.argv[4:]:
        with open(query_path, encoding="utf-8") as f:
            query = f.read()
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
