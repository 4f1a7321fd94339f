#!/usr/bin/env bash
# Derives the sample world's real elevation grid, data/real/elevation/elevation_0.5deg.nc, once, offline.
#
# CDO's built-in operator `topo` writes a global 0.5 degree topography grid that CDO carries in its source
# (src/etopo.h: ETOPO2, NOAA NGDC's 2 arc-minute global relief, ice surface, remapped to 0.5 degrees and
# stored to a third of a metre). Nothing is downloaded. The sample world needs land elevation only, so the
# sea floor and the few land cells below sea level (Caspian, Dead Sea, coasts where ETOPO's coastline and
# Kottek's differ) are set to 0 m here; that also makes the committed file small (~160 KB, int16, zlib 9).
# Cells are those of the Kottek Koppen map: centres at x.25 / x.75 degrees.
#
# Usage: scripts/derive-elevation.sh [OUTPUT]   (needs cdo; scripts/setup-ingest.sh installs it)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-data/real/elevation/elevation_0.5deg.nc}"
command -v cdo >/dev/null || { echo "derive-elevation: cdo is not installed (scripts/setup-ingest.sh installs it)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "${out}.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
cdo -s --no_history -f nc4 -z zip_9 -b I16 \
  setattribute,elevation@long_name="surface elevation above sea level (ice surface; sea floor and land below sea level set to 0 m)",source="ETOPO2 (NOAA NGDC 2-minute gridded global relief 2001) at 0.5 degrees as built into CDO (operator topo; src/etopo.h)",derived_by="scripts/derive-elevation.sh: cdo topo then setrtoc -20000..0 to 0 then int16" \
  -setname,elevation -setrtoc,-20000,0,0 -topo "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "$out: $(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
