# Shared by the image scripts: buildah on its own storage in the image cache, and the helpers that
# turn a committed image into an archive `ctr images import` and `docker load` accept.
#
# CHAINBLOCK_IMAGES   image cache (default /var/cache/chainblock/images): buildah's storage, the
#                     debootstrap package cache, jlink'd runtimes and the *.tar archives

images_dir="${CHAINBLOCK_IMAGES:-/var/cache/chainblock/images}"
image_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly images_dir image_root

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool is missing: apt-get install $tool"
  done
  [ "$(id -u)" -eq 0 ] || die "run as root: debootstrap and buildah's storage need it"
}

# vfs works on any file system, also inside a container where overlay on overlay fails; its cost,
# a full copy per layer, is small for images of a few layers.
bah() {
  buildah --root "$images_dir/buildah/root" --runroot "$images_dir/buildah/run" --storage-driver vfs "$@"
}

has_image() {
  bah inspect --type image "$1" >/dev/null 2>&1
}

# Short content hash of files and extra strings: names cached images, so a changed input rebuilds.
content_hash() {
  { cat "$@"; } | sha256sum | cut -c1-16
}

# Whether $images_dir/NAME.tar exists and was made from INPUTS (a hash the caller computes).
archive_current() {
  [ -f "$images_dir/$1.tar" ] && [ "$(cat "$images_dir/$1.inputs" 2>/dev/null)" = "$2" ]
}

# Writes the image to $images_dir/NAME.tar as a docker-archive tagged REF, through a temporary
# file so an interrupted export never leaves a half archive that looks done.
export_archive() {
  local image="$1" ref="$2" name="$3"
  local out="$images_dir/$name.tar"
  rm -f "$out.tmp"
  bah push --quiet "$image" "docker-archive:$out.tmp:$ref" >/dev/null
  mv "$out.tmp" "$out"
  log "$ref -> $out ($(du -m "$out" | cut -f1) MB)"
}

# The image tag: the chart's appVersion, so `helm install` finds the images this build made.
image_tag() {
  echo "${CHAINBLOCK_IMAGE_TAG:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$image_root/helm/chainblock/Chart.yaml")}"
}

# app_image NAME REF BASE LAUNCHER MAIN_JAR LIB_DIR: the application on top of BASE in two layers,
# the dependencies first (they change rarely, so their layer is cached and shared by rebuilds)
# and then the application jar with its launcher, /opt/chainblock/bin/<launcher's name>, as
# entrypoint. Writes $images_dir/NAME.tar unless the same inputs made it before.
app_image() {
  local name="$1" ref="$2" base="$3" launcher="$4" jar="$5" lib="$6"
  local entrypoint="/opt/chainblock/bin/$(basename "$launcher")"
  [ -f "$jar" ] && [ -d "$lib" ] || die "$jar or $lib is missing: build with mvn -pl runtime-image,operator -am package (e2e/scripts/build-images.sh does)"
  local lib_hash inputs
  lib_hash="$(find "$lib" -name '*.jar' -print0 | sort -z | xargs -0 cat | content_hash -)"
  inputs="$(printf '%s\n' "$base" "$lib_hash" "$ref" | content_hash - "$jar" "$launcher" "${BASH_SOURCE[0]}")"
  if archive_current "$name" "$inputs"; then
    log "$ref is up to date ($images_dir/$name.tar)"
    return
  fi

  local libs="localhost/chainblock/$name-libs:$(echo "$base" | content_hash - <(echo "$lib_hash"))"
  if ! has_image "$libs"; then
    local ctr
    ctr="$(bah from "$base")"
    bah copy "$ctr" "$lib" /opt/chainblock/lib >/dev/null
    bah commit --quiet --rm "$ctr" "$libs" >/dev/null
  fi

  local ctr
  ctr="$(bah from "$libs")"
  bah copy "$ctr" "$jar" /opt/chainblock/lib/ >/dev/null
  bah copy --chmod 755 "$ctr" "$launcher" "$entrypoint" >/dev/null
  bah config --entrypoint "[\"$entrypoint\"]" --cmd '' \
    --env PATH=/opt/chainblock/bin:/opt/java/bin:/usr/local/bin:/usr/bin:/bin \
    --label "org.opencontainers.image.title=chainblock-$name" --label "org.opencontainers.image.version=${ref##*:}" "$ctr"
  bah commit --quiet --rm "$ctr" "$ref" >/dev/null
  export_archive "$ref" "$ref" "$name"
  echo "$inputs" >"$images_dir/$name.inputs"
}
