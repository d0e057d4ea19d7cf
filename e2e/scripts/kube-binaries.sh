#!/usr/bin/env bash
# Builds the Kubernetes binaries the tests run, from the Go module proxy, pinned by
# e2e/kube-build/go.mod (one Kubernetes release and the etcd it is built against).
#
#   kube-binaries.sh [COMPONENT...]    default: etcd kube-apiserver kubectl
#
# COMPONENT is one of etcd kube-apiserver kubectl kube-controller-manager kube-scheduler kubelet
# kube-proxy helm. Each is built once into a cache outside the repository and stamped with its
# version, so a second run does nothing. etcd, kube-apiserver and kubectl are also laid out where
# Fabric8 kube-api-test looks for them before it considers a download:
#   $KUBE_API_TEST_DIR/k8s/<version>-linux-<arch>/{etcd,kube-apiserver,kubectl}, e.g. k8s/1.34.4-linux-amd64
#
# CHAINBLOCK_KUBE_CACHE  build cache (default /var/cache/chainblock/kube); binaries go to
#                        <cache>/<version>/bin
# KUBE_API_TEST_DIR      kube-api-test's directory (default /var/cache/chainblock/kube-api-test)
# CHAINBLOCK_TOOLS       tool cache that receives helm (default /var/cache/chainblock/tools)
set -euo pipefail

readonly HELM_MODULE=helm.sh/helm/v3
readonly HELM_VERSION=v3.21.4
readonly HELM_COMMIT=813176c51bb5c181dbbd7901298ddcc104cd3417
# Helm reports the Kubernetes version of the client-go it is built with (v0.36 for v3.21.4) as
# the default .Capabilities.KubeVersion of `helm template`; its Makefile stamps it in.
readonly HELM_KUBE_MINOR=36

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_module="$here/../kube-build"

die() { echo "kube-binaries.sh: $*" >&2; exit 1; }

module_version() {
  awk -v module="$1" '$1 == module && $2 ~ /^v/ { print $2; exit }' "$build_module/go.mod"
}

kube_version="$(module_version k8s.io/kubernetes)"
etcd_version="$(module_version go.etcd.io/etcd/server/v3)"
[ -n "$kube_version" ] || die "no k8s.io/kubernetes requirement in $build_module/go.mod"
[ -n "$etcd_version" ] || die "no go.etcd.io/etcd/server/v3 requirement in $build_module/go.mod"

cache="${CHAINBLOCK_KUBE_CACHE:-/var/cache/chainblock/kube}"
bin="$cache/$kube_version/bin"
# kube-api-test names a release's directory <version>-<os>-<arch>, as Go names the platform.
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
api_test_bin="${KUBE_API_TEST_DIR:-/var/cache/chainblock/kube-api-test}/k8s/${kube_version#v}-linux-$arch"
tools_bin="${CHAINBLOCK_TOOLS:-/var/cache/chainblock/tools}/bin"

package_of() {
  case "$1" in
    etcd) echo go.etcd.io/etcd/server/v3 ;;
    kube-apiserver | kubectl | kube-controller-manager | kube-scheduler | kubelet | kube-proxy)
      echo "k8s.io/kubernetes/cmd/$1" ;;
    helm) echo "$HELM_MODULE/cmd/helm" ;;
    *) die "unknown component '$1': use etcd, kube-apiserver, kubectl, kube-controller-manager, kube-scheduler, kubelet, kube-proxy or helm" ;;
  esac
}

# A plain `go build` of Kubernetes reports v0.0.0, which kubectl's version skew warning and
# `kubectl version` would show; the release scripts (hack/lib/version.sh) stamp these instead.
kube_ldflags() {
  local minor="${kube_version#v1.}"
  minor="${minor%%.*}"
  local flags="-s -w" package
  for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $package.gitVersion=$kube_version -X $package.gitMajor=1 -X $package.gitMinor=$minor"
    flags+=" -X $package.gitTreeState=clean"
  done
  echo "$flags"
}

# etcd reports the commit it was built from, which the module proxy records in the module's .info
# (run in the build module, whose go.mod selects the version).
etcd_ldflags() {
  local info commit
  info="$(go mod download -json go.etcd.io/etcd/server/v3 | sed -n 's/.*"Info": "\(.*\)",$/\1/p')"
  commit="$(grep -o '"Hash":"[0-9a-f]\{9\}' "$info" | cut -d'"' -f4 || true)"
  echo "-s -w${commit:+ -X go.etcd.io/etcd/api/v3/version.GitSHA=$commit}"
}

helm_ldflags() {
  local flags="-s -w -X $HELM_MODULE/internal/version.version=$HELM_VERSION"
  flags+=" -X $HELM_MODULE/internal/version.gitCommit=$HELM_COMMIT -X $HELM_MODULE/internal/version.gitTreeState=clean"
  local package
  for package in pkg/lint/rules pkg/chartutil; do
    flags+=" -X $HELM_MODULE/$package.k8sVersionMajor=1 -X $HELM_MODULE/$package.k8sVersionMinor=$HELM_KUBE_MINOR"
  done
  echo "$flags"
}

up_to_date() {
  [ -x "$1" ] && [ "$(cat "$1.version" 2>/dev/null)" = "$2" ]
}

require_go() {
  command -v go >/dev/null || die "go is needed to build $1: put a Go 1.24+ toolchain on PATH (https://go.dev/dl)"
}

build_kube() {
  local component="$1" package version ldflags target started
  package="$(package_of "$component")"
  version="$kube_version"
  [ "$component" != etcd ] || version="$etcd_version"
  target="$bin/$component"
  up_to_date "$target" "$package@$version" && return
  require_go "$component"
  echo "kube-binaries.sh: building $component ($package@$version) into $bin (minutes when cold)" >&2
  started="$(date +%s)"
  (
    cd "$build_module"
    if [ "$component" = etcd ]; then ldflags="$(etcd_ldflags)"; else ldflags="$(kube_ldflags)"; fi
    CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o "$target.tmp" "$package"
  )
  mv -f "$target.tmp" "$target"
  echo "$package@$version" >"$target.version"
  echo "kube-binaries.sh: built $component in $(($(date +%s) - started))s" >&2
}

# A hard link when the caches share a file system, else a copy.
lay_out_for_kube_api_test() {
  local component="$1"
  [ "$bin/$component" -ef "$api_test_bin/$component" ] && return
  mkdir -p "$api_test_bin"
  cmp -s "$bin/$component" "$api_test_bin/$component" && return
  ln -f "$bin/$component" "$api_test_bin/$component" 2>/dev/null || {
    cp -f "$bin/$component" "$api_test_bin/$component.tmp"
    mv -f "$api_test_bin/$component.tmp" "$api_test_bin/$component"
  }
}

install_helm() {
  local target="$tools_bin/helm" started
  up_to_date "$target" "$HELM_VERSION" && return
  require_go helm
  mkdir -p "$tools_bin"
  echo "kube-binaries.sh: building helm ($HELM_MODULE@$HELM_VERSION) into $tools_bin (minutes when cold)" >&2
  started="$(date +%s)"
  GOBIN="$tools_bin" CGO_ENABLED=0 go install -trimpath -ldflags "$(helm_ldflags)" "$(package_of helm)@$HELM_VERSION"
  echo "$HELM_VERSION" >"$target.version"
  echo "kube-binaries.sh: built helm in $(($(date +%s) - started))s" >&2
}

components=("$@")
[ "${#components[@]}" -gt 0 ] || components=(etcd kube-apiserver kubectl)
for component in "${components[@]}"; do
  package_of "$component" >/dev/null
done

# Two runs at once (two checkouts on one machine) would write the same files: the second waits,
# then finds everything built.
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

for component in "${components[@]}"; do
  case "$component" in
    helm) install_helm ;;
    *) build_kube "$component" ;;
  esac
  case "$component" in
    etcd | kube-apiserver | kubectl) lay_out_for_kube_api_test "$component" ;;
  esac
done
