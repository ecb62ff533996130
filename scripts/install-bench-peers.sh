#!/usr/bin/env bash
# Installs the two peers that bench/run_speed_comparison.sh measures storyline against:
#   readability-lxml  (Debian python3-readability, run by the system /usr/bin/python3)
#   Readability.js    (@mozilla/readability + jsdom from npm, pinned in bench/peers/, run by node)
# Works as root or through sudo for the Debian part; installs only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="$ROOT/bench/peers"

PACKAGES=(python3 python3-readability python3-lxml)
# Debian's nodejs (18 on bookworm) is enough for the pinned jsdom; a newer node already on
# the machine (e.g. from another repository) is used as it is.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-bench-peers "${PACKAGES[@]}"

cd "$PEERS"
if [ -f package-lock.json ]; then
  # Exactly the committed versions; skipped when node_modules is already newer than the lock.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
else
  npm install --no-audit --no-fund --loglevel=error
fi

/usr/bin/python3 -c 'import readability, lxml' \
  || { echo "install-bench-peers: python3-readability is not importable by /usr/bin/python3" >&2; exit 1; }
node -e 'require("jsdom"); require("@mozilla/readability")' \
  || { echo "install-bench-peers: jsdom / @mozilla/readability did not load under node" >&2; exit 1; }
echo "install-bench-peers: ready (readability-lxml $(dpkg-query -W -f='${Version}' python3-readability), node $(node --version))" >&2
