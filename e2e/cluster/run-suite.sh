#!/usr/bin/env bash
# Runs the end-to-end suite against a running cluster: the *ClusterIT classes of
# e2e/src/test/java/io/chainblock/e2e/cluster, through Maven's `cluster` profile (failsafe), after
# building the modules they need. The suite installs the chart with Helm into namespaces of its own,
# runs the samples and the fault cases, and removes what it created; it fails when the cluster is
# missing or unreachable.
#
#   e2e/cluster/run-suite.sh KUBECONFIG [MAVEN ARGS...]     e.g. -Dit.test=FaultsClusterIT
#
# The cluster must hold the images docker.io/chainblock/{runtime,operator}:<chart appVersion> and
# docker.io/chainblock/minio:<minio.image.tag of the chart's values> (e2e/scripts/build-images.sh
# builds them), since its pods pull nothing. kubectl and helm: $CHAINBLOCK_KUBECTL, else the ones
# e2e/scripts/kube-binaries.sh built, else PATH. CHAINBLOCK_E2E_KEEP=1 leaves the suite's
# namespaces and release in place after the run, for a look.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [ "$#" -lt 1 ]; then
  echo "usage: e2e/cluster/run-suite.sh KUBECONFIG [MAVEN ARGS...]" >&2
  exit 2
fi
[ -r "$1" ] || { echo "run-suite: no readable kubeconfig at $1 (is the cluster up?)" >&2; exit 1; }
kubeconfig="$(realpath "$1")"
shift

JAVA_HOME="$(runtime-image/bin/find-jdk)"
export JAVA_HOME
export CHAINBLOCK_E2E_KUBECONFIG="$kubeconfig"
echo "run-suite: the cluster suite against $kubeconfig" >&2
exec mvn -B -ntp -Pcluster -pl e2e -am verify "$@"
