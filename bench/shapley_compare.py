"""Compare mta's Shapley models with the two Python peers on one path-level CSV.

Usage (from the repository root, with the peers' venv from bench/peers/setup.sh):

    .venv-bench/bin/python bench/shapley_compare.py PATHS.csv [--mta .build/release/mta]
        [--ours results/attribution.csv] [--mam-max-size 4|none] [--eeghor-max-channels 12]

PATHS.csv has columns path,total_conversions,total_conversion_value,total_null with
channels separated by '>' (blanks around names are ignored). With --mta, our CLI runs
first (timed) and writes into a temporary folder; otherwise our credits are read from
--ours (default results/attribution.csv, as written by
`mta attribute PATHS.csv --input paths --value-column total_conversion_value
--models shapley,shapley-ordered,shapley-rate --out results/`).

What each peer computes, and when it should equal ours:

* eeghor `mta` 0.0.9, `MTA(...).shapley()`: the game v(S) = conversions of journeys whose
  set of channels is contained in S (computed over all channels, subset enumeration,
  cost exponential in the number of channels). That is the cumulative game of Zhao et
  al., whose Shapley value is the simplified Shapley value, so it should equal our
  `shapley` exactly (up to float rounding). It ignores revenue. Its default
  `allow_loops=False` collapses consecutive repeats, which does not change channel sets.
  Skipped above --eeghor-max-channels channels because its cost explodes.

* DP6 marketing-attribution-models 2.x, `MAM(...).run_shapley(max_size, "conv_rate")`:
  v(T) = conversion rate of journeys whose set of distinct channels is exactly T (0 if
  unseen); for each converting set, the Shapley value of v over its subsets, rescaled
  to the set's conversions (or revenue with a value column). That is our `shapley-rate`
  game, so with max_size=None it should equal our `shapley-rate` exactly as long as
  every converting set is within our exact limit (--shapley-exact-max, default 12);
  sampled sets differ within the standard errors of shapley_rate_errors.csv. With its
  default max_size=4 it keeps only the alphabetically last 4 channels of each set, so
  it differs from ours whenever a converting journey has more than 4 distinct channels
  (the script says how many do). max_size=None costs 2^n Python steps per set.

Our `shapley-ordered` has no peer; its per-channel totals equal `shapley` by design.
"""

import argparse
import contextlib
import csv
import io
import os
import signal
import subprocess
import sys
import tempfile
import time

import pandas as pd

OUR_MODELS = ["shapley", "shapley-ordered", "shapley-rate"]


def read_paths(path: str) -> pd.DataFrame:
    df = pd.read_csv(path, dtype={"path": str})
    for col in ("total_conversions", "total_conversion_value", "total_null"):
        if col not in df.columns:
            df[col] = 0
    # One canonical spelling, "a > b", which both peers split correctly.
    df["path"] = df["path"].fillna("").map(lambda p: " > ".join(c.strip() for c in p.split(">") if c.strip()))
    return df[df["path"] != ""].reset_index(drop=True)


def channel_sets(df: pd.DataFrame) -> dict:
    """Distinct-channel set -> conversions, for the 'should it match' notes."""
    sets: dict = {}
    for p, c in zip(df["path"], df["total_conversions"]):
        key = frozenset(p.split(" > "))
        sets[key] = sets.get(key, 0) + c
    return sets


class Timeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int):
    def fire(_signum, _frame):
        raise Timeout()
    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_ours(binary: str, paths_csv: str, exact_max: int) -> tuple[str, float]:
    out = tempfile.mkdtemp(prefix="shapley_compare_")
    cmd = [binary, "attribute", paths_csv, "--input", "paths", "--value-column", "total_conversion_value",
           "--models", ",".join(OUR_MODELS), "--shapley-exact-max", str(exact_max), "--out", out]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "attribution.csv"), time.perf_counter() - t0


def read_ours(attribution_csv: str) -> tuple[dict, dict]:
    conv: dict = {m: {} for m in OUR_MODELS}
    value: dict = {m: {} for m in OUR_MODELS}
    with open(attribution_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["model"] in conv:
                conv[row["model"]][row["channel"]] = float(row["conversions"])
                if row.get("revenue") not in (None, ""):
                    value[row["model"]][row["channel"]] = float(row["revenue"])
    return conv, value


def read_errors(errors_csv: str) -> dict:
    if not os.path.exists(errors_csv):
        return {}
    with open(errors_csv, newline="") as f:
        return {row["channel"]: float(row["standard_error"]) for row in csv.DictReader(f)}


def run_eeghor(df: pd.DataFrame) -> dict:
    from mta import MTA

    data = df[["path", "total_conversions", "total_null"]].copy()
    with contextlib.redirect_stdout(io.StringIO()):  # it prints "running X.. elapsed time"
        m = MTA(data=data, allow_loops=False, add_timepoints=False)
        m.shapley(normalize=False)
    return dict(m.attribution["shapley"])


def grouped_journeys(df: pd.DataFrame) -> pd.DataFrame:
    """Path rows -> DP6 'grouped_journey' rows: a converting and a null row per path,
    with occurrence counts; zero-occurrence rows dropped (DP6 divides by them)."""
    conv = pd.DataFrame({"path": df.path, "has_conv": True, "occurrences": df.total_conversions,
                         "value": df.total_conversion_value})
    null = pd.DataFrame({"path": df.path, "has_conv": False, "occurrences": df.total_null, "value": 0.0})
    g = pd.concat([conv, null], ignore_index=True)
    return g[g.occurrences > 0].reset_index(drop=True)


def run_mam(df: pd.DataFrame, max_size, with_value: bool) -> dict:
    from mam import MAM

    kw = dict(format_type="grouped_journey", channels_colname="path", journey_with_conv_colname="has_conv",
              occurrences_colname="occurrences", path_separator=" > ")
    if with_value:
        kw["conversion_value_colname"] = "value"
    m = MAM(grouped_journeys(df), **kw)
    d = m.run_shapley(max_size=max_size, value_column="conv_rate").to_dict()
    return dict(zip(d["channels"], d["attribution"]))


def timed(label: str, seconds: int, fn, *args):
    t0 = time.perf_counter()
    try:
        with time_limit(seconds):
            result = fn(*args)
    except Timeout:
        print(f"{label}: stopped after {seconds} s")
        return None
    except Exception as e:  # a peer failing should not hide the others
        print(f"{label}: failed: {type(e).__name__}: {e}")
        return None
    print(f"{label}: {time.perf_counter() - t0:.3f} s")
    return result


def largest_difference(a: dict, b: dict) -> float:
    return max((abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b)), default=0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths_csv")
    ap.add_argument("--ours", default="results/attribution.csv", help="our attribution.csv (ignored with --mta)")
    ap.add_argument("--mta", help="our mta binary: run it on PATHS.csv first")
    ap.add_argument("--exact-max", type=int, default=12, help="our --shapley-exact-max when running --mta")
    ap.add_argument("--mam-max-size", default="4", help="DP6 max_size: an integer, or 'none' for no truncation")
    ap.add_argument("--eeghor-max-channels", type=int, default=12)
    ap.add_argument("--timeout", type=int, default=1800, help="seconds allowed per peer run")
    args = ap.parse_args()
    mam_max = None if args.mam_max_size.lower() == "none" else int(args.mam_max_size)

    df = read_paths(args.paths_csv)
    channels = sorted({c for p in df.path for c in p.split(" > ")})
    sets = channel_sets(df)
    converting = {s: c for s, c in sets.items() if c > 0}
    largest = max((len(s) for s in converting), default=0)
    print(f"data: {len(df)} paths, {len(channels)} channels, {len(converting)} converting channel sets "
          f"(largest {largest}), {df.total_conversions.sum():g} conversions")

    ours_csv = args.ours
    if args.mta:
        ours_csv, seconds = run_ours(args.mta, args.paths_csv, args.exact_max)
        print(f"mta ({', '.join(OUR_MODELS)}, whole CLI incl. reading): {seconds:.3f} s")
    ours_conv, ours_value = read_ours(ours_csv) if os.path.exists(ours_csv) else ({}, {})
    if not ours_conv:
        print(f"(no results of ours at {ours_csv})")

    conv_cols = {f"ours {m}": ours_conv.get(m, {}) for m in OUR_MODELS if ours_conv.get(m)}
    value_cols = {f"ours {m}": ours_value.get(m, {}) for m in OUR_MODELS if ours_value.get(m)}

    if len(channels) <= args.eeghor_max_channels:
        r = timed("eeghor mta shapley()", args.timeout, run_eeghor, df)
        if r is not None:
            conv_cols["eeghor shapley"] = r
    else:
        print(f"eeghor mta shapley(): skipped, {len(channels)} channels > --eeghor-max-channels "
              f"{args.eeghor_max_channels} (its cost is exponential in the channel count)")

    label = f"DP6 run_shapley(max_size={mam_max})"
    r = timed(label + " conversions", args.timeout, run_mam, df, mam_max, False)
    if r is not None:
        conv_cols["DP6 run_shapley"] = r
    r = timed(label + " revenue", args.timeout, run_mam, df, mam_max, True)
    if r is not None:
        value_cols["DP6 run_shapley"] = r

    for title, cols in (("conversions", conv_cols), ("revenue", value_cols)):
        if cols:
            t = pd.DataFrame(cols).reindex(channels).fillna(0.0)
            t.loc["(sum)"] = t.sum()
            print(f"\nPer-channel credit ({title})")
            with pd.option_context("display.width", 220, "display.max_columns", 20, "display.max_rows", 500):
                print(t.round(4).to_string())

    print()
    if "ours shapley" in conv_cols and "eeghor shapley" in conv_cols:
        print(f"largest |eeghor shapley - ours shapley| = "
              f"{largest_difference(conv_cols['eeghor shapley'], conv_cols['ours shapley']):.3g} (expected ~0)")
    if "ours shapley-rate" in conv_cols and "DP6 run_shapley" in conv_cols:
        truncated = sum(1 for s in converting if mam_max is not None and len(s) > mam_max)
        sampled = sum(1 for s in converting if len(s) > args.exact_max)
        if truncated:
            why = f"differs by design: DP6 truncates {truncated} converting sets to {mam_max} channels"
        elif sampled:
            why = f"expected within sampling error: {sampled} sets above our exact limit {args.exact_max}"
        else:
            why = "expected ~0"
        d = largest_difference(conv_cols["DP6 run_shapley"], conv_cols["ours shapley-rate"])
        print(f"largest |DP6 run_shapley - ours shapley-rate| = {d:.3g} ({why})")
        errors = read_errors(os.path.join(os.path.dirname(ours_csv), "shapley_rate_errors.csv"))
        if sampled and not truncated and errors:
            z = max(abs(conv_cols["DP6 run_shapley"].get(c, 0.0) - conv_cols["ours shapley-rate"].get(c, 0.0))
                    / errors[c] for c in errors if errors[c] > 0)
            print(f"  in our standard errors (shapley_rate_errors.csv): largest |difference| / SE = {z:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
