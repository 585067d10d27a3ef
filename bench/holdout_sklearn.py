#!/usr/bin/env python3
"""Checks mta's held-out fit against an independent implementation.

Writes a path-level CSV (conversion depends on the last two channels and on the
channel set), runs `mta attribute --input paths --models markov,shapley-rate
--markov-order 1,2,3`, then redoes the seeded split (SplitMix64 per path, seeded by
the seed and an FNV-1a hash of the path's channel names, as mta draws it),
the predictions (Markov order k: training conversion rate of journeys ending in the
same state, backing off to shorter suffixes, then the base rate; shapley-rate: the
rate of the exact channel set, unseen → base rate) and the metrics with
scikit-learn's roc_auc_score / log_loss (sample weights = journey counts), and
compares them with attribution.json's holdout_* details.

Usage: bench/holdout_sklearn.py MTA_BINARY [rows] [seed]   (needs numpy, scikit-learn)
"""
import json, math, random, subprocess, sys, tempfile
from pathlib import Path
from sklearn.metrics import log_loss, roc_auc_score

M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed, stream=None):
        self.state = seed & M64
        if stream is not None:
            mixer = SplitMix64(seed ^ ((stream * 0xD1B54A32D192ED03) & M64))
            self.state = mixer.next()

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def training_part(count, p, rng):
    """Whole counts only (the CSV holds whole numbers)."""
    if count <= 0:
        return 0
    if count <= 1000:
        return sum(1 for _ in range(count) if rng.unit() < p)
    u1 = max(rng.unit(), 5e-324)
    u2 = rng.unit()
    z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
    mean, sd = count * p, math.sqrt(count * p * (1 - p))
    return min(count, max(0, round(mean + sd * z)))


def path_hash(path):
    """FNV-1a 64 over each channel name's UTF-8 bytes, each followed by 0xFF."""
    h = 0xCBF29CE484222325
    for name in path:
        for b in name.encode() + b"\xff":
            h = ((h ^ b) * 0x100000001B3) & M64
    return h


def split(rows, seed, fraction=0.8):
    out = []
    for path, conv, null in rows:
        rng = SplitMix64(seed, 0x4D41524B4F56 ^ path_hash(path))   # one generator per path
        tc = training_part(conv, fraction, rng)
        tn = training_part(null, fraction, rng)
        out.append((tc, tn, conv - tc, null - tn))
    return out


def markov_predictions(rows, parts, order):
    tables = []
    for m in range(1, order + 1):
        t = {}
        for (path, _, _), (tc, tn, _, _) in zip(rows, parts):
            if tc + tn > 0:
                key = tuple(path[-m:]) if len(path) >= m else ("whole",) + tuple(path)
                c, j = t.get(key, (0, 0))
                t[key] = (c + tc, j + tc + tn)
        tables.append(t)
    total_c = sum(p[0] for p in parts)
    total_j = sum(p[0] + p[1] for p in parts)
    base = total_c / total_j
    preds = []
    for path, _, _ in rows:
        for m in range(order, 0, -1):
            key = tuple(path[-m:]) if len(path) >= m else ("whole",) + tuple(path)
            c, j = tables[m - 1].get(key, (0, 0))
            if j > 0:
                preds.append(c / j)
                break
        else:
            preds.append(base)
    return preds


def set_predictions(rows, parts):
    t = {}
    for (path, _, _), (tc, tn, _, _) in zip(rows, parts):
        c, j = t.get(frozenset(path), (0, 0))
        t[frozenset(path)] = (c + tc, j + tc + tn)
    base = sum(p[0] for p in parts) / sum(p[0] + p[1] for p in parts)
    return [t[frozenset(path)][0] / t[frozenset(path)][1] if t[frozenset(path)][1] > 0 else base for path, _, _ in rows]


def metrics(preds, parts):
    y, p, w = [], [], []
    for q, (_, _, hc, hn) in zip(preds, parts):
        if hc > 0:
            y.append(1); p.append(q); w.append(hc)
        if hn > 0:
            y.append(0); p.append(q); w.append(hn)
    clipped = [min(max(q, 1e-15), 1 - 1e-15) for q in p]
    return roc_auc_score(y, p, sample_weight=w), log_loss(y, clipped, sample_weight=w, labels=[0, 1]), sum(w)


def main():
    mta = sys.argv[1]
    n_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    rnd = random.Random(7)
    channels = ["a", "b", "c", "d", "e"]
    seen, rows = set(), []
    while len(rows) < n_rows:
        path = tuple(rnd.choice(channels) for _ in range(rnd.randint(1, 5)))
        if path in seen:
            continue
        seen.add(path)
        journeys = rnd.choice([1, 2, 3, 5, 20, 200, 1500])   # a few rows above the exact-draw limit
        rate = 0.05 + (0.5 if len(path) > 1 and channels.index(path[-1]) == (channels.index(path[-2]) + 1) % 5 else 0)
        rate += 0.1 * len(set(path))
        conv = sum(1 for _ in range(journeys) if rnd.random() < rate)
        rows.append((path, conv, journeys - conv))
    with tempfile.TemporaryDirectory() as d:
        csv = Path(d) / "paths.csv"
        csv.write_text("path,total_conversions,total_null\n" + "".join(f"{'>'.join(p)},{c},{n}\n" for p, c, n in rows))
        subprocess.run([mta, "attribute", str(csv), "--input", "paths", "--models", "markov,shapley-rate",
                        "--markov-order", "1,2,3", "--seed", str(seed), "--out", str(Path(d) / "out")],
                       check=True, stdout=subprocess.DEVNULL)
        doc = json.loads((Path(d) / "out" / "attribution.json").read_text())
    results = {m["model"]: m.get("details", {}) for m in next(v for v in doc.values() if isinstance(v, list)
                                                              and v and isinstance(v[0], dict) and "model" in v[0])}
    parts = split(rows, seed)
    expected = {f"markov-{k}": metrics(markov_predictions(rows, parts, k), parts) for k in (1, 2, 3)}
    expected["shapley-rate"] = metrics(set_predictions(rows, parts), parts)
    worst = 0.0
    print(f"{'model':14} {'mta auc':>10} {'sklearn auc':>12} {'mta log loss':>13} {'sklearn':>10} {'journeys':>9}")
    for model, (auc, loss, journeys) in expected.items():
        got = results[model]
        worst = max(worst, abs(got["holdout_roc_auc"] - auc), abs(got["holdout_log_loss"] - loss),
                    abs(got["holdout_journeys"] - journeys))
        print(f"{model:14} {got['holdout_roc_auc']:10.6f} {auc:12.6f} {got['holdout_log_loss']:13.6f} {loss:10.6f} {journeys:9.0f}")
    print(f"largest difference: {worst:.2e}")
    sys.exit(0 if worst < 1e-9 else 1)


if __name__ == "__main__":
    main()
