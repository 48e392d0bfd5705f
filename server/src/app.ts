/**
 * Builds the Express app from its dependencies; `main.ts` listens. Kept apart so tests
 * run the real app on an ephemeral port with their own database.
 */
import {
  API_PREFIX,
  contract,
  IMPERSONATION_HEADERS,
  TABLET_MEMBER_HEADERS,
  type ChorusContract,
  type RateLimitName,
} from "@chorus/shared";
import express, { type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet, { crossOriginOpenerPolicy } from "helmet";
import type { ActingContext } from "./context";
import type { Database } from "./db/database";
import type { AppDeps } from "./deps";
import { runWithSqlCounter } from "./db/sqlCounter";
import { ApiError } from "./errors";
import { actingContextKey, contractEndpoints, mountContract, type ContractHandlers } from "./http/route";
import { DatabaseRateLimitStore } from "./http/rateLimitStore";
import { inlineScriptSources, serveWebApp } from "./http/webApp";
import { apiNotFound, errorHandler } from "./middleware/errorHandler";
import { assignRequestMeta } from "./middleware/requestMeta";
import { requestLog } from "./middleware/requestLog";
import { mfaUserHandlers } from "./routes/mfa";
import { authHandlers, userAccountHandlers } from "./routes/accounts";
import { ssoAuthHandlers, ssoUserHandlers } from "./routes/sso";
import { calendarFeedUserHandlers, feedHandlers } from "./routes/calendarFeed";
import { choreHandlers } from "./routes/chores";
import { circleHandlers } from "./routes/circles";
import { rewardHandlers } from "./routes/rewards";
import { approvalHandlers } from "./routes/approvals";
import { deviceHandlers, tabletHandlers } from "./routes/devices";
import { eventHandlers } from "./routes/events";
import { healthHandlers, metaHandlers } from "./routes/health";
import { actedForMeHandlers, impersonationHandlers } from "./routes/impersonation";
import { reminderHandlers } from "./routes/reminders";
import { pageHandlers } from "./routes/pages";
import { photoHandlers } from "./routes/photos";
import { mcpHandlers } from "./routes/mcp";
import { calendarHandlers } from "./routes/calendar";

const VARY = ["Authorization", ...Object.values(IMPERSONATION_HEADERS), TABLET_MEMBER_HEADERS.id].join(", ");

/** Responses differ per user and per impersonation target: never cache them anywhere. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  // DESIGN §5's list, plus the member a shared tablet acts for (decision 0011).
  res.setHeader("Vary", VARY);
  next();
};

function limiter(db: Database, perMinute: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    // Counted in the database: every server process sharing it shares the allowance.
    store: new DatabaseRateLimitStore(db, `${what}:`),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError("rate_limited", `Too many ${what} attempts; wait a minute and try again`)),
  });
}

/** Every endpoint of the contract, as mounted. */
export const apiEndpoints = () => contractEndpoints(contract);

/** The implementation of every endpoint: a missing one does not compile. */
function handlers(deps: AppDeps): ContractHandlers<ChorusContract> {
  return {
    health: healthHandlers(deps),
    meta: metaHandlers(),
    auth: { ...authHandlers(deps), ...ssoAuthHandlers(deps) },
    users: {
      ...userAccountHandlers(deps),
      ...actedForMeHandlers(deps),
      ...calendarFeedUserHandlers(deps),
      ...ssoUserHandlers(deps),
      ...mfaUserHandlers(deps),
    },
    impersonation: impersonationHandlers(deps),
    circles: { ...circleHandlers(deps), ...deviceHandlers(deps) },
    rewards: rewardHandlers(deps),
    approvals: approvalHandlers(deps),
    tablet: tabletHandlers(deps),
    events: eventHandlers(deps),
    chores: choreHandlers(deps),
    photos: photoHandlers(deps),
    reminders: reminderHandlers(deps),
    feeds: feedHandlers(deps),
    mcp: mcpHandlers(),
    calendar: calendarHandlers(deps),
    pages: pageHandlers(deps),
  };
}

function rateLimits(deps: AppDeps): Record<RateLimitName, RequestHandler> {
  return {
    signIn: limiter(deps.db, deps.config.authRateLimitPerMinute, "sign-in"),
    join: limiter(deps.db, deps.config.authRateLimitPerMinute, "join"),
    // A test reminder makes the server call out: bounded like sign-in attempts.
    reminderTest: limiter(deps.db, deps.config.authRateLimitPerMinute, "test reminder"),
  };
}

export function createApp(deps: AppDeps) {
  const { config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(assignRequestMeta);
  app.use(
    requestLog(logger, {
      slowRequestMs: config.slowRequestMs,
      actingContext: (res) => res.locals[actingContextKey] as ActingContext | undefined,
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "img-src": ["'self'", "data:"],
          "script-src": ["'self'", ...inlineScriptSources(config.webDistDir)],
          // Helmet's default would make browsers fetch scripts and styles over HTTPS, which
          // a home server on plain HTTP does not speak: a blank page from any other host.
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: false, // self-hosted on plain HTTP in many homes; set at the proxy instead
      crossOriginOpenerPolicy: false, // below, only where browsers honour it
    }),
  );
  // Browsers ignore COOP on plain-HTTP origins other than localhost, with a console error
  // on every page load; over HTTPS (directly or behind a trusted proxy) it isolates the tab.
  const openerPolicy = crossOriginOpenerPolicy();
  app.use((req, res, next) => (req.secure ? openerPolicy(req, res, next) : next()));

  if (config.exposeSqlCount) {
    app.use((_req, res, next) => {
      const { counter } = runWithSqlCounter(() => next());
      // oxlint-disable-next-line typescript/unbound-method -- called with apply(this) below
      const writeHead = res.writeHead;
      res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
        this.setHeader("X-SQL-Statements", String(counter.statements));
        return writeHead.apply(this, args);
      } as typeof writeHead;
    });
  }

  const api = express.Router();
  api.use(noStore);
  mountContract(api, contract, handlers(deps), { deps, rateLimits: rateLimits(deps), checkResponses: deps.checkResponses === true });
  api.use(apiNotFound);
  app.use(API_PREFIX, api);
  app.use("/api", apiNotFound);

  serveWebApp(app, config.webDistDir);
  app.use(errorHandler(logger));
  return app;
}
