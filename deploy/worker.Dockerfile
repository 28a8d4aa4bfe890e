# Flotilla worker: the single-file artifact on Node. Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t flotilla/worker .
# Run it with the host mounted read-only (see deploy/compose.yaml):
#   -v /proc:/host/proc:ro -v /sys:/host/sys:ro -v /:/host:ro
#   -v /var/run/docker.sock:/var/run/docker.sock --group-add <docker gid>
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci

FROM node:20-bookworm-slim
COPY --from=build /src/master/dist/downloads/flotilla-worker.mjs /opt/flotilla-worker/flotilla-worker.mjs
RUN mkdir -p /var/lib/flotilla-worker && chown node:node /var/lib/flotilla-worker
USER node
ENV FLOTILLA_STATE_DIR=/var/lib/flotilla-worker \
    FLOTILLA_PROC_ROOT=/host/proc \
    FLOTILLA_SYS_ROOT=/host/sys \
    FLOTILLA_HOST_ROOT=/host
VOLUME /var/lib/flotilla-worker
WORKDIR /var/lib/flotilla-worker
ENTRYPOINT ["node", "/opt/flotilla-worker/flotilla-worker.mjs"]
