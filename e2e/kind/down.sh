#!/usr/bin/env bash
# Deletes the Kind cluster of e2e/kind/up.sh and its kubeconfig; nothing to do when it is gone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

if command -v kind >/dev/null && kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  kind delete cluster --name "$cluster"
fi
rm -f "$kubeconfig"
