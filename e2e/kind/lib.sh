# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables are for the scripts that source this file
# Shared by e2e/kind/*.sh: the pinned kind release and node image, the cluster's name and
# kubeconfig, and the tools the scripts and the suite need.

# kind v0.33.0 lists this image among those built for it (its release notes): Kubernetes 1.34,
# the minor e2e/kube-build/go.mod pins for the local cluster.
readonly KIND_VERSION=v0.33.0
readonly KIND_NODE_IMAGE="kindest/node:v1.34.11@sha256:44e222ee2132dab25ff87301682f89eb82c7880ea3a1bf543bfe9708fd08d67d"

kind_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$kind_dir/../.." && pwd)"
cluster="${CHAINBLOCK_KIND_CLUSTER:-chainblock-e2e}"
node_image="${CHAINBLOCK_KIND_NODE_IMAGE:-$KIND_NODE_IMAGE}"
state="${CHAINBLOCK_KIND_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/chainblock-kind}"
kubeconfig="$state/$cluster.kubeconfig"
mkdir -p "$state"

# The tool caches of e2e/scripts (root) or their like in the user's cache; the suite finds helm and
# kubectl through the same variables, and PATH.
if [ "$(id -u)" -eq 0 ]; then
  cache_root=/var/cache/chainblock
else
  cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/chainblock"
fi
export CHAINBLOCK_TOOLS="${CHAINBLOCK_TOOLS:-$cache_root/tools}"
export CHAINBLOCK_KUBE_CACHE="${CHAINBLOCK_KUBE_CACHE:-$cache_root/kube}"
export KUBE_API_TEST_DIR="${KUBE_API_TEST_DIR:-$cache_root/kube-api-test}"
kube_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' "$repo_root/e2e/kube-build/go.mod")"
export PATH="$PATH:$CHAINBLOCK_TOOLS/bin:$CHAINBLOCK_KUBE_CACHE/$kube_version/bin"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }

# kind from PATH, else built once from the Go module proxy.
need_kind() {
  if command -v kind >/dev/null; then
    return
  fi
  command -v go >/dev/null || die "kind is missing: install kind $KIND_VERSION, or Go to build it"
  log "building kind $KIND_VERSION into $CHAINBLOCK_TOOLS/bin"
  GOBIN="$CHAINBLOCK_TOOLS/bin" go install "sigs.k8s.io/kind@$KIND_VERSION"
}

# kubectl and helm from PATH, else built by e2e/scripts/kube-binaries.sh into the caches above.
need_kube_tools() {
  local missing=()
  command -v kubectl >/dev/null || missing+=(kubectl)
  command -v helm >/dev/null || missing+=(helm)
  if [ "${#missing[@]}" -gt 0 ]; then
    command -v go >/dev/null || die "${missing[*]} missing: install them, or Go to build them"
    bash "$repo_root/e2e/scripts/kube-binaries.sh" "${missing[@]}"
  fi
}
