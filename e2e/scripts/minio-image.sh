#!/usr/bin/env bash
# Builds docker.io/chainblock/minio:<version minio.sh pins> from the MinIO server minio.sh built
# into the tool cache, on the images' Debian base (so the chart's init container can make the
# bucket directory with mkdir), without a Docker daemon or a registry. Writes
# /var/cache/chainblock/images/minio.tar for `ctr -n k8s.io images import` or `docker load`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
images="$here/../../runtime-image/image"
. "$images/lib.sh"

need_tools buildah
bash "$here/minio.sh" install
tools="${CHAINBLOCK_TOOLS:-/var/cache/chainblock/tools}"
binary="$tools/bin/minio"
ref="docker.io/chainblock/minio:$(cat "$tools/bin/minio.version")"
base="$("$images/base.sh" debian)"
inputs="$(printf '%s\n' "$base" "$ref" | content_hash - "$binary" "${BASH_SOURCE[0]}")"
if archive_current minio "$inputs"; then
  log "$ref is up to date ($images_dir/minio.tar)"
  exit 0
fi

ctr="$(bah from "$base")"
bah copy --chmod 755 "$ctr" "$binary" /usr/local/bin/minio >/dev/null
mnt="$(bah mount "$ctr")"
install -d -m 1777 "$mnt/data"
bah umount "$ctr" >/dev/null
bah config --entrypoint '["/usr/local/bin/minio"]' --cmd '["server", "/data", "--certs-dir", "/tmp/certs"]' \
  --port 9000 --label org.opencontainers.image.title=chainblock-minio \
  --label "org.opencontainers.image.version=${ref##*:}" "$ctr"
bah commit --quiet --rm "$ctr" "$ref" >/dev/null
export_archive "$ref" "$ref" minio
echo "$inputs" >"$images_dir/minio.inputs"
