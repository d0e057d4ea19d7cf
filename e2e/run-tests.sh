#!/usr/bin/env bash
# Every test of the project: installs the tools the tests need, builds all modules and runs their
# unit, integration and sample tests with Maven (caches stay in ~/.m2), then brings up a
# single-node Kubernetes cluster on this machine (e2e/cluster/up.sh), runs the end-to-end suite
# on it and tears it down, whether the suite passed or not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash e2e/scripts/install-tools.sh
JAVA_HOME="$(runtime-image/bin/find-jdk)"
export JAVA_HOME
echo "run-tests: JDK $JAVA_HOME, $(mvn -v | head -1)"

mvn -B -ntp verify

# A cluster an interrupted run left behind goes first: the suite starts on a fresh one.
bash e2e/cluster/down.sh
trap 'bash e2e/cluster/down.sh' EXIT
# the jars `mvn verify` just built go into the images
kubeconfig="$(SKIP_MAVEN=1 bash e2e/cluster/up.sh)"
bash e2e/cluster/run-suite.sh "$kubeconfig"
