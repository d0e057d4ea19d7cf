#!/usr/bin/env bash
# A bare control plane for benchmarks: etcd and kube-apiserver of the pinned release on 127.0.0.1,
# nothing else (no scheduler, no controllers, no kubelet): whoever uses it plays those parts.
#
#   kube-apiserver.sh start DIR   start both with their data, certificates and logs in DIR; writes
#                                 DIR/kubeconfig (cluster-admin) once the server answers /readyz
#   kube-apiserver.sh stop DIR    stop both and remove DIR
#
# The binaries are the ones e2e/scripts/kube-binaries.sh built (CHAINBLOCK_KUBE_CACHE, default
# /var/cache/chainblock/kube); nothing is downloaded.
#
# etcd keeps its data in memory (a directory under /dev/shm, or CHAINBLOCK_ETCD_DATA_ROOT): every
# write waits for etcd's fsync, and on a disk shared with builds that wait swings from under a
# millisecond to hundreds; a benchmark of what runs against the server would measure the disk.
#
# CHAINBLOCK_APISERVER_AUDIT=FILE logs every request on Jobs (who, which, when received and when
# answered, to the microsecond) to FILE, to take a Job's latency apart.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "kube-apiserver.sh: $*" >&2; exit 1; }

kube_version=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' "$here/../kube-build/go.mod")
bin=${CHAINBLOCK_KUBE_CACHE:-/var/cache/chainblock/kube}/$kube_version/bin

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await() {
    local what=$1 pid=$2 log=$3
    shift 3
    local deadline=$((SECONDS + 60))
    until "$@" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "$what exited during startup (log above)"; }
        ((SECONDS < deadline)) || die "$what not ready within 60 s (log: $log)"
        sleep 0.2
    done
}

start() {
    local dir=$1
    for b in etcd kube-apiserver; do
        [[ -x $bin/$b ]] || die "$bin/$b is missing: run e2e/scripts/kube-binaries.sh"
    done
    mkdir -p "$dir"
    local etcd_port peer_port api_port token
    etcd_port=$(free_port)
    peer_port=$(free_port)
    api_port=$(free_port)
    token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')

    local data_root=${CHAINBLOCK_ETCD_DATA_ROOT:-/dev/shm} data
    [[ -d $data_root && -w $data_root ]] || data_root=$dir
    data=$(mktemp -d "$data_root/chainblock-etcd.XXXXXX")
    echo "$data" >"$dir/etcd-data"
    setsid "$bin/etcd" --name bench --data-dir "$data" \
        --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
        --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
        --initial-cluster "bench=http://127.0.0.1:$peer_port" --log-level warn \
        >"$dir/etcd.log" 2>&1 </dev/null &
    echo $! >"$dir/etcd.pid"
    await etcd "$!" "$dir/etcd.log" curl -fsS "http://127.0.0.1:$etcd_port/health"

    openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
    openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
    # The token's user is in system:masters, which RBAC's bootstrap policy makes cluster-admin.
    echo "$token,bench-admin,bench-admin,system:masters" >"$dir/tokens.csv"
    local audit=()
    if [[ -n ${CHAINBLOCK_APISERVER_AUDIT:-} ]]; then
        cat >"$dir/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  resources: [{group: batch, resources: [jobs, jobs/status]}, {group: chainblock.io, resources: [chainpipelines/status]}]
- level: None
EOF
        audit=(--audit-policy-file "$dir/audit-policy.yaml" --audit-log-path "$CHAINBLOCK_APISERVER_AUDIT"
            --audit-log-format json --audit-log-mode blocking)
    fi
    # Without a serving certificate the server makes a self-signed one for 127.0.0.1 in --cert-dir.
    # ServiceAccount admission is off: no controller creates the namespaces' default accounts.
    setsid "$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
        --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
        --cert-dir "$dir/certs" --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
        --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$dir/sa.pub" \
        --service-account-signing-key-file "$dir/sa.key" --service-cluster-ip-range 10.0.0.0/24 \
        --disable-admission-plugins ServiceAccount --allow-privileged "${audit[@]}" \
        >"$dir/kube-apiserver.log" 2>&1 </dev/null &
    echo $! >"$dir/kube-apiserver.pid"
    await kube-apiserver "$!" "$dir/kube-apiserver.log" \
        curl -fsS -k -H "Authorization: Bearer $token" "https://127.0.0.1:$api_port/readyz"

    cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: bench
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $dir/certs/apiserver.crt
users:
- name: bench-admin
  user: {token: $token}
contexts:
- name: bench
  context: {cluster: bench, user: bench-admin}
current-context: bench
EOF
    echo "kube-apiserver.sh: $kube_version at https://127.0.0.1:$api_port (kubeconfig $dir/kubeconfig)" >&2
}

stop() {
    local dir=$1 pid
    for name in kube-apiserver etcd; do
        pid=$(cat "$dir/$name.pid" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null || continue
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [[ -f $dir/etcd-data ]] && rm -rf "$(cat "$dir/etcd-data")"
    rm -rf "$dir"
}

case "${1:-}" in
    start) start "${2:?usage: kube-apiserver.sh start DIR}" ;;
    stop) stop "${2:?usage: kube-apiserver.sh stop DIR}" ;;
    *) die "usage: kube-apiserver.sh start DIR | stop DIR" ;;
esac
