#!/usr/bin/env bash
# Builds the operator image, docker.io/chainblock/operator:<chart appVersion>, on the same base as
# the runtime image (runtime-image/image/base.sh, so the two share their base layers on a node),
# from operator/target (mvn -pl operator -am package). Writes
# /var/cache/chainblock/images/operator.tar for `ctr -n k8s.io images import` or `docker load`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
images="$here/../../runtime-image/image"
. "$images/lib.sh"

need_tools buildah
target="$image_root/operator/target"
jars=()
for jar in "$target"/chainblock-operator*.jar; do
  case "$jar" in *-sources.jar | *-tests.jar | *-javadoc.jar) ;; *) jars+=("$jar") ;; esac
done
[ "${#jars[@]}" -eq 1 ] || die "expected one operator jar in $target, found ${#jars[@]}: mvn -pl operator -am package"
app_image operator "docker.io/chainblock/operator:$(image_tag)" "$("$images/base.sh")" \
  "$here/chainblock-operator" "${jars[0]}" "$target/lib"
