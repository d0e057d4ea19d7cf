# docker.io/chainblock/minio for Kind: the MinIO server e2e/scripts/minio.sh pins, built from the
# Go module proxy, on the Debian base of the other images (the chart's init container runs mkdir).
# The local cluster gets the same image from e2e/scripts/minio-image.sh, without a Docker daemon.
#   docker build -f e2e/kind/minio.Dockerfile --build-arg MINIO_VERSION=<minio.image.tag> -t docker.io/chainblock/minio:<tag> e2e/kind
FROM golang:1.26 AS build
ARG MINIO_VERSION
# static (CGO off), so it runs on the Debian base below whatever the Go image is built on
RUN test -n "$MINIO_VERSION" && CGO_ENABLED=0 GOBIN=/out go install "github.com/minio/minio@${MINIO_VERSION}"

FROM debian:bookworm-20250520-slim
COPY --from=build /out/minio /usr/local/bin/minio
RUN install -d -m 1777 /data
USER 65532:65532
EXPOSE 9000
ENTRYPOINT ["/usr/local/bin/minio"]
CMD ["server", "/data", "--certs-dir", "/tmp/certs"]
