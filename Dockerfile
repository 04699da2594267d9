# syntax=docker/dockerfile:1
#
# iris-classifier: builds the static bundle from source, then serves it with
# nginx as a non-root user.
#
#   docker build -t iris-classifier .
#   docker run --rm -p 8080:80 iris-classifier        # http://localhost:8080
#
# Hardened (what compose.yaml does):
#   docker run --rm -p 8080:80 --read-only --tmpfs /tmp \
#     --cap-drop ALL --security-opt no-new-privileges iris-classifier
#
# Base images are pinned here; override with --build-arg RUST_IMAGE=... etc.
# checkov:skip=CKV_DOCKER_7: both FROM lines use the pinned tags in the ARGs below, which checkov does not expand

ARG RUST_IMAGE=rust:1.95-slim-trixie
ARG NGINX_IMAGE=nginx:1.28.0-alpine-slim

# ---------------------------------------------------------------------------
# build: the same `cargo xtask dist` as on a developer's machine
# ---------------------------------------------------------------------------
FROM ${RUST_IMAGE} AS build

RUN set -eux; \
    # Node.js and npm: xtask installs wasm-opt from the binaryen npm package
    # pinned in xtask/package-lock.json, the same one every machine uses, so
    # the bundle built here is byte-identical to one built anywhere else.
    # wasm-bindgen needs no install: xtask links wasm-bindgen-cli-support at
    # the version in Cargo.lock.
    apt-get update; \
    apt-get install -y --no-install-recommends nodejs npm; \
    rm -rf /var/lib/apt/lists/*; \
    rustup target add wasm32-unknown-unknown

WORKDIR /src
COPY . .

# The cache mounts keep downloaded crates and compiled dependencies between
# builds, so a change to the sources alone recompiles only this project's
# crates. dist/ is copied out of the cached target folder's reach.
# The commit being built: the context has no .git, so /version.json reports
# this instead (`--build-arg REVISION=$(git rev-parse HEAD)`), or null.
ARG REVISION=
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    set -eux; \
    IRIS_REVISION="${REVISION}" cargo xtask dist; \
    cp -r dist /dist

# ---------------------------------------------------------------------------
# runtime: nginx and the static files, nothing else
# ---------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime

ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="iris-classifier" \
      org.opencontainers.image.description="Iris species classifier that runs in the visitor's browser (Rust, smartcore, WebAssembly), served by nginx" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"

# Our complete config replaces the image's; its default site is not used
# (removed so the image's entrypoint scripts find nothing to rewrite).
COPY nginx.conf /etc/nginx/nginx.conf
RUN rm -f /etc/nginx/conf.d/default.conf
COPY --from=build /dist/ /usr/share/nginx/html/

# nginx's own uid in the official images. nginx.conf keeps the pid file and
# temp files under /tmp, so `--read-only --tmpfs /tmp` works.
USER 101

# Still port 80, so `-p 8080:80` works: Docker and Podman let a non-root
# process bind low ports inside a container (ip_unprivileged_port_start=0).
EXPOSE 80

HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1/healthz || exit 1

# Graceful stop; nginx.conf bounds it with worker_shutdown_timeout 1s.
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
