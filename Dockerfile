# Production image: the backend with the frontend bundled, running as the non-root `node` user
# against an external PostgreSQL (POSTGRES_HOST/PORT/USER/PASSWORD). Backstage's documented
# multi-stage build (https://backstage.io/docs/deployment/docker#multi-stage-build), with the
# production dependencies installed in a stage of their own: compilers for native modules stay
# in the build stages, and the runtime image carries none.
#
#   docker build -t acme/developer-portal .
#   docker run -p 7007:7007 -e POSTGRES_HOST=... -e POSTGRES_PORT=5432 -e POSTGRES_USER=... \
#     -e POSTGRES_PASSWORD=... -e APP_BASE_URL=https://portal.acme.example acme/developer-portal

# Stage 1: the install skeleton (package.json files only), so dependency layers cache well.
FROM node:22-bookworm-slim AS packages
WORKDIR /app
COPY backstage.json package.json yarn.lock .yarnrc.yml ./
COPY .yarn ./.yarn
COPY packages packages
COPY plugins plugins
RUN find packages plugins -mindepth 2 -maxdepth 2 \! -name "package.json" -exec rm -rf {} \+

# Stage 2: install everything and build the backend bundle (which builds the app it serves).
FROM node:22-bookworm-slim AS build
ENV PYTHON=/usr/bin/python3
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends python3 g++ build-essential
USER node
WORKDIR /app
COPY --from=packages --chown=node:node /app .
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 \
    yarn install --immutable
COPY --chown=node:node . .
RUN yarn tsc && yarn --cwd packages/backend build
RUN mkdir packages/backend/dist/skeleton packages/backend/dist/bundle \
    && tar xzf packages/backend/dist/skeleton.tar.gz -C packages/backend/dist/skeleton \
    && tar xzf packages/backend/dist/bundle.tar.gz -C packages/backend/dist/bundle

# Stage 3: the production dependencies of the bundle; native modules are compiled here.
FROM node:22-bookworm-slim AS production-dependencies
ENV PYTHON=/usr/bin/python3
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends python3 g++ build-essential
USER node
WORKDIR /app
COPY --from=build --chown=node:node /app/.yarn ./.yarn
COPY --from=build --chown=node:node /app/.yarnrc.yml /app/backstage.json ./
COPY --from=build --chown=node:node /app/yarn.lock /app/package.json /app/packages/backend/dist/skeleton/ ./
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 \
    yarn workspaces focus --all --production && rm -rf "$(yarn cache clean)"

# Stage 4: the runtime. No compilers, no Python build tools: Debian's mkdocs and
# mkdocs-material for TechDocs (runIn: local; they bring the Python interpreter they need),
# git for the golden paths' local git host, curl for the health check, and tini as PID 1 so
# the git and mkdocs processes the backend starts are reaped and signals reach node.
FROM node:22-bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends \
      tini curl git mkdocs mkdocs-material
USER node
WORKDIR /app
COPY --from=production-dependencies --chown=node:node /app ./
COPY --from=build --chown=node:node /app/packages/backend/dist/bundle/ ./
COPY --chown=node:node app-config.yaml app-config.production.yaml catalog-info.yaml mkdocs.yml ./
COPY --chown=node:node catalog ./catalog
COPY --chown=node:node docs ./docs
COPY --chown=node:node templates ./templates
COPY --chown=node:node scorecards ./scorecards
# OpenTelemetry, loaded before the backend (docs/observability.md): Prometheus metrics on :9464.
COPY --chown=node:node packages/backend/src/instrumentation.js ./instrumentation.js
# Local git host, checkouts and generated docs; mount a volume here to keep them.
RUN mkdir -p .data && chmod 0750 .data
ENV NODE_ENV=production
EXPOSE 7007 9464
# Liveness, not readiness: a platform that replaces unhealthy containers must not restart every
# replica while the database is away (readiness follows the database).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fs http://localhost:7007/.backstage/health/v1/liveness || exit 1
ENTRYPOINT ["tini", "--"]
CMD ["node", "--require", "./instrumentation.js", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
