#!/usr/bin/env bash
# Builds the runtime image, docker.io/chainblock/runtime:<chart appVersion>, without a Docker
# daemon or a registry: the base from base.sh, then the runtime jar and its dependencies from
# runtime-image/target (mvn -pl runtime-image -am package). Writes
# /var/cache/chainblock/images/runtime.tar for `ctr -n k8s.io images import` or `docker load`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

need_tools buildah
target="$image_root/runtime-image/target"
app_image runtime "docker.io/chainblock/runtime:$(image_tag)" "$("$here/base.sh")" \
  "$here/chainblock" "$target/chainblock-runtime.jar" "$target/lib"
