#!/usr/bin/env python3
"""Compare mta's Markov attribution with ChannelAttribution and with an
independent exact solve (numpy/scipy), channel by channel.

Input: a path-level CSV `path,total_conversions,total_conversion_value,total_null`
(channels separated by '>'). mta's output: `attribution.csv` (rows with
model=markov) and, when present, `markov_removal_effects.csv` beside it.

    .venv-bench/bin/python bench/markov_compare.py paths.csv --ours results/ \
        [--order 2] [--mta .build/release/mta] [--no-ca]

With --mta the script first runs `mta attribute paths.csv --input paths
--models markov --markov-order N --out DIR`.

The exact solve here is written independently of the Swift code and uses
ChannelAttribution's state definition (the first state is the first full
window of `order` channels, or the whole path when it is shorter; repeated
states are collapsed). mta uses one state per touch with shorter tuples at the
path start; both give every channel sequence the same probability, so
P(conversion) and removal effects must agree to solver tolerance.
ChannelAttribution simulates the chain (Monte Carlo), so it agrees only up
to sampling noise, and it truncates fractional counts to integers.
"""
import argparse
import csv
import os
import subprocess
import sys
import time

import numpy as np


def read_paths(file, sep):
    rows = []
    with open(file, newline="") as f:
        for r in csv.DictReader(f):
            path = [c.strip() for c in r["path"].split(sep) if c.strip()]
            conv = float(r.get("total_conversions") or 0)
            value = float(r.get("total_conversion_value") or 0)
            nulls = float(r.get("total_null") or 0)
            rows.append((path, conv, value, nulls))
    return rows


def window_states(path, order):
    """ChannelAttribution's state sequence: sliding windows of `order` channels."""
    if len(path) <= order:
        states = [tuple(path)]
    else:
        states = [tuple(path[i:i + order]) for i in range(len(path) - order + 1)]
    collapsed = [states[0]]
    for s in states[1:]:
        if s != collapsed[-1]:
            collapsed.append(s)
    return collapsed


def exact_markov(rows, order):
    """P(conversion) and removal effects by solving (I - Q) h = r exactly."""
    from scipy.sparse import csr_matrix, identity
    from scipy.sparse.linalg import spsolve

    index = {(): 0}
    counts = {}
    to_conv, to_null = {}, {}
    for path, conv, _, nulls in rows:
        weight = conv + nulls
        if not path or weight <= 0:
            continue
        prev = 0
        for s in window_states(path, order):
            sid = index.setdefault(s, len(index))
            counts[(prev, sid)] = counts.get((prev, sid), 0.0) + weight
            prev = sid
        to_conv[prev] = to_conv.get(prev, 0.0) + conv
        to_null[prev] = to_null.get(prev, 0.0) + nulls
    n = len(index)
    out = np.zeros(n)
    for (a, _), w in counts.items():
        out[a] += w
    for s, w in to_conv.items():
        out[s] += w
    for s, w in to_null.items():
        out[s] += w
    src = np.array([a for a, _ in counts], dtype=np.int64)
    dst = np.array([b for _, b in counts], dtype=np.int64)
    prob = np.array(list(counts.values())) / out[src]
    r = np.zeros(n)
    for s, w in to_conv.items():
        r[s] = w / out[s]
    states = [None] * n
    for s, i in index.items():
        states[i] = set(s)

    def solve(keep):
        # Transitions into removed states go to (null): drop them, and drop removed rows.
        mask = keep[src] & keep[dst]
        q = csr_matrix((prob[mask], (src[mask], dst[mask])), shape=(n, n))
        a = identity(n, format="csr") - q
        b = np.where(keep, r, 0.0)
        h = spsolve(a.tocsc(), b)
        return float(h[0])

    everything = np.ones(n, dtype=bool)
    p = solve(everything)
    channels = sorted({c for path, _, _, _ in rows for c in path})
    effects = {}
    for c in channels:
        keep = np.array([i == 0 or c not in states[i] for i in range(n)])
        effects[c] = 0.0 if p == 0 else min(1.0, max(0.0, 1 - solve(keep) / p))
    return p, effects, n - 1


def credits(effects, total):
    s = sum(effects.values())
    return {c: (e / s * total if s > 0 else 0.0) for c, e in effects.items()}


def read_ours(directory, model):
    conv, rev, effects = {}, {}, {}
    with open(os.path.join(directory, "attribution.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["model"] == model:
                conv[r["channel"]] = float(r["conversions"])
                rev[r["channel"]] = float(r["revenue"]) if r.get("revenue") else None
    re_file = os.path.join(directory, f"{model}_removal_effects.csv")
    if os.path.exists(re_file):
        with open(re_file, newline="") as f:
            for r in csv.DictReader(f):
                effects[r["channel"]] = float(r["removal_effect"])
    return conv, rev, effects


def channel_attribution(file, order, sep, seed):
    import pandas as pd
    import ChannelAttribution as ca

    data = pd.read_csv(file)
    for col in ("total_conversions", "total_null"):
        if (data[col] % 1 != 0).any():
            print(f"note: ChannelAttribution truncates fractional {col} to integers")
    res = ca.markov_model(data, var_path="path", var_conv="total_conversions",
                          var_value="total_conversion_value", var_null="total_null",
                          order=order, sep=sep, out_more=True, verbose=False,
                          flg_pro=False, seed=seed)
    result, removal = res["result"], res["removal_effects"]
    conv = dict(zip(result["channel_name"], result["total_conversions"]))
    effects = dict(zip(removal["channel_name"], removal.iloc[:, 1]))
    return conv, effects


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", help="path-level CSV")
    ap.add_argument("--ours", default="results", help="directory with mta's attribution.csv")
    ap.add_argument("--order", type=int, default=1)
    ap.add_argument("--model", default="markov", help="model name in attribution.csv")
    ap.add_argument("--sep", default=">")
    ap.add_argument("--mta", help="mta binary: run it first to produce --ours")
    ap.add_argument("--no-ca", action="store_true", help="skip ChannelAttribution")
    ap.add_argument("--seed", type=int, default=0, help="ChannelAttribution seed")
    args = ap.parse_args()

    if args.mta:
        cmd = [args.mta, "attribute", args.paths, "--input", "paths", "--models", "markov",
               "--markov-order", str(args.order), "--out", args.ours]
        t = time.time()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        print(f"mta: {time.time() - t:.2f} s  ({' '.join(cmd)})")

    rows = read_paths(args.paths, args.sep)
    total_conv = sum(r[1] for r in rows if r[0])
    t = time.time()
    p, exact_re, states = exact_markov(rows, args.order)
    print(f"exact (scipy): P(conversion) = {p:.12g}, {states} states, {time.time() - t:.2f} s")
    exact = credits(exact_re, total_conv)
    ours, _, ours_re = read_ours(args.ours, args.model)

    ca_conv, ca_re = {}, {}
    if not args.no_ca:
        try:
            t = time.time()
            ca_conv, ca_re = channel_attribution(args.paths, args.order, args.sep, args.seed)
            print(f"ChannelAttribution: {time.time() - t:.2f} s")
        except ImportError as e:
            print(f"ChannelAttribution not available ({e}); run bench/peers/setup.sh")

    channels = sorted(set(exact) | set(ours))
    print(f"\n{'channel':<22}{'mta':>12}{'exact':>12}{'mta-exact':>12}{'RE mta':>11}{'RE exact':>11}"
          + (f"{'CA':>12}{'CA-exact %':>12}" if ca_conv else ""))
    worst_ours, worst_ca = 0.0, 0.0
    for c in channels:
        o, e = ours.get(c, float("nan")), exact.get(c, 0.0)
        line = (f"{c:<22}{o:>12.4f}{e:>12.4f}{o - e:>12.2e}"
                f"{ours_re.get(c, float('nan')):>11.6f}{exact_re.get(c, 0.0):>11.6f}")
        worst_ours = max(worst_ours, abs(o - e))
        if ca_conv:
            x = ca_conv.get(c, float("nan"))
            pct = 100 * (x - e) / e if e else float("nan")
            worst_ca = max(worst_ca, abs(pct)) if pct == pct else worst_ca
            line += f"{x:>12.4f}{pct:>11.2f}%"
        print(line)
    print(f"\nlargest |mta - exact| = {worst_ours:.3e} conversions (of {total_conv:g})")
    if ca_conv:
        print(f"largest |CA - exact| = {worst_ca:.2f} % (Monte-Carlo noise)")
    return 0 if worst_ours <= 1e-6 * max(1.0, total_conv) else 1


if __name__ == "__main__":
    sys.exit(main())
