#!/usr/bin/env bash
# A Kind cluster for the end-to-end suite, on a machine with Docker and access to a registry (the
# project's own machines have neither, and run the suite on e2e/cluster/up.sh instead):
#
#   e2e/kind/up.sh        creates the cluster (or reuses it), loads the images, prints the kubeconfig
#
# Then `e2e/cluster/run-suite.sh KUBECONFIG` runs the very same suite; e2e/kind/run.sh does all of
# it and deletes the cluster afterwards. Pinned: kind and its node image for the Kubernetes minor
# e2e/kube-build/go.mod pins, by digest, as the kind release notes list it.
#
# The images the chart needs are built here and loaded with `kind load`, since the chart's tags
# are in no registry:
#   CHAINBLOCK_KIND_BUILD=docker (default)  docker build of runtime-image/Dockerfile,
#       operator/Dockerfile and e2e/kind/minio.Dockerfile, after `mvn package` of the jars;
#       loaded with `kind load docker-image`
#   CHAINBLOCK_KIND_BUILD=buildah           e2e/scripts/build-images.sh, the daemonless build of
#       the local cluster (root, Debian/Ubuntu); its archives loaded with `kind load image-archive`
#
# CHAINBLOCK_KIND_CLUSTER   cluster name (default chainblock-e2e)
# CHAINBLOCK_KIND_STATE     where the kubeconfig goes (default ${XDG_STATE_HOME:-~/.local/state}/chainblock-kind)
# CHAINBLOCK_KIND_NODE_IMAGE  another node image (default: the pinned one in e2e/kind/lib.sh)
# kind, kubectl and helm: taken from PATH, else built from the Go module proxy (kind into
# $CHAINBLOCK_TOOLS/bin, kubectl and helm by e2e/scripts/kube-binaries.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
root="$repo_root"

command -v docker >/dev/null || die "docker is needed: Kind runs its node as a Docker container"
docker info >/dev/null 2>&1 || die "docker does not answer (is the daemon running, may this user use it?)"
need_kind
need_kube_tools

build="${CHAINBLOCK_KIND_BUILD:-docker}"
tag="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/helm/chainblock/Chart.yaml")"
minio_tag="$(sed -n '/^minio:/,/^[^ ]/ s/^    tag: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/helm/chainblock/values.yaml")"
if [ -z "$tag" ] || [ -z "$minio_tag" ]; then
  die "cannot read the image tags from helm/chainblock"
fi
images=("docker.io/chainblock/runtime:$tag" "docker.io/chainblock/operator:$tag" "docker.io/chainblock/minio:$minio_tag")

case "$build" in
  docker)
    JAVA_HOME="$("$root/runtime-image/bin/find-jdk")"
    export JAVA_HOME
    log "building the jars"
    (cd "$root" && mvn -B -ntp -q -pl runtime-image,operator -am package -DskipTests)
    log "building ${images[*]} with docker"
    docker build -q -f "$root/runtime-image/Dockerfile" -t "${images[0]}" "$root" >/dev/null
    docker build -q -f "$root/operator/Dockerfile" -t "${images[1]}" "$root" >/dev/null
    docker build -q -f "$here/minio.Dockerfile" --build-arg "MINIO_VERSION=$minio_tag" -t "${images[2]}" "$here" >/dev/null
    ;;
  buildah)
    bash "$root/e2e/scripts/build-images.sh"
    ;;
  *) die "CHAINBLOCK_KIND_BUILD=$build: use docker or buildah" ;;
esac

if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  log "cluster $cluster exists: reusing it"
  kind export kubeconfig --name "$cluster" --kubeconfig "$kubeconfig" >/dev/null
else
  log "creating cluster $cluster ($node_image)"
  kind create cluster --name "$cluster" --image "$node_image" --kubeconfig "$kubeconfig" --wait 5m
fi

if [ "$build" = docker ]; then
  kind load docker-image --name "$cluster" "${images[@]}"
else
  images_dir="${CHAINBLOCK_IMAGES:-/var/cache/chainblock/images}"
  for archive in runtime operator minio; do
    kind load image-archive --name "$cluster" "$images_dir/$archive.tar"
  done
fi

kubectl --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=180s >/dev/null
kubectl --kubeconfig "$kubeconfig" -n kube-system rollout status deployment/coredns --timeout=180s >/dev/null
log "cluster $cluster is up with ${images[*]}"
echo "$kubeconfig"
