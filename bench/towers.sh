#!/usr/bin/env bash
# The real-tower comparison (bench/run.sh towers): TAM-RL, CT-LSTM, TAMLSTM and LightGBM trees on real FLUXNET2015
# towers with their own meteorology, IGBP- and Koppen-stratified site splits repeated over split seeds.
#   bench/run.sh towers [--towers DIR] [--config FILE] [--out DIR] [--validation] [--quick]
#     --towers DIR   folder with sites.csv and the daily tower files (default: ../shared/data/real/towers-fluxnet2015,
#                    else the 12 towers in data/real/towers-fluxnet2015)
#     --config FILE  the model configuration (default bench/towers/final.model.json); dataset and splits are set here
#     --validation   score on validation sites drawn from each split's training sites (how settings were chosen)
#     --quick        the 12 shipped towers, tiny models, one split seed (minutes; what the tests run)
# Prints the table of mean per-site RMSE relative to the trees with its intervals, and writes OUT/reports.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
towers="$ROOT/../shared/data/real/towers-fluxnet2015"
[[ -d "$towers" ]] || towers="$ROOT/data/real/towers-fluxnet2015"
config="$ROOT/bench/towers/final.model.json"
out="$ROOT/bench/out/towers"
extra=()
while (($#)); do
  case "$1" in
    --towers) towers="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --validation) extra+=(--validation); shift ;;
    --quick) towers="$ROOT/data/real/towers-fluxnet2015"; config="$ROOT/bench/towers/quick.model.json"; shift ;;
    *) echo "towers: unknown argument $1" >&2; exit 2 ;;
  esac
done
towers="$(cd "$towers" && pwd)"
mkdir -p "$out"
cat > "$out/sites.json" <<JSON
{ "name": "real-towers", "seed": 42,
  "sites": { "towers": "$towers", "driverSource": "towers",
             "columns": { "gpp": "GPP_NT_VUT_REF", "reco": "RECO_NT_VUT_REF", "nee": "NEE_VUT_REF", "neeQc": "NEE_VUT_REF_QC" } } }
JSON
start=$(date +%s)
"$ROOT/tamrl" extract-sites --config "$out/sites.json" --out "$out" >&2
# The model configuration with this run's dataset and the CarbonBench results beside it.
python3 - "$config" "$out" "$ROOT/data/real/carbonbench" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
config = json.loads(re.sub(r'^\s*//.*$', '', text, flags=re.M))
config["dataset"] = sys.argv[2] + "/sites/training.nc"
config["splits"] = sys.argv[2] + "/sites/splits.json"
config["carbonBench"] = sys.argv[3]
json.dump(config, open(sys.argv[2] + "/model.json", "w"), indent=2)
PY
"$ROOT/tamrl" evaluate --config "$out/model.json" --out "$out" "${extra[@]}" >&2
elapsed=$(( $(date +%s) - start ))
python3 - "$out/reports/evaluation.json" "$elapsed" "$towers" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"towers: {sys.argv[3]}; scored on: {report['provenance'].get('scored_on', 'test sites')}; repeats (split seeds): {report['repeats']}; wall {int(sys.argv[2])} s")
print(f"{'split':7} {'model':8} {'flux':4} {'sites':>5} {'mean RMSE':>9} {'median':>7} {'mean R2':>7} {'med R2':>6} {'ratio':>6} {'95% CI (repeats)':>17} {'wins/losses':>11} {'sign p':>7} {'pooled':>6} {'95% CI (boot)':>13}")
for split, body in report["splits"].items():
    for model, fluxes in body["models"].items():
        for flux in ("gpp", "nee", "reco"):
            m = fluxes.get(flux)
            if m is None:
                continue
            v = m.get("versus_trees") or {}
            ci = v.get("ratio_ci95")
            f = lambda x, p=3: "-" if x is None else f"{x:.{p}f}"
            boot = v.get("pooled_ratio_bootstrap_ci95")
            wl = f"{v['wins']}/{v['losses']}" if v else "-"
            sign = "-" if not v else f"{v['sign_test_p']:.2g}"
            print(f"{split:7} {model:8} {flux:4} {m['sites']:>5} {f(m['rmse'],2):>9} {f(m.get('median_rmse'),2):>7} {f(m['r2'],2):>7} {f(m.get('median_r2'),2):>6} "
                  f"{f(v.get('ratio_mean')):>6} {('-' if not ci else f'{ci[0]:.3f}-{ci[1]:.3f}'):>17} "
                  f"{wl:>11} {sign:>7} "
                  f"{f(v.get('pooled_ratio')):>6} {('-' if not boot else f'{boot[0]:.3f}-{boot[1]:.3f}'):>13}")
PY
