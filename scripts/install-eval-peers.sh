#!/usr/bin/env bash
# Installs the peer that eval/stories measures storyline's story clustering against:
#   scikit-learn (Debian python3-sklearn: TF-IDF + agglomerative clustering), run by the
#   system /usr/bin/python3 from eval/stories/sklearn_peer.py.
# Works as root or through sudo; installs only what is missing.
set -euo pipefail

PACKAGES=(python3 python3-sklearn python3-numpy python3-scipy)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "install-eval-peers: need root or sudo to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "install-eval-peers: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

/usr/bin/python3 -c 'import sklearn, numpy, scipy' \
  || { echo "install-eval-peers: python3-sklearn is not importable by /usr/bin/python3" >&2; exit 1; }
echo "install-eval-peers: ready (scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'))" >&2
