#!/usr/bin/env bash
# Brings up a single-node Kubernetes cluster made of upstream components on this machine, the way
# Kubernetes' own hack/local-up-cluster.sh does, with nothing pulled from a registry:
#   etcd, kube-apiserver (RBAC, Node authorizer), kube-controller-manager, kube-scheduler,
#   containerd + runc, kubelet (cgroupfs), kube-proxy (iptables), a bridge CNI network, CoreDNS,
# and the Chainblock images (runtime, operator, MinIO) imported into the node's containerd.
# Idempotent: what already runs is left alone, what is built is not rebuilt. Prints the
# kubeconfig's path on stdout when the node is Ready and cluster DNS answers.
#
#   up.sh            everything above
#
# SKIP_MAVEN=1  the images are made from the jars already in runtime-image/target and
#               operator/target (the test command builds them first)
# Needs root (network interfaces, mounts, cgroups) and Debian packages it installs when missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "run as root: the kubelet and containerd need it"

install_packages() {
  local wanted=(containerd runc containernetworking-plugins buildah debootstrap iptables conntrack openssl gcc libc6-dev curl)
  local missing=() package
  for package in "${wanted[@]}"; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_everything() {
  bash "$repo_root/e2e/scripts/kube-binaries.sh" etcd kube-apiserver kube-controller-manager kube-scheduler \
    kubelet kube-proxy kubectl helm
  bash "$repo_root/e2e/scripts/build-images.sh"
  bash "$cluster_scripts/addon-images.sh"
}

# --- certificates -----------------------------------------------------------------------------

# cert NAME SUBJECT USAGE [SANS]: a key and a certificate signed by the cluster's CA.
cert() {
  local name="$1" subject="$2" usage="$3" sans="${4:-}"
  [ -f "$pki/$name.crt" ] && return
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$subject" \
    -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -z "$sans" ] || echo "subjectAltName=$sans"
  } >"$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

kubeconfig_for() {
  local name="$1" file="$cluster_dir/$1.kubeconfig"
  [ -f "$file" ] && return
  local kubectl="$kube_bin/kubectl"
  "$kubectl" --kubeconfig "$file.tmp" config set-cluster local --server "https://$NODE_IP:$API_PORT" \
    --certificate-authority "$pki/ca.crt" --embed-certs >/dev/null
  "$kubectl" --kubeconfig "$file.tmp" config set-credentials "$name" --client-certificate "$pki/$name.crt" \
    --client-key "$pki/$name.key" --embed-certs >/dev/null
  "$kubectl" --kubeconfig "$file.tmp" config set-context local --cluster local --user "$name" >/dev/null
  "$kubectl" --kubeconfig "$file.tmp" config use-context local >/dev/null
  mv "$file.tmp" "$file"
}

make_pki() {
  mkdir -p "$pki"
  chmod 700 "$pki"
  if [ ! -f "$pki/ca.crt" ]; then
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
      -subj "/CN=chainblock-cluster-ca" -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  fi
  [ -f "$pki/service-account.key" ] || {
    openssl genrsa -out "$pki/service-account.key" 2048 2>/dev/null
    openssl rsa -in "$pki/service-account.key" -pubout -out "$pki/service-account.pub" 2>/dev/null
  }
  local api_sans="IP:$NODE_IP,IP:127.0.0.1,IP:$KUBERNETES_SERVICE_IP,DNS:localhost,DNS:kubernetes"
  api_sans+=",DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN"
  cert kube-apiserver "/CN=kube-apiserver" serverAuth "$api_sans"
  cert kube-apiserver-kubelet-client "/CN=kube-apiserver-kubelet-client/O=system:masters" clientAuth
  cert admin "/CN=chainblock-admin/O=system:masters" clientAuth
  cert kube-controller-manager "/CN=system:kube-controller-manager" clientAuth
  cert kube-scheduler "/CN=system:kube-scheduler" clientAuth
  cert kube-proxy "/CN=system:kube-proxy" clientAuth
  cert kubelet "/CN=system:node:$NODE_NAME/O=system:nodes" clientAuth
  cert kubelet-serving "/CN=$NODE_NAME" serverAuth "IP:$NODE_IP,DNS:$NODE_NAME"
  local component
  for component in admin kube-controller-manager kube-scheduler kube-proxy kubelet; do
    kubeconfig_for "$component"
  done
}

# --- processes --------------------------------------------------------------------------------

# start NAME BINARY ARGS...: runs BINARY in a session of its own, logging to $logs/NAME.log, and
# records its pid; does nothing when NAME already runs.
start() {
  local name="$1" binary="$2"
  shift 2
  if running_pid "$name" >/dev/null; then
    return
  fi
  say "starting $name"
  # 9>&-: the daemon must not inherit (and so hold forever) the lock of this script
  setsid "$binary" "$@" >>"$logs/$name.log" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$pids/$name.pid"
  readlink -f "$binary" >"$pids/$name.exe"
}

# await WHAT SECONDS COMMAND...: polls COMMAND until it succeeds; on a timeout, shows the log of
# the component named WHAT.
await() {
  local what="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      [ ! -f "$logs/$what.log" ] || tail -n 30 "$logs/$what.log" >&2
      die "$what was not ready after ${seconds}s (log: $logs/$what.log)"
    fi
    if [ -f "$pids/$what.pid" ] && ! running_pid "$what" >/dev/null; then
      tail -n 30 "$logs/$what.log" >&2
      die "$what exited (log: $logs/$what.log)"
    fi
    sleep 0.5
  done
}

kubectl() {
  "$kube_bin/kubectl" --kubeconfig "$kubeconfig" "$@"
}

api_ready() {
  curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
    "https://$NODE_IP:$API_PORT/readyz" | grep -q ok
}

# --- node networking --------------------------------------------------------------------------

node_network() {
  # A bridge with no ports rather than a dummy interface: kernels without modules (a VM's) may
  # lack the dummy driver, and an address is as local on either.
  if ! ip link show "$NODE_INTERFACE" >/dev/null 2>&1; then
    ip link add "$NODE_INTERFACE" type bridge
  fi
  ip addr replace "$NODE_IP/32" dev "$NODE_INTERFACE"
  ip link set "$NODE_INTERFACE" up
  # Pods reach services through kube-proxy's rules, which see bridged traffic only with
  # br_netfilter's hook on; pods reach the node and each other through forwarding.
  sysctl -qw net.ipv4.ip_forward=1
  [ ! -e /proc/sys/net/bridge/bridge-nf-call-iptables ] || sysctl -qw net.bridge.bridge-nf-call-iptables=1
  mkdir -p "$cluster_dir/cni/net.d" "$cluster_dir/cni/networks"
  cat >"$cluster_dir/cni/net.d/10-chainblock.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "chainblock",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$POD_BRIDGE",
      "isGateway": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$NODE_POD_CIDR" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "$cluster_dir/cni/networks"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
}

# --- control plane ----------------------------------------------------------------------------

start_etcd() {
  start etcd "$kube_bin/etcd" --name "$NODE_NAME" --data-dir "$cluster_dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "$NODE_NAME=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls http://127.0.0.1:32381 \
    --quota-backend-bytes 2147483648 --log-level warn
  await etcd 60 curl -sf "http://127.0.0.1:$ETCD_CLIENT_PORT/health"
}

start_apiserver() {
  start kube-apiserver "$kube_bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --client-ca-file "$pki/ca.crt" \
    --tls-cert-file "$pki/kube-apiserver.crt" --tls-private-key-file "$pki/kube-apiserver.key" \
    --kubelet-certificate-authority "$pki/ca.crt" --kubelet-preferred-address-types InternalIP \
    --kubelet-client-certificate "$pki/kube-apiserver-kubelet-client.crt" \
    --kubelet-client-key "$pki/kube-apiserver-kubelet-client.key" \
    --service-account-key-file "$pki/service-account.pub" \
    --service-account-signing-key-file "$pki/service-account.key" \
    --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --allow-privileged=false --profiling=false
  await kube-apiserver 120 api_ready
}

start_controllers() {
  start kube-controller-manager "$kube_bin/kube-controller-manager" \
    --kubeconfig "$cluster_dir/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig "$cluster_dir/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig "$cluster_dir/kube-controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials \
    --service-account-private-key-file "$pki/service-account.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --allocate-node-cidrs --cluster-cidr "$CLUSTER_CIDR" --node-cidr-mask-size 24
  start kube-scheduler "$kube_bin/kube-scheduler" \
    --kubeconfig "$cluster_dir/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig "$cluster_dir/kube-scheduler.kubeconfig" \
    --authorization-kubeconfig "$cluster_dir/kube-scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false
  await kube-controller-manager 60 curl -skf https://127.0.0.1:10257/healthz
  await kube-scheduler 60 curl -skf https://127.0.0.1:10259/healthz
}

# --- node -------------------------------------------------------------------------------------

oom_score_adj_restricted() {
  if sh -c 'echo -1 >/proc/self/oom_score_adj' 2>/dev/null; then echo false; else echo true; fi
}

start_containerd() {
  mkdir -p "$run_dir/containerd" "$cluster_dir/containerd"
  cat >"$cluster_dir/containerd.toml" <<EOF
version = 2
root = "$cluster_dir/containerd"
state = "$run_dir/containerd/state"

[grpc]
  address = "$containerd_socket"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/chainblock/pause:$PAUSE_VERSION"
  # Some machines (VM sandboxes, nested containers) refuse a negative oom_score_adj, which the
  # kubelet asks for pod sandboxes and Guaranteed pods; runc then fails to start any pod.
  restrict_oom_score_adj = $(oom_score_adj_restricted)
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$cluster_dir/cni/net.d"
EOF
  start containerd /usr/bin/containerd --config "$cluster_dir/containerd.toml"
  await containerd 60 ctr --address "$containerd_socket" version
}

# Imports an image archive unless this very archive was imported before.
import_images() {
  local archive stamp
  mkdir -p "$cluster_dir/imported"
  for archive in runtime operator minio pause coredns; do
    [ -f "$images_cache/$archive.tar" ] || die "$images_cache/$archive.tar is missing: run e2e/scripts/build-images.sh and e2e/cluster/addon-images.sh"
    stamp="$(stat -c '%s-%Y' "$images_cache/$archive.tar")"
    [ "$(cat "$cluster_dir/imported/$archive" 2>/dev/null)" = "$stamp" ] && continue
    say "importing $archive.tar into containerd (namespace k8s.io)"
    ctr_k8s images import "$images_cache/$archive.tar" >/dev/null
    echo "$stamp" >"$cluster_dir/imported/$archive"
  done
}

start_kubelet() {
  mkdir -p "$cluster_dir/kubelet"
  cat >"$cluster_dir/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
healthzBindAddress: 127.0.0.1
readOnlyPort: 0
containerRuntimeEndpoint: unix://$containerd_socket
# Debian's containerd and this machine run without systemd managing cgroups.
cgroupDriver: cgroupfs
# This machine has cgroup v1, where the kubelet 1.34 still runs when told so explicitly.
failCgroupV1: false
failSwapOn: false
memorySwap:
  swapBehavior: NoSwap
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $pki/ca.crt
authorization:
  mode: Webhook
tlsCertFile: $pki/kubelet-serving.crt
tlsPrivateKeyFile: $pki/kubelet-serving.key
clusterDomain: $CLUSTER_DOMAIN
clusterDNS: [$DNS_SERVICE_IP]
resolvConf: /etc/resolv.conf
podCIDR: $NODE_POD_CIDR
maxPods: 110
# Nothing can be pulled here: the images imported into containerd must never be collected.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 200Mi
  nodefs.available: 2%
  imagefs.available: 2%
  nodefs.inodesFree: 2%
EOF
  start kubelet "$kube_bin/kubelet" --config "$cluster_dir/kubelet.yaml" \
    --kubeconfig "$cluster_dir/kubelet.kubeconfig" --root-dir "$cluster_dir/kubelet" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
}

start_kube_proxy() {
  cat >"$cluster_dir/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $cluster_dir/kube-proxy.kubeconfig
mode: iptables
clusterCIDR: $CLUSTER_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# Leave the machine's conntrack table size alone.
conntrack:
  maxPerCore: 0
EOF
  start kube-proxy "$kube_bin/kube-proxy" --config "$cluster_dir/kube-proxy.yaml"
  await kube-proxy 60 curl -sf http://127.0.0.1:10256/healthz
}

node_ready() {
  [ "$(kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

start_dns() {
  sed -e "s/@DNS_SERVICE_IP@/$DNS_SERVICE_IP/" -e "s/@CLUSTER_DOMAIN@/$CLUSTER_DOMAIN/" \
    -e "s/@COREDNS_VERSION@/$COREDNS_VERSION/" \
    "$cluster_scripts/coredns.yaml" | kubectl apply -f - >/dev/null
  kubectl -n kube-system rollout status deployment/coredns --timeout 180s >/dev/null ||
    { kubectl -n kube-system describe pods -l k8s-app=kube-dns >&2; die "CoreDNS did not become ready"; }
}

main() {
  install_packages
  build_everything
  mkdir -p "$cluster_dir" "$logs" "$pids" "$run_dir"
  exec 9>"$cluster_dir/.lock"
  flock 9
  local started=$SECONDS
  make_pki
  node_network
  start_etcd
  start_apiserver
  start_controllers
  start_containerd
  import_images
  start_kubelet
  await kubelet 120 node_ready
  start_kube_proxy
  start_dns
  say "node $NODE_NAME is Ready, cluster DNS answers ($((SECONDS - started))s); kubectl --kubeconfig $kubeconfig"
  say "containerd: ctr --address $containerd_socket -n k8s.io; logs: $logs; stop with e2e/cluster/down.sh"
  echo "$kubeconfig"
}

main "$@"
