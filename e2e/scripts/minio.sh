#!/usr/bin/env bash
# A local MinIO server for the S3 storage tests and benchmarks.
#
#   minio.sh install          build the pinned server into the tool cache (no-op when present)
#   minio.sh start [DIR]      run it on 127.0.0.1 on a free port; DIR keeps the data, empty = temporary
#   minio.sh stop             stop it; a temporary data directory is removed
#   minio.sh env              print the CHAINBLOCK_S3_* variables of the running server
#
# CHAINBLOCK_TOOLS      tool cache (default /var/cache/chainblock/tools), outside the repository so
#                       that the slow build happens once per machine
# CHAINBLOCK_MINIO_STATE where pid, env file and temporary data live (default
#                       ${TMPDIR:-/tmp}/chainblock-minio); one per server, so several can run
# CHAINBLOCK_MINIO_PORT  port to listen on instead of a free one (lets a test restart a server
#                       at the same endpoint)
set -euo pipefail

# The upstream repository is archived and the Go module proxy serves none of its release tags;
# this pseudo-version is its final commit: RELEASE.2025-10-15T17-29-55Z (9e49d5e7a648) plus four
# server fixes and documentation changes.
readonly MINIO_MODULE=github.com/minio/minio
readonly MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c

readonly ROOT_USER=chainblock
readonly ROOT_PASSWORD=chainblock-dev-secret

tools="${CHAINBLOCK_TOOLS:-/var/cache/chainblock/tools}"
bin="$tools/bin/minio"
stamp="$tools/bin/minio.version"
state="${CHAINBLOCK_MINIO_STATE:-${TMPDIR:-/tmp}/chainblock-minio}"
pid_file="$state/minio.pid"
env_file="$state/minio.env"
temp_marker="$state/temporary-data"
log_file="$state/minio.log"

die() { echo "minio.sh: $*" >&2; exit 1; }

install() {
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$MINIO_VERSION" ]; then
    return
  fi
  command -v go >/dev/null || die "go is needed to build MinIO (apt-get install golang, or a Go toolchain on PATH)"
  mkdir -p "$tools/bin"
  echo "minio.sh: building $MINIO_MODULE@$MINIO_VERSION into $tools/bin (takes minutes)" >&2
  GOBIN="$tools/bin" CGO_ENABLED=0 go install "$MINIO_MODULE@$MINIO_VERSION"
  echo "$MINIO_VERSION" >"$stamp"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free port found on 127.0.0.1"
}

running_pid() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

live() {
  curl -fsS -o /dev/null --max-time 2 "$1/minio/health/live" 2>/dev/null
}

start() {
  [ -x "$bin" ] || die "MinIO is not installed at $bin: run e2e/scripts/minio.sh install"
  if pid="$(running_pid)"; then
    die "already running (pid $pid, state $state): run minio.sh stop first"
  fi
  mkdir -p "$state"
  local data="${1:-}"
  rm -f "$temp_marker"
  if [ -z "$data" ]; then
    data="$(mktemp -d "$state/data.XXXXXX")"
    echo "$data" >"$temp_marker"
  fi
  mkdir -p "$data"

  local port="${CHAINBLOCK_MINIO_PORT:-$(free_port)}"
  local console_port
  console_port="$(free_port)"
  local endpoint="http://127.0.0.1:$port"

  # The console and the update check are of no use to tests and would only add noise and ports.
  MINIO_ROOT_USER="$ROOT_USER" MINIO_ROOT_PASSWORD="$ROOT_PASSWORD" \
    MINIO_BROWSER=off MINIO_UPDATE=off \
    setsid "$bin" server "$data" --quiet --address "127.0.0.1:$port" \
    --console-address "127.0.0.1:$console_port" >"$log_file" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"

  local deadline=$((SECONDS + 60))
  until live "$endpoint"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log_file" >&2
      rm -f "$pid_file"
      die "MinIO exited during startup (log above)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { stop; die "MinIO did not answer $endpoint/minio/health/live within 60 s"; }
    sleep 0.2
  done

  cat >"$env_file" <<EOF
CHAINBLOCK_S3_ENDPOINT=$endpoint
CHAINBLOCK_S3_ACCESS_KEY=$ROOT_USER
CHAINBLOCK_S3_SECRET_KEY=$ROOT_PASSWORD
EOF
  echo "minio.sh: MinIO running at $endpoint (pid $pid, data $data, env $env_file)" >&2
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -f "$temp_marker" ]; then
    rm -rf "$(cat "$temp_marker")"
    rm -f "$temp_marker"
  fi
  rm -f "$pid_file" "$env_file"
}

env_vars() {
  running_pid >/dev/null || die "not running (state $state): run minio.sh start"
  cat "$env_file"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop ;;
  env) env_vars ;;
  *) die "usage: minio.sh install | start [DATA_DIR] | stop | env" ;;
esac
