#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: Maven and the independent tools the
# sample tests compare against (bzip2, GNU coreutils, awk). A JDK 21+ must already be under
# /usr/lib/jvm or in JAVA_HOME (runtime-image/bin/find-jdk says which one is used).
set -euo pipefail

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v bzip2 >/dev/null || missing+=(bzip2)
command -v awk >/dev/null || missing+=(gawk)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-tools: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-tools: run as root, or install: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The S3 storage tests run against a real MinIO server, built from source once per machine into a
# cache outside the repository (minutes when cold, nothing when already there).
bash "$(dirname "${BASH_SOURCE[0]}")/minio.sh" install

# The operator's tests run against a real kube-apiserver and etcd (kube-api-test), and the chart's
# tests use helm: Kubernetes and helm are built once per machine from the Go module proxy into
# caches outside the repository (many minutes when cold, nothing when already there).
bash "$(dirname "${BASH_SOURCE[0]}")/kube-binaries.sh" etcd kube-apiserver kubectl helm
