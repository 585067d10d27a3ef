#!/usr/bin/env python3
"""Coverage of `mta attribute --intervals`: how often each model's 95 % share
intervals contain the shares the same model gives the whole population.

A large population of users is generated once (`mta generate`); every seed draws an
independent Bernoulli sample of its users (each user kept with probability
--fraction), runs every fast model with --intervals on it, and checks each
channel's share interval against the population's share. Prints the coverage per
model: pooled over seeds and channels, and the lowest single channel's.

Usage: bench/interval_coverage.py [--population 1000000] [--fraction 0.02] [--seeds 100]
       [--bootstrap 200] [--mta PATH]   (MTA_BIN also names the binary)
"""
import argparse
import csv
import math
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr}")
    return result.stdout


def shares(folder):
    with open(os.path.join(folder, "attribution.csv")) as f:
        return {(r["model"], r["channel"]): float(r["share"]) for r in csv.DictReader(f)}


def sample_users(population, fraction, seed):
    """User numbers (1-based, as `mta generate` names them u1…uN) kept by seed's Bernoulli sample."""
    rng = random.Random(seed)
    log_q = math.log(1 - fraction)
    kept, u = [], 0
    while True:
        # Geometric gaps between kept users: the same law as one coin per user, far fewer draws.
        u += 1 + int(math.log(1 - rng.random()) / log_q)
        if u > population:
            return kept
        kept.append(u)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--population", type=int, default=1_000_000)
    ap.add_argument("--fraction", type=float, default=0.02)
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--mta", default=os.environ.get("MTA_BIN", ".build/release/mta"))
    args = ap.parse_args()
    mta = args.mta
    base = ["--conversion-event", "purchase", "--value-column", "revenue", "--models", "all"]
    data = os.path.join(ROOT, "bench/data")
    out = os.path.join(ROOT, "bench/out/interval_coverage")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out, exist_ok=True)

    population = os.path.join(data, f"coverage_population_{args.population}.csv")
    if not os.path.exists(population):
        run([mta, "generate", "--users", str(args.population), "--seed", "1", "--out", population])
    run([mta, "attribute", population, *base, "--out", os.path.join(out, "population")])
    truth = shares(os.path.join(out, "population"))

    # One pass over the population writes every seed's sample.
    seeds = list(range(1, args.seeds + 1))
    membership = {}
    for s in seeds:
        for u in sample_users(args.population, args.fraction, 1000 + s):
            membership.setdefault(f"u{u}", []).append(s)
    files = {s: open(os.path.join(out, f"sample_{s}.csv"), "w") for s in seeds}
    sizes = {s: 0 for s in seeds}
    with open(population) as f:
        header = f.readline()
        for handle in files.values():
            handle.write(header)
        last = None
        for line in f:
            user = line[:line.index(",")]
            for s in membership.get(user, ()):
                files[s].write(line)
                if user != last:
                    sizes[s] += 1
            last = user
    for handle in files.values():
        handle.close()

    hits, counts, widths = {}, {}, {}
    start = time.time()
    for s in seeds:
        sample = os.path.join(out, f"sample_{s}.csv")
        folder = os.path.join(out, f"seed_{s}")
        run([mta, "attribute", sample, *base, "--intervals", "--bootstrap", str(args.bootstrap), "--seed", str(s), "--out", folder])
        os.remove(sample)
        with open(os.path.join(folder, "attribution_intervals.csv")) as f:
            for r in csv.DictReader(f):
                key = (r["model"], r["channel"])
                low, high = float(r["share_low"]), float(r["share_high"])
                counts[key] = counts.get(key, 0) + 1
                hits[key] = hits.get(key, 0) + (low <= truth[key] <= high)
                widths[key] = widths.get(key, 0) + high - low
    seconds = time.time() - start

    mean_size = sum(sizes.values()) / len(sizes)
    print(f"population {args.population} users (seed 1); {args.seeds} samples of {args.fraction:.1%} "
          f"(mean {mean_size:.0f} users); {args.bootstrap} bootstrap replicates each; {seconds:.0f} s for the samples")
    print(f"{'model':<16} {'coverage':>8} {'lowest channel':>22} {'mean width':>10}")
    for model in dict.fromkeys(m for m, _ in counts):
        keys = [k for k in counts if k[0] == model]
        pooled = sum(hits[k] for k in keys) / sum(counts[k] for k in keys)
        worst = min(keys, key=lambda k: hits[k] / counts[k])
        width = sum(widths[k] for k in keys) / sum(counts[k] for k in keys)
        print(f"{model:<16} {pooled:>8.3f} {hits[worst] / counts[worst]:>8.2f} {worst[1]:>13} {width:>10.4f}")


if __name__ == "__main__":
    main()
