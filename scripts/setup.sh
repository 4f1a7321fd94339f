#!/usr/bin/env bash
# Installs what TamRl.Upscale needs on a Debian 12 machine, idempotently: a second run skips what is done.
#   scripts/setup.sh            Debian packages + build of the `tamrl` command
#   scripts/setup.sh --quiet    the same, printing only what it does
# Debian packages: netCDF-C and GDAL (bound by P/Invoke in src/TamRl.Upscale.IO), their command-line
# tools (the tests check files with ncdump and gdalinfo, the benchmarks compare against nccopy and
# gdal_translate); libzstd1 and libblosc1 for the managed Zarr v3 reader's codecs, zstd for a test that
# compresses a chunk with the reference tool.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
say() { [[ $QUIET == 1 ]] || echo "setup: $*" >&2; }

APT_PACKAGES=(libnetcdf19 netcdf-bin libgdal32 gdal-bin libzstd1 libblosc1 zstd)

source "$ROOT/scripts/lib/apt-ensure.sh"
apt_ensure setup "${APT_PACKAGES[@]}"

TAMRL_SETUP_QUIET=$QUIET "$ROOT/scripts/setup-ingest.sh"   # cdo (ingest benchmark and checks)
"$ROOT/scripts/setup-products.sh" "$@"   # products: udunits-bin
# Hangfire orchestration: a local PostgreSQL (job store + run table) and chromium (dashboard test).
"$ROOT/scripts/setup-postgres.sh" $([[ $QUIET == 1 ]] && echo --quiet) >/dev/null
"$ROOT/scripts/setup-chromium.sh" $([[ $QUIET == 1 ]] && echo --quiet)
"$ROOT/scripts/setup-model.sh" $([[ $QUIET == 1 ]] && echo --quiet)

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }

# Build the command-line tool only when a source file changed since the last build.
STAMP="$ROOT/.build/cli.stamp"
if [[ -f "$STAMP" && -f "$ROOT/.build/cli/tamrl.dll" ]] && \
   [[ -z "$(find "$ROOT/src" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" -newer "$STAMP" -type f -print -quit)" ]]; then
  say "tamrl is up to date"
else
  echo "setup: building tamrl (NuGet restore included)" >&2
  # Two tamrl commands started at once (a worker and a CLI verb, two benchmark suites) must not build the same
  # obj/ folders at the same time: MSBuild fails on the other's locked files. The lock is held for the build only.
  mkdir -p "$ROOT/.build"
  flock "$ROOT/.build/build.lock" dotnet build "$ROOT/src/TamRl.Upscale.Cli/TamRl.Upscale.Cli.csproj" -c Release -o "$ROOT/.build/cli" -nologo -v quiet >&2
  touch "$STAMP"
fi
