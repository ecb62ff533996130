#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium and node (through apt-install.sh), and
# playwright-core exactly as pinned in package-lock.json (npm ci; no browser download: the tests
# drive /usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../scripts/apt-install.sh" browser-tests chromium
# node and npm from Debian only when the machine has none (a node installed otherwise, e.g.
# NodeSource's, conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  "$here/../../scripts/apt-install.sh" browser-tests nodejs npm
fi
cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
