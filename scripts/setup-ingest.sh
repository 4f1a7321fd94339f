#!/usr/bin/env bash
# What the ingest stage needs beyond scripts/setup.sh: CDO, the reference tool of the `ingest` benchmark
# (bench/run.sh ingest) and of tests that check ingest outputs independently. Idempotent.
set -euo pipefail
if command -v cdo >/dev/null; then
  [[ "${TAMRL_SETUP_QUIET:-}" == 1 ]] || echo "setup-ingest: cdo present" >&2
  exit 0
fi
SUDO=""
[[ $(id -u) == 0 ]] || SUDO="sudo"
echo "setup-ingest: installing cdo" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends cdo >/dev/null
