#!/usr/bin/env bash
# Builds the three images the cluster tests and the chart use, without a Docker daemon or any
# image pull, and leaves them in /var/cache/chainblock/images as archives for
# `ctr -n k8s.io images import` (or `docker load`):
#   runtime.tar   docker.io/chainblock/runtime:<chart appVersion>   (shard pods, the CLI)
#   operator.tar  docker.io/chainblock/operator:<chart appVersion>
#   minio.tar     docker.io/chainblock/minio:<MinIO version of minio.sh>   (chart value minio.enabled)
# Idempotent: the Debian base, the Java runtime and the dependency layers are cached by content
# hash, and an image whose inputs did not change is not rebuilt. Needs root, buildah and
# debootstrap (apt-get install buildah debootstrap), and a JDK 21+ to jlink from.
#
# CHAINBLOCK_IMAGES   image cache (default /var/cache/chainblock/images)
# SKIP_MAVEN=1        use the jars already in runtime-image/target and operator/target
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "build-images: run as root, or install buildah and debootstrap" >&2; exit 1; }
  echo "build-images: installing buildah and debootstrap" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null
fi

if [ "${SKIP_MAVEN:-}" != 1 ]; then
  JAVA_HOME="$(runtime-image/bin/find-jdk)"
  export JAVA_HOME
  mvn -B -ntp -q -pl runtime-image,operator -am package -DskipTests
fi

bash runtime-image/image/build.sh
bash operator/image/build.sh
bash e2e/scripts/minio-image.sh

# A rebuilt image leaves its predecessor untagged in buildah's storage, where vfs keeps a full
# copy of every layer: drop those, the cached base layers stay.
. runtime-image/image/lib.sh
bah rmi --prune >/dev/null
ls -l "${CHAINBLOCK_IMAGES:-/var/cache/chainblock/images}"/*.tar >&2
