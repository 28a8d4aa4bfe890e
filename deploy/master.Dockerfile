# Flotilla master. Build from the repository root:
#   docker build -f deploy/master.Dockerfile -t flotilla/master .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
# npm ci builds everything (buf, Prisma clients, tsc, worker artifact, UI).
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /opt/flotilla
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/shared ./shared
COPY --from=build /src/master ./master
COPY --from=build /src/prisma/migrations ./prisma/migrations
COPY --from=build /src/proto ./proto
COPY --from=build /src/ui/dist ./ui/dist
COPY --from=build /src/deploy/systemd ./deploy/systemd
RUN mkdir -p /var/lib/flotilla && chown node:node /var/lib/flotilla
USER node
ENV FLOTILLA_DATA_DIR=/var/lib/flotilla \
    FLOTILLA_HTTP_ADDR=0.0.0.0:8080 \
    FLOTILLA_GRPC_ADDR=0.0.0.0:50051 \
    MALLOC_ARENA_MAX=2
VOLUME /var/lib/flotilla
EXPOSE 8080 50051
HEALTHCHECK --interval=15s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:8080/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The runtime profile of master/runtime.mjs.
ENTRYPOINT ["node", "--max-semi-space-size=16", "--v8-pool-size=1", "/opt/flotilla/master/dist/main.js"]
