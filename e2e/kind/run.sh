#!/usr/bin/env bash
# The end-to-end suite on Kind: e2e/kind/up.sh, then the same suite as on the local cluster
# (e2e/cluster/run-suite.sh with Kind's kubeconfig), then e2e/kind/down.sh whatever happened
# (CHAINBLOCK_KIND_KEEP=1 keeps the cluster). Maven arguments pass through, e.g.
#   e2e/kind/run.sh -Dit.test=FaultsClusterIT
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# the suite's JVM finds helm and kubectl through the variables and PATH lib.sh sets
# shellcheck source=lib.sh
. "$here/lib.sh"

if [ "${CHAINBLOCK_KIND_KEEP:-}" != 1 ]; then
  trap 'bash "$here/down.sh"' EXIT
fi
kubeconfig="$(bash "$here/up.sh" | tail -1)"
bash "$here/../cluster/run-suite.sh" "$kubeconfig" "$@"
