# syntax=docker/dockerfile:1
# Chorus in one image (docs/decisions/0044): the embedded database under /data by default,
# PostgreSQL when DATABASE_URL is set. NODE_IMAGE is any Debian-based image with Node 20.19+
# and npm at /usr/local (CI builds its own: no registry is reachable there).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
ARG PNPM_VERSION=12.23.0
ENV CI=true
RUN npm install --global --no-fund --no-audit --loglevel=error "pnpm@${PNPM_VERSION}"
WORKDIR /src
# Dependencies first: this layer is reused while the lockfile and manifests stay the same.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY server/package.json server/
COPY shared/package.json shared/
COPY web/package.json web/
RUN --mount=type=cache,id=chorus-pnpm-store,target=/pnpm-store pnpm install --frozen-lockfile --store-dir /pnpm-store

FROM deps AS build
COPY . .
# Builds the web app, the server bundle and the PGlite template; then only the server's
# production dependencies go to /out, without source maps and Prisma's engines for other databases.
RUN --mount=type=cache,id=chorus-pnpm-store,target=/pnpm-store \
  pnpm build \
  && pnpm --filter @chorus/server deploy --prod --store-dir /pnpm-store /out \
  && find /out/node_modules/.pnpm -name '*.map' -delete \
  && find /out/node_modules/.pnpm -path '*/@prisma/client/runtime/*' \
    \( -name 'query_engine_bg.*' -o -name 'query_compiler_bg.*' \) ! -name '*.postgresql.*' -delete \
  && node -e " \
    const { env, args } = require('./scripts/serve-command.cjs').serveCommand('.'); \
    const vars = Object.entries(env).map(([name, value]) => name + '=' + value).join(' '); \
    const script = ['#!/bin/sh', 'cd /app', 'exec env ' + vars + ' node ' + args.join(' '), ''].join('\n'); \
    require('fs').writeFileSync('/out/chorus-serve', script, { mode: 0o755 });" \
  && mkdir /out/template && mv server/dist/pglite-template server/dist/pglite-template.json /out/template/

FROM ${NODE_IMAGE}
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
RUN useradd --system --user-group --uid 10001 --home-dir /data --no-create-home chorus \
  && mkdir /data && chown chorus:chorus /data
WORKDIR /app
COPY --from=build /out/node_modules server/node_modules
COPY --from=build /src/server/dist server/dist
# New data directories are copied from the template, keeping its owner-only file modes: the server's user must own it.
COPY --from=build --chown=chorus:chorus /out/template server/dist/
COPY --from=build /src/web/dist web/dist
COPY --from=build /src/prisma/migrations prisma/migrations
# The root package.json's `serve` command (its Node flags and environment), exec'd so that Node is PID 1 and gets SIGTERM.
COPY --from=build /out/chorus-serve /usr/local/bin/chorus-serve
USER chorus
VOLUME /data
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "-e", \
  "fetch('http://127.0.0.1:' + process.env.PORT + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["chorus-serve"]
