#!/usr/bin/env bash
# Builds the base of the Chainblock images without pulling anything: a Debian minbase userland
# from debootstrap, trimmed, committed with `buildah from scratch`, then a jlink'd Java runtime
# from the local JDK on top. Prints the name of the resulting image on stdout.
#
#   base.sh        the Debian userland with the Java runtime (the runtime and operator images)
#   base.sh debian the Debian userland alone (the MinIO image)
#
# Both layers are cached in buildah's storage under the image cache, named by a hash of what
# they are made from (packages.txt, jre-modules.txt, the JDK's release and this script), so a
# second run does nothing. The .debs debootstrap fetched are kept too.
#
# CHAINBLOCK_DEBIAN_MIRROR  mirror to debootstrap from (default: the machine's apt source)
# JAVA_HOME                 JDK to jlink from (default: the newest JDK 21+, see runtime-image/bin/find-jdk)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

readonly USER_ID=65532

need_tools debootstrap buildah
JAVA_HOME="$("$image_root/runtime-image/bin/find-jdk")"

debian_mirror() {
  if [ -n "${CHAINBLOCK_DEBIAN_MIRROR:-}" ]; then
    echo "$CHAINBLOCK_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri="$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)\/\?$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# Man pages, docs, translations and apt's lists are of no use in a container and are most of
# minbase's size after the libraries.
trim() {
  local root="$1"
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/locale/* "$root"/usr/share/lintian "$root"/usr/share/common-licenses \
    "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/cache/ldconfig/* "$root"/var/log/* "$root"/tmp/* "$root"/root/.??* 2>/dev/null || true
}

add_user() {
  local root="$1"
  echo "nonroot:x:$USER_ID:$USER_ID:nonroot:/tmp:/usr/sbin/nologin" >>"$root/etc/passwd"
  echo "nonroot:x:$USER_ID:" >>"$root/etc/group"
  # Mount points of the emptyDirs shard pods write to; world-writable like /tmp so they also work
  # when a runtime gives the container no volume there.
  install -d -m 1777 "$root/scratch"
}

debian_layer() {
  local name="localhost/chainblock/debian:$(content_hash "$here/packages.txt" "$here/base.sh")"
  if has_image "$name"; then
    echo "$name"
    return
  fi
  local suite packages rootfs
  suite="$(sed -n 's/^suite //p' "$here/packages.txt")"
  packages="$(grep -v -e '^#' -e '^suite ' -e '^$' "$here/packages.txt" | paste -sd, -)"
  rootfs="$images_dir/rootfs.tmp"
  rm -rf "$rootfs"
  mkdir -p "$images_dir/debs"
  log "debootstrap $suite (minbase + $packages) from $(debian_mirror)"
  debootstrap --variant=minbase --include="$packages" --cache-dir="$images_dir/debs" \
    "$suite" "$rootfs" "$(debian_mirror)" >"$images_dir/debootstrap.log" 2>&1 \
    || { tail -20 "$images_dir/debootstrap.log" >&2; die "debootstrap failed (log: $images_dir/debootstrap.log)"; }
  trim "$rootfs"
  add_user "$rootfs"

  local ctr mnt
  ctr="$(bah from scratch)"
  mnt="$(bah mount "$ctr")"
  cp -a "$rootfs"/. "$mnt"/
  bah umount "$ctr" >/dev/null
  bah config --env LANG=C.UTF-8 --env HOME=/tmp --env PATH=/usr/local/bin:/usr/bin:/bin \
    --user "$USER_ID:$USER_ID" --workingdir /tmp "$ctr"
  bah commit --quiet --rm "$ctr" "$name" >/dev/null
  rm -rf "$rootfs"
  log "built $name"
  echo "$name"
}

jre_layer() {
  local debian="$1"
  local name="localhost/chainblock/jre:$(echo "$debian" | content_hash "$here/jre-modules.txt" "$JAVA_HOME/release" -)"
  if has_image "$name"; then
    echo "$name"
    return
  fi
  local jre="$images_dir/jre.tmp"
  rm -rf "$jre"
  log "jlink from $JAVA_HOME"
  # The CDS archive is generated for the linked modules so every shard pod starts faster.
  "$JAVA_HOME/bin/jlink" --add-modules "$(grep -v -e '^#' -e '^$' "$here/jre-modules.txt" | paste -sd, -)" \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
    --output "$jre" >&2

  local ctr
  ctr="$(bah from "$debian")"
  bah copy "$ctr" "$jre" /opt/java >/dev/null
  bah config --env JAVA_HOME=/opt/java --env PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin "$ctr"
  bah commit --quiet --rm "$ctr" "$name" >/dev/null
  rm -rf "$jre"
  log "built $name"
  echo "$name"
}

case "${1:-jre}" in
  jre) jre_layer "$(debian_layer)" ;;
  debian) debian_layer ;;
  *) die "usage: base.sh [jre|debian]" ;;
esac
