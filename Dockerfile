# syntax=docker/dockerfile:1
# One image (ciba/server) for every program of the system, compiled to JavaScript by `npm run build`.
# Build from the repository root:
#   docker build -t ciba/server .
# The argument picks the program (the ENTRYPOINT runs node); Kubernetes sets `args:`:
#   docker run ciba/server                                     the all-in-one (the CMD)
#   docker run ciba/server dist/services/token/main.mjs        one service (auth-endpoint, token, consent-dispatcher, notifier)
#   docker run ciba/server dist/channels/webhook/main.mjs      one channel (webhook, email, sms, push)
#   docker run ciba/server dist/migrate.mjs                    every service's schema migrated, then exit (run it before a release starts)
# The runtime stage holds dist/ and the production node_modules only: no TypeScript sources, no tsx,
# esbuild or Prisma CLI. It writes nothing to disk (read-only root file system). No secrets:
# configuration comes from the environment at run time (deploy/k8s/base/configmap.yaml, ciba-secrets).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false PRISMA_HIDE_UPDATE_MESSAGE=1
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY libs/channel-kit/package.json libs/channel-kit/
COPY libs/contracts/package.json libs/contracts/
COPY libs/event-bus/package.json libs/event-bus/
COPY libs/metrics/package.json libs/metrics/
COPY libs/service-kit/package.json libs/service-kit/
COPY libs/test-support/package.json libs/test-support/
COPY services/all-in-one/package.json services/all-in-one/
COPY services/auth-endpoint/package.json services/auth-endpoint/
COPY services/consent-dispatcher/package.json services/consent-dispatcher/
COPY services/notifier/package.json services/notifier/
COPY services/token/package.json services/token/
COPY services/audit/package.json services/audit/
COPY tools/events-monitor/package.json tools/events-monitor/
COPY channels/email/package.json channels/email/
COPY channels/push/package.json channels/push/
COPY channels/sms/package.json channels/sms/
COPY channels/webhook/package.json channels/webhook/
COPY examples/chat-channel/package.json examples/chat-channel/
COPY bench/package.json bench/
RUN npm ci --ignore-scripts
COPY . .
# Generate the Prisma clients, compile every program into dist/ (the build fails on any error, and on
# an import that the pruned node_modules would lack), then keep only what dist/ loads at run time:
# --omit=optional also drops the Prisma CLI (and its TypeScript), which npm keeps as @prisma/client's
# optional peer although nothing at run time uses it.
RUN npm run generate \
 && npm run build \
 && npm prune --omit=dev --omit=optional --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node (graceful shutdown) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# Stack traces point at the TypeScript sources through the bundles' source maps.
ENV NODE_ENV=production PORT=8080 NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Root-owned and read-only for the runtime user.
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The base image's `node` user, by number, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "node"]
CMD ["dist/services/all-in-one/main.mjs"]
