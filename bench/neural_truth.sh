#!/usr/bin/env bash
# Distance to the causal truth: `mta generate --truth` data, every model of
# `mta attribute`, `--models neural,neural-removal` in memory (one fit; balanced
# batches as by default and batches by count), and the three stages (extract → train → explain) under
# both negative rules with the given train flags; prints each model's total variation
# distance between its channel shares and the true shares (½ Σ |share − true share|),
# and the times.
# Usage: bench/neural_truth.sh [users] [confounding] [train flags…]
#   (default 100000 users, confounding 0, the default training). Needs a release build
#   (.build/release/mta, or MTA=path).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-100000}; confounding=${2:-0}; shift 2 || true
mta=${MTA:-.build/release/mta}
[ -x "$mta" ] || swift build -c release --product mta
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$mta" generate --users "$users" --confounding "$confounding" --seed 7 --out "$dir/events.csv" --truth "$dir/truth.csv" >/dev/null
"$mta" attribute "$dir/events.csv" --conversion-event purchase --models all --out "$dir/rules" >/dev/null
t() { /usr/bin/time -f "%e s, peak %M KiB" "$@"; }
echo "# $users users, confounding $confounding, train flags: ${*:-(defaults)}"
for balance in "" --no-neural-balance; do
    echo "## attribute --models neural,neural-removal $balance"
    t "$mta" attribute "$dir/events.csv" --conversion-event purchase --models neural,neural-removal $balance --out "$dir/neural$balance" 2>&1 | tail -1
done
for negatives in at-risk td-mta; do
    echo "## extract --negatives $negatives"
    t "$mta" extract "$dir/events.csv" --conversion-event purchase --lookback-days 7 --negatives "$negatives" --out "$dir/$negatives.mtax" 2>&1 | tail -2
    echo "## train"
    t "$mta" train "$dir/$negatives.mtax" --quiet --out "$dir/$negatives.mtam" --metrics "$dir/$negatives-metrics.csv" "$@" 2>&1 | tail -2
    tail -1 "$dir/$negatives-metrics.csv" | awk -F, '{print "last epoch: val log loss " $6 ", val AUC " $8}'
    echo "## explain"
    t "$mta" explain "$dir/$negatives.mtam" "$dir/$negatives.mtax" --out "$dir/$negatives" 2>&1 | tail -2
done
python3 - "$dir" <<'PY'
import csv, sys, collections
d = sys.argv[1]
truth = {r["channel"]: float(r["share"] or 0) for r in csv.DictReader(open(f"{d}/truth.csv"))}
models = collections.defaultdict(dict)
for r in csv.DictReader(open(f"{d}/rules/attribution.csv")):
    models[r["model"]][r["channel"]] = float(r["share"])
for balance, label in [("", "balanced"), ("--no-neural-balance", "by count")]:
    for r in csv.DictReader(open(f"{d}/neural{balance}/attribution.csv")):
        models[f"{r['model']} (in memory, {label})"][r["channel"]] = float(r["share"])
for neg in ["at-risk", "td-mta"]:
    for r in csv.DictReader(open(f"{d}/{neg}/neural_channels.csv")):
        models[f"neural stages ({neg} negatives)"][r["channel"]] = float(r["share"])
def tvd(shares):
    keys = set(truth) | set(shares)
    return 0.5 * sum(abs(shares.get(k, 0) - truth.get(k, 0)) for k in keys)
print("\nmodel                                        distance to the true shares")
for name, shares in sorted(models.items(), key=lambda kv: tvd(kv[1])):
    print(f"{name:44s} {tvd(shares):.3f}")
PY
