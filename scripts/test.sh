#!/usr/bin/env bash
# Runs every test of TamRl.Upscale on a fresh Debian 12 machine: installs what is missing, builds, tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$ROOT"
dotnet test TamRl.Upscale.sln -c Release -nologo --logger "console;verbosity=minimal" "$@"
