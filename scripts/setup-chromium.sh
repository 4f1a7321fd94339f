#!/usr/bin/env bash
# Debian's chromium, for the test that opens the Hangfire dashboard headless; idempotent.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
if dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  [[ $QUIET == 1 ]] || echo "setup-chromium: chromium present" >&2
  exit 0
fi
SUDO=""
[[ $(id -u) == 0 ]] || SUDO="sudo"
echo "setup-chromium: installing Debian package chromium" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
