#!/usr/bin/env bash
# Builds the two images a cluster needs besides Chainblock's own, since none can be pulled here:
#   pause.tar    docker.io/chainblock/pause:<PAUSE_VERSION>   the pods' sandbox (containerd's sandbox_image)
#   coredns.tar  docker.io/chainblock/coredns:<COREDNS_VERSION>   cluster DNS, built from the Go module proxy
# Both are single static binaries in an image made from scratch with buildah, written as
# docker-archives to the image cache; an image whose inputs did not change is not rebuilt.
#
# CHAINBLOCK_IMAGES   image cache (default /var/cache/chainblock/images)
# CHAINBLOCK_TOOLS    tool cache that keeps the CoreDNS binary (default /var/cache/chainblock/tools)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
. "$here/../../runtime-image/image/lib.sh"

need_tools buildah gcc
mkdir -p "$images_dir"
exec 8>"$images_dir/.addon-images.lock"
flock 8

# scratch_image NAME REF BINARY INPUTS USER: BINARY as /NAME, the entrypoint of an image made
# from scratch, recorded as built from INPUTS.
scratch_image() {
  local name="$1" ref="$2" binary="$3" inputs="$4" user="$5"
  local ctr
  ctr="$(bah from scratch)"
  bah copy --chmod 755 "$ctr" "$binary" "/$name" >/dev/null
  bah config --entrypoint "[\"/$name\"]" --user "$user" \
    --label "org.opencontainers.image.title=chainblock-$name" --label "org.opencontainers.image.version=${ref##*:}" "$ctr"
  bah commit --quiet --rm "$ctr" "$ref" >/dev/null
  export_archive "$ref" "$ref" "$name"
  echo "$inputs" >"$images_dir/$name.inputs"
}

pause_image() {
  local source="$here/pause/pause.c" inputs work
  inputs="$(echo "$PAUSE_VERSION" | content_hash - "$source" "${BASH_SOURCE[0]}")"
  archive_current pause "$inputs" && return
  work="$(mktemp -d)"
  gcc -static -Os -Wall -Wextra -Werror -o "$work/pause" "$source"
  strip "$work/pause"
  scratch_image pause "docker.io/chainblock/pause:$PAUSE_VERSION" "$work/pause" "$inputs" 65535:65535
  rm -rf "$work"
}

coredns_image() {
  local tools="${CHAINBLOCK_TOOLS:-/var/cache/chainblock/tools}/bin"
  local binary="$tools/coredns"
  if [ ! -x "$binary" ] || [ "$(cat "$binary.version" 2>/dev/null)" != "$COREDNS_VERSION" ]; then
    command -v go >/dev/null || die "go is needed to build CoreDNS: put a Go toolchain on PATH"
    log "building CoreDNS $COREDNS_VERSION into $tools (minutes when cold)"
    mkdir -p "$tools"
    local started
    started="$(date +%s)"
    GOBIN="$tools" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@$COREDNS_VERSION"
    echo "$COREDNS_VERSION" >"$binary.version"
    log "built CoreDNS in $(($(date +%s) - started))s"
  fi
  local inputs
  inputs="$(echo "$COREDNS_VERSION" | content_hash - "$binary" "${BASH_SOURCE[0]}")"
  archive_current coredns "$inputs" && return
  # Root only to bind port 53: the Deployment drops every other capability.
  scratch_image coredns "docker.io/chainblock/coredns:$COREDNS_VERSION" "$binary" "$inputs" 0:0
}

pause_image
coredns_image
