"""Peer pipeline for the rule-based benchmark: polars builds first-conversion
paths from the same event CSV, then ChannelAttribution's heuristic_models credits
them. Prints wall time per phase and the credits, as JSON on the last line.

Usage: peer_rules.py EVENTS.csv [OUR_RESULTS_DIR]
With OUR_RESULTS_DIR, also prints the largest per-channel difference between
ChannelAttribution's first/last/linear credits and ours.
"""
import csv
import json
import sys
import time

import polars as pl
from ChannelAttribution import heuristic_models

events_path = sys.argv[1]
ours_dir = sys.argv[2] if len(sys.argv) > 2 else None

t0 = time.perf_counter()
df = pl.read_csv(events_path, schema_overrides={"revenue": pl.Float64})
df = df.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%SZ"))
df = df.with_row_index("row").sort(["user_id", "timestamp", "row"])
t_read = time.perf_counter()

# First-conversion journeys: touches strictly before a user's first purchase
# (ties in time keep file order, as mta does), or all touches of users who never buy.
is_conv = pl.col("event") == "purchase"
df = df.with_columns(
    is_conv.cast(pl.Int32).cum_sum().over("user_id").alias("conv_so_far"),
)
first_conv = (
    df.filter(is_conv & (pl.col("conv_so_far") == 1))
    .select("user_id", pl.col("revenue").alias("value"))
)
touches = df.filter((pl.col("conv_so_far") == 0) & ~is_conv)
paths = touches.group_by("user_id", maintain_order=True).agg(pl.col("event").str.join(" > ").alias("path"))
journeys = paths.join(first_conv, on="user_id", how="full", coalesce=True)
journeys = journeys.with_columns(
    pl.col("value").is_not_null().cast(pl.Int64).alias("conv"),
    pl.col("value").fill_null(0.0),
    pl.col("path").fill_null(""),
)
table = (
    journeys.filter(pl.col("path") != "")
    .group_by("path")
    .agg(
        pl.col("conv").sum().alias("total_conversions"),
        pl.col("value").sum().alias("total_conversion_value"),
        (1 - pl.col("conv")).sum().alias("total_null"),
    )
    .filter(pl.col("total_conversions") > 0)
)
t_paths = time.perf_counter()

pdf = table.to_pandas()
res = heuristic_models(pdf, "path", "total_conversions", var_value="total_conversion_value", sep=">", flg_pro=False)
t_models = time.perf_counter()

print(f"peer: polars read {t_read - t0:.3f} s, polars paths {t_paths - t_read:.3f} s "
      f"({len(table)} converting paths), ChannelAttribution heuristic_models {t_models - t_paths:.3f} s")
print(f"peer total {t_models - t0:.3f} s")

if ours_dir:
    ours = {}
    with open(f"{ours_dir}/attribution.csv") as f:
        for row in csv.DictReader(f):
            ours[(row["model"], row["channel"])] = float(row["conversions"])
    worst = {}
    for theirs, mine in [("first_touch_conversions", "first-touch"), ("last_touch_conversions", "last-touch"),
                         ("linear_touch_conversions", "linear")]:
        col = theirs if theirs in res.columns else theirs.replace("_conversions", "")
        diffs = [abs(float(r[col]) - ours.get((mine, r["channel_name"].strip()), 0.0)) for _, r in res.iterrows()]
        worst[mine] = max(diffs)
    print("largest |ChannelAttribution - mta| per channel: " +
          ", ".join(f"{k} {v:.3g}" for k, v in worst.items()))
print(json.dumps({"peer_seconds": t_models - t0}))
