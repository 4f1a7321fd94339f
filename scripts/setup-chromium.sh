#!/usr/bin/env bash
# Debian's chromium, for the test that opens the Hangfire dashboard headless; idempotent.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" || "${TAMRL_SETUP_QUIET:-}" == 1 ]] && QUIET=1
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"
apt_ensure setup-chromium chromium
