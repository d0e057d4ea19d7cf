#!/usr/bin/env bash
# Stops the cluster up.sh started, by the pids it recorded, and removes what it made: the pods'
# containers and network namespaces, mounts, kube-proxy's rules, the bridge and node interfaces,
# the kubelet's cgroups and the cluster's state. Logs stay in $CHAINBLOCK_CLUSTER_DIR/logs for
# whoever wants to know what happened. Idempotent: with nothing running it only cleans up.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "run as root, as up.sh was"

stop_component() {
  local name="$1" pid
  pid="$(running_pid "$name")" || { rm -f "$pids/$name.pid" "$pids/$name.exe"; return 0; }
  say "stopping $name ($pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 15))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pids/$name.pid" "$pids/$name.exe"
}

# The kubelet would restart what is killed under it, so it goes first; then every container of
# the node's containerd, with the network namespaces their sandboxes held.
remove_containers() {
  running_pid containerd >/dev/null || return 0
  local ids id netns=()
  ids="$(ctr_k8s containers ls -q 2>/dev/null || true)"
  for id in $ids; do
    while read -r path; do
      netns+=("$path")
    done < <(ctr_k8s containers info "$id" 2>/dev/null | grep -o '"/var/run/netns/[^"]*"' | tr -d '"' | sort -u)
    ctr_k8s tasks kill --signal SIGKILL "$id" >/dev/null 2>&1 || true
  done
  for id in $ids; do
    ctr_k8s tasks delete --force "$id" >/dev/null 2>&1 || true
    ctr_k8s containers delete "$id" >/dev/null 2>&1 || true
  done
  local path
  for path in $(printf '%s\n' "${netns[@]}" | sort -u); do
    umount "$path" 2>/dev/null || true
    rm -f "$path"
  done
}

unmount_under() {
  local dir="$1"
  local target
  for target in $(findmnt -rn -o TARGET | grep -E "^$dir(/|\$)" | sort -r || true); do
    umount -l "$target" 2>/dev/null || true
  done
}

# cgroup v1 has a tree per controller, v2 one tree: the kubelet's pods sit under kubepods in each.
remove_cgroups() {
  local top
  for top in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$top" ] || continue
    find "$top" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

main() {
  mkdir -p "$pids"
  stop_component kubelet
  remove_containers
  stop_component kube-proxy
  if [ -x "$kube_bin/kube-proxy" ]; then
    "$kube_bin/kube-proxy" --cleanup >/dev/null 2>&1 || true
  fi
  local name
  for name in containerd kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_component "$name"
  done
  # shims of containers a killed containerd left behind
  pkill -KILL -f "containerd-shim-runc-v2 .*-address $containerd_socket" 2>/dev/null || true
  unmount_under "$cluster_dir"
  unmount_under "$run_dir"
  ip link delete "$POD_BRIDGE" 2>/dev/null || true
  ip link delete "$NODE_INTERFACE" 2>/dev/null || true
  remove_cgroups
  find "$cluster_dir" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} + 2>/dev/null || true
  rm -rf "$run_dir"
  say "cluster removed (logs kept in $logs)"
}

main "$@"
