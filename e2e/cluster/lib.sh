# Shared by up.sh and down.sh: where the single-node cluster lives and how its processes are
# tracked. Every address is local: the API server and the kubelet listen on NODE_IP, an address
# on an interface of its own these scripts create; pods get addresses on their own bridge.
#
# CHAINBLOCK_CLUSTER_DIR  certificates, configs, logs, pids and the node's state
#                         (default /var/lib/chainblock-cluster)
# CHAINBLOCK_CLUSTER_RUN  sockets and containerd's runtime state (default /run/chainblock-cluster)

cluster_dir="${CHAINBLOCK_CLUSTER_DIR:-/var/lib/chainblock-cluster}"
run_dir="${CHAINBLOCK_CLUSTER_RUN:-/run/chainblock-cluster}"
cluster_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$cluster_scripts/../.." && pwd)"

readonly NODE_NAME=chainblock-node
readonly NODE_INTERFACE=cb-node
readonly NODE_IP=10.240.0.1
readonly POD_BRIDGE=cb-pods
readonly CLUSTER_CIDR=10.244.0.0/16
readonly NODE_POD_CIDR=10.244.0.0/24
readonly SERVICE_CIDR=10.96.0.0/16
readonly KUBERNETES_SERVICE_IP=10.96.0.1
readonly DNS_SERVICE_IP=10.96.0.10
readonly CLUSTER_DOMAIN=cluster.local
# Not etcd's default ports, so a cluster can run beside the kube-api-test servers of the tests.
readonly ETCD_CLIENT_PORT=32379
readonly ETCD_PEER_PORT=32380
readonly API_PORT=6443
# The images addon-images.sh builds: the pods' sandbox, and the CoreDNS release Kubernetes v1.34
# ships with (kubeadm's default).
readonly PAUSE_VERSION=1.0
readonly COREDNS_VERSION=v1.12.1

pki="$cluster_dir/pki"
logs="$cluster_dir/logs"
pids="$cluster_dir/pids"
kubeconfig="$cluster_dir/admin.kubeconfig"
containerd_socket="$run_dir/containerd/containerd.sock"

kube_version() {
  awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' "$repo_root/e2e/kube-build/go.mod"
}
kube_bin="${CHAINBLOCK_KUBE_CACHE:-/var/cache/chainblock/kube}/$(kube_version)/bin"
images_cache="${CHAINBLOCK_IMAGES:-/var/cache/chainblock/images}"

say() { echo "$(basename "$0"): $*" >&2; }
die() { say "$*"; exit 1; }

# The pid a component was started with, when that process still runs the same program.
running_pid() {
  local name="$1" pid
  pid="$(cat "$pids/$name.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(cat "$pids/$name.exe" 2>/dev/null)" = "$(readlink "/proc/$pid/exe" 2>/dev/null)" ] || return 1
  echo "$pid"
}

ctr_k8s() {
  ctr --address "$containerd_socket" --namespace k8s.io "$@"
}
