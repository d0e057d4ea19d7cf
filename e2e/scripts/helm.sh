#!/usr/bin/env bash
# Installs the pinned Helm 3 into the tool cache, idempotently (a no-op when that version is
# there). Built with `go install` because the Go module proxy is reachable where release
# downloads may not be.
#
# CHAINBLOCK_TOOLS   tool cache (default /var/cache/chainblock/tools), outside the repository
set -euo pipefail

readonly HELM_MODULE=helm.sh/helm/v3/cmd/helm
readonly HELM_VERSION=v3.21.4

tools="${CHAINBLOCK_TOOLS:-/var/cache/chainblock/tools}"
bin="$tools/bin/helm"
stamp="$tools/bin/helm.version"

if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$HELM_VERSION" ]; then
  exit 0
fi
command -v go >/dev/null || { echo "helm.sh: go is needed to build Helm (a Go toolchain on PATH)" >&2; exit 1; }
mkdir -p "$tools/bin"
echo "helm.sh: building $HELM_MODULE@$HELM_VERSION into $tools/bin (a few minutes, once)" >&2
# The version variable is what `helm version` prints; without it a go-installed helm says v3.x-dev.
GOBIN="$tools/bin" CGO_ENABLED=0 go install \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "$HELM_MODULE@$HELM_VERSION"
echo "$HELM_VERSION" >"$stamp"
