#!/usr/bin/env bash
# apt-install.sh NAME PACKAGE...: installs the Debian packages that are missing, as root or
# through sudo; does nothing when all are installed. NAME prefixes its messages.
set -euo pipefail
name=$1
shift
missing=()
for p in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "$name: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "$name: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
