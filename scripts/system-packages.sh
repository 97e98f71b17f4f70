#!/usr/bin/env bash
# Makes sure the Debian/Ubuntu packages named as arguments are installed:
#   bash scripts/system-packages.sh chromium libkrb5-dev
# Missing ones are installed with apt-get when that needs no question: as root (CI, a container)
# or with a sudo that needs no password. Otherwise it stops at once and prints the one command
# to run, so `npm test` / `npm start` never sit at a password prompt or fail halfway through.
set -euo pipefail
(($#)) || exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian or Ubuntu: the names below are Debian's; the steps that need them say what failed.
  echo "system-packages: not a Debian/Ubuntu system; make sure these (or their equivalents) are installed: $*" >&2
  exit 0
fi

missing=()
for package in "$@"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
((${#missing[@]})) || exit 0

if [[ $EUID -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "system-packages: missing Debian packages: ${missing[*]}" >&2
  echo "Run this once, then the same npm command again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "system-packages: installing ${missing[*]} (apt-get)"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
