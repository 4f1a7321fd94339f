#!/usr/bin/env bash
# bench/run.sh corrupt [--seed N] [--per-file N]
# Corrupt inputs of the formats the pipeline reads, made from the real files in data/real by a seeded mutator
# (bench/corrupt/mutate.py: truncation, flipped bytes, a zeroed block; for CSV and JSON also NaN/Inf/text in place of
# values, wrong types; for FLUXNET tower files NaN, Infinity or text in a value, dates out of order or twice, a bad
# TIMESTAMP, a file ending inside a line, a missing column), each given to the tamrl verb that reads it: `inspect` for NetCDF-3/4, HDF4, GRIB and Zarr (it
# decodes every value), `ingest` for a JSON configuration, `extract-sites` (driverSource towers) for a tower file. A case passes when tamrl exits 0 (the damage does not change what the file says, e.g. a flipped data byte) or 2
# with an error line naming the file; it fails on a crash (a signal: a native library fault), on any other exit status
# (an unhandled exception), or on a hang (60 s). Prints one row per format and the failures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed=1
per_file=12
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --per-file) per_file="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/tamrl-corrupt.XXXXXX)"
trap 'rm -rf "$work"' EXIT
R="$ROOT/data/real"
python3 "$ROOT/bench/corrupt/mutate.py" --seed "$seed" --per-file "$per_file" --out "$work/cases" \
  netcdf4="$R/era5/new-cds-era5/era5_total_precipitation_2020-1.nc" \
  netcdf4="$R/modis/appeears/MCD12Q1.051_aid0001.nc" \
  netcdf3="$R/era5/point/era5_testfile_1day.nc" \
  hdf4="$R/modis/MCD15A2_h00v08_2002185_sample.hdf" \
  grib="$R/era5/grib/era5-single-level-scalar-time.grib" \
  grib="$R/era5/grib/soil-surface-level-mix.grib" \
  zarr="$ROOT/tests/fixtures/zarr/v3-zarrita" \
  json="$ROOT/jobs/real-inputs.json" \
  tower="$R/towers-fluxnet2015/FLX_AU-GWW_FLUXNET2015_DERIVED_DD_2013-2014.csv" \
  tower="$R/towers-fluxnet2015/FLX_DE-Zrk_FLUXNET2015_DERIVED_DD_2013-2014.csv" > "$work/cases.tsv"
printf 'case\tformat\tmutation\trc\tverdict\tmessage\n' > "$work/results.tsv"
while IFS=$'\t' read -r path format mutation; do
  if [[ "$format" == json ]]; then
    cmd=("$ROOT/tamrl" ingest --config "$path" --out "$work/out")
  elif [[ "$format" == tower ]]; then
    cmd=("$ROOT/tamrl" extract-sites --config "$path/job.json" --out "$work/out")
  else
    cmd=("$ROOT/tamrl" inspect "$path")
  fi
  set +e
  timeout 60 "${cmd[@]}" > "$work/stdout" 2> "$work/stderr"
  rc=$?
  set -e
  message="$(cat "$work/stderr" "$work/stdout" | grep -m1 -E '^(error|Problem:)' | cut -c1-200 || true)"
  if [[ $rc -eq 0 ]]; then verdict=accepted
  elif [[ $rc -eq 2 && ( "$message" == *"$(basename "$path")"* || ( "$format" == tower && "$message" == *FLX_* ) ) ]]; then verdict=refused
  elif [[ $rc -eq 2 ]]; then verdict="refused-unnamed"
  elif [[ $rc -eq 124 ]]; then verdict=HANG
  elif [[ $rc -ge 128 ]]; then verdict=CRASH
  else verdict=UNHANDLED; message="$(tail -c 300 "$work/stderr" | tr '\n' ' ')"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$path")" "$format" "$mutation" "$rc" "$verdict" "$message" >> "$work/results.tsv"
  rm -rf "$work/out"
done < "$work/cases.tsv"
python3 - "$work/results.tsv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
by = collections.OrderedDict()
for r in rows:
    by.setdefault(r['format'], collections.Counter())[r['verdict']] += 1
print('| format | cases | accepted (harmless) | refused naming the file | refused, file not named | unhandled | crash | hang |')
print('|---|---:|---:|---:|---:|---:|---:|---:|')
for f, c in by.items():
    print(f"| {f} | {sum(c.values())} | {c['accepted']} | {c['refused']} | {c['refused-unnamed']} | {c['UNHANDLED']} | {c['CRASH']} | {c['HANG']} |")
bad = [r for r in rows if r['verdict'] not in ('accepted', 'refused')]
print(f"\n{len(rows)} cases, {len(bad)} not refused cleanly")
for r in bad:
    print(f"- {r['format']} {r['mutation']}: rc {r['rc']} {r['verdict']}: {r['message']}")
PY
