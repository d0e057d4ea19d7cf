#!/usr/bin/env bash
# Every test of the project: installs the tools the tests need, then builds all modules and
# runs their unit, integration and sample tests with Maven (caches stay in ~/.m2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash e2e/scripts/install-tools.sh
JAVA_HOME="$(runtime-image/bin/find-jdk)"
export JAVA_HOME
echo "run-tests: JDK $JAVA_HOME, $(mvn -v | head -1)"

mvn -B -ntp verify
