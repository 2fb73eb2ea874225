# syntax=docker/dockerfile:1
# One image recipe for every service; the build argument picks which one the image runs.
# Build from the repository root:
#   docker build --build-arg SERVICE=token -t ciba/token .
#   (SERVICE: auth-endpoint | token | consent-dispatcher | notifier | all-in-one (default))
# No build step: the service runs its TypeScript through tsx, so the image holds the production
# dependencies plus tsx (and its esbuild), the sources, and the generated Prisma clients. No secrets:
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
COPY channels/email/package.json channels/email/
COPY channels/push/package.json channels/push/
COPY channels/sms/package.json channels/sms/
COPY channels/webhook/package.json channels/webhook/
COPY examples/chat-channel/package.json examples/chat-channel/
COPY bench/package.json bench/
RUN npm ci --ignore-scripts
COPY . .
# Generate the Prisma clients, then keep only production dependencies plus tsx and its esbuild
# (tsx is a dev dependency of the root but the runtime's TypeScript loader), and prove it loads.
RUN npm run generate \
 && mkdir /tmp/loader \
 && cp -a node_modules/tsx node_modules/esbuild node_modules/@esbuild /tmp/loader/ \
 && npm prune --omit=dev --ignore-scripts \
 && cp -a /tmp/loader/. node_modules/ \
 && node --import tsx --input-type=module -e "await import('/app/libs/contracts/src/index.ts')"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=all-in-one
# tini as PID 1 forwards SIGTERM to node (graceful shutdown) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=8080
WORKDIR /app
# Root-owned and read-only for the runtime user.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/libs libs
# The built-in consent channels: embedded by the all-in-one, or run as their own process from this
# image (`WORKDIR /app/channels/<name>`, `node --import tsx src/main.ts`).
COPY --from=build /app/channels channels
COPY --from=build /app/services/${SERVICE} services/${SERVICE}
USER node
WORKDIR /app/services/${SERVICE}
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
