#!/usr/bin/env bash
# What the ingest stage needs beyond scripts/setup.sh: CDO, the reference tool of the `ingest` benchmark
# (bench/run.sh ingest) and of tests that check ingest outputs independently. Idempotent.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" || "${TAMRL_SETUP_QUIET:-}" == 1 ]] && QUIET=1
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"
apt_ensure setup-ingest cdo
