/**
 * Builds the Express app from its dependencies; `main.ts` listens. Kept apart so tests
 * run the real app on an ephemeral port with their own database.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { ActingContext } from "./context";
import type { AppDeps } from "./deps";
import { runWithSqlCounter } from "./db/sqlCounter";
import { ApiError } from "./errors";
import { mountRoutes, type Route } from "./http/route";
import { actingContextKey } from "./middleware/actingContext";
import { apiNotFound, errorHandler } from "./middleware/errorHandler";
import { assignRequestMeta, requestMeta } from "./middleware/requestMeta";
import { accountRoutes } from "./routes/accounts";
import { choreRoutes } from "./routes/chores";
import { circleRoutes } from "./routes/circles";
import { healthRoutes } from "./routes/health";

/** Responses differ per user and per impersonation target: never cache them anywhere. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Vary", "Authorization, X-Impersonate-User-ID, X-Impersonate-User-Email, X-Impersonate-User-Phone");
  next();
};

function limiter(perMinute: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError("rate_limited", `Too many ${what} attempts; wait a minute and try again`)),
  });
}

export function apiRoutes(deps: AppDeps): Route[] {
  const authLimit = limiter(deps.config.authRateLimitPerMinute, "sign-in");
  const joinLimit = limiter(deps.config.authRateLimitPerMinute, "join");
  return [...healthRoutes(deps), ...accountRoutes(deps, authLimit), ...circleRoutes(deps, joinLimit), ...choreRoutes(deps)];
}

export function createApp(deps: AppDeps) {
  const { config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(assignRequestMeta);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => requestMeta(req as express.Request).requestId,
      // Only method and path: headers (tokens, impersonation selectors) are never logged.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // A 5xx line gets a made-up "failed with status code" error and its stack; drop it:
      // errorHandler logs real failures itself, and a database outage once, not per request.
      customErrorObject: (_req, _res, _error, { err: _err, ...line }: Record<string, unknown>) => line,
      customProps: (_req, res) => {
        const ctx = (res as express.Response).locals?.[actingContextKey] as ActingContext | undefined;
        return ctx ? { actorUserId: ctx.actor.id, subjectUserId: ctx.impersonating ? ctx.subject.id : null } : {};
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { "img-src": ["'self'", "data:"] } },
      strictTransportSecurity: false, // self-hosted on plain HTTP in many homes; set at the proxy instead
    }),
  );

  if (config.exposeSqlCount) {
    app.use((_req, res, next) => {
      const { counter } = runWithSqlCounter(() => next());
      const writeHead = res.writeHead;
      res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
        this.setHeader("X-SQL-Statements", String(counter.statements));
        return writeHead.apply(this, args);
      } as typeof writeHead;
    });
  }

  const api = express.Router();
  api.use(noStore);
  mountRoutes(api, apiRoutes(deps), deps);
  api.use(apiNotFound);
  app.use("/api/v1", api);
  app.use("/api", apiNotFound);

  serveWebApp(app, config.webDistDir);
  app.use(errorHandler(logger));
  return app;
}

function serveWebApp(app: express.Express, webDistDir: string | undefined) {
  if (webDistDir && existsSync(path.join(webDistDir, "index.html"))) {
    app.use(express.static(webDistDir, { index: false, maxAge: "1h" }));
    // Client-side routes: any other GET that wants HTML gets the app shell.
    app.get("/{*path}", (_req, res) => {
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(path.join(webDistDir, "index.html"));
    });
    return;
  }
  app.get("/", (_req, res) => {
    res.type("html").send(
      "<!doctype html><html lang=en><meta charset=utf-8><title>Chorus</title>" +
        "<h1>Chorus</h1><p>The API is running at <code>/api/v1</code>. Build the web app with <code>pnpm build</code>.</p></html>",
    );
  });
}
