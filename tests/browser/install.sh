#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium and node (through apt-install.sh), and
# playwright-core exactly as pinned in package-lock.json (npm ci; no browser download: the tests
# drive /usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../scripts/apt-install.sh" browser-tests chromium nodejs npm
cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
