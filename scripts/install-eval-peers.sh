#!/usr/bin/env bash
# Installs the peer that eval/stories measures storyline's story clustering against:
#   scikit-learn (Debian python3-sklearn: TF-IDF + agglomerative clustering), run by the
#   system /usr/bin/python3 from eval/stories/sklearn_peer.py.
# Works as root or through sudo; installs only what is missing.
set -euo pipefail

PACKAGES=(python3 python3-sklearn python3-numpy python3-scipy)

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-eval-peers "${PACKAGES[@]}"

/usr/bin/python3 -c 'import sklearn, numpy, scipy' \
  || { echo "install-eval-peers: python3-sklearn is not importable by /usr/bin/python3" >&2; exit 1; }
echo "install-eval-peers: ready (scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'))" >&2
