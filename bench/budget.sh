#!/usr/bin/env bash
# The global carbon budget on the sample world (issue 19; bench/run.sh budget [--out DIR] [--seed N] [--season-balance]
# [--name NAME] [--train '{"epochs": 24, ...}']): takes a demo run's world, driver cube and towers (./tamrl run --config jobs/demo.json --out DIR, made
# when absent; with --seed N, a world with another seed: DIR-seedN, the demo configuration with that seed), trains the
# demo's model settings on them (with the training option seasonBalance when asked), infers 2020, publishes with the
# domain of applicability and scores with the regional budgets. Prints the global totals of product and truth, south
# of 60S, the RMSEs and the model's NEE/GPP at the towers' pixels against the towers' own seasonally balanced records
# (the training-data check that chose seasonBalance, no truth involved). --train merges training options over the
# demo's (docs/model.md), e.g. --train '{"epochs": 24, "patience": 4, "windowMeanWeight": 1}' --name wm1; --seeds 3,4
# replaces the ensemble's member seeds (the seed noise of the global total).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$ROOT/bench/out/demo"
seed=""
season=false
name=""
train="{}"
seeds=""
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --season-balance) season=true; shift ;;
    --name) name="$2"; shift 2 ;;
    --train) train="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    *) echo "budget: unknown argument $1" >&2; exit 2 ;;
  esac
done
config="$ROOT/jobs/demo.json"
if [[ -n "$seed" ]]; then
  out="$out-seed$seed"
  mkdir -p "$out"
  sed "s/\"seed\": 42/\"seed\": $seed/" "$ROOT/jobs/demo.json" > "$out/demo-seed.json"
  cp "$ROOT/jobs/demo.model.json" "$out/"
  config="$out/demo-seed.json"
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# The world, cube and towers of a demo run (its publication may fail the tight totals check: that is measured here).
[[ -f "$out/sites/training.nc" ]] || "$ROOT/tamrl" run --config "$config" --out "$out" >&2 || true
exp="$out/budget-${name:-$([[ $season == true ]] && echo season || echo paper)}"
mkdir -p "$exp"
python3 - "$ROOT/jobs/demo.model.json" "$out" "$exp" "$season" "$train" "$seeds" <<'PY'
import json, re, sys
config = json.loads(re.sub(r'^\s*//.*$', '', open(sys.argv[1]).read(), flags=re.M))
config["dataset"] = sys.argv[2] + "/sites/training.nc"
config["splits"] = sys.argv[2] + "/sites/splits.json"
config["training"]["seasonBalance"] = sys.argv[4] == "true"
config["training"].update(json.loads(sys.argv[5]))
if sys.argv[6]:
    config["seeds"] = [int(s) for s in sys.argv[6].split(",")]
if config["training"].get("classWeights") == "land":
    config["landCover"] = sys.argv[2] + "/drivers"  # the demo cube's land: what the towers are weighted to represent
json.dump(config, open(sys.argv[3] + "/model.json", "w"), indent=2)
PY
"$ROOT/tamrl" train --config "$exp/model.json" --out "$exp" >&2
"$ROOT/tamrl" infer --drivers "$out/drivers" --model "$exp/model" --out "$exp" --period 2020 --budget 1GiB --batch 256 >&2
# Wide bounds here: the budget is what is measured, not what publication allows.
"$ROOT/tamrl" publish --run "$exp/runs/2020" --out "$exp" --no-quicklooks --training-dataset "$out/sites/training.nc" --nee-bounds=-40,20 >&2
"$ROOT/tamrl" score --run "$exp/runs/2020" --out "$exp" --truth "$out/world/truth" --training-dataset "$out/sites/training.nc" >&2
python3 "$ROOT/bench/budget_summary.py" "$exp/reports/score.json" "$exp/products/2020/netcdf/tamrl_monthly_2020.nc" "$out/sites/training.nc"
