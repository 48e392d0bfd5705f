/**
 * One log line per request, written when the response has finished (or the connection
 * closed), at `debug` — or higher for what needs a look: failures, throttling, slowness.
 * Only method and path (without the query, which may carry search terms, and without a
 * calendar feed's secret), status, time and the acting ids: never headers, so tokens and
 * impersonation selectors never reach a log.
 *
 * Replaces pino-http, which built two or three child loggers, with serialized bindings,
 * for every request even when its line was below the log level: on GET /chores that was
 * a measurable part of the time and allocation (docs/performance.md).
 */
import type { Request, RequestHandler, Response } from "express";
import type { ActingContext } from "../context";
import type { Logger } from "../logger";
import { requestMeta } from "./requestMeta";

export interface RequestLogOptions {
  /** Longer than this (ms) is logged at warn. */
  slowRequestMs: number;
  /** Where the handler left the acting context, for the ids on the line. */
  actingContext(res: Response): ActingContext | undefined;
}

/** The path without its query, and without the secret of a calendar-feed URL. */
export function loggablePath(url: string): string {
  return url.split("?")[0]!.replace(/\/ical\/[^/]*$/, "/ical/[secret]");
}

type Level = "error" | "warn" | "info" | "debug";

function levelOf(res: Response, ms: number, slowRequestMs: number): Level {
  if (res.statusCode >= 500) return "error";
  if (res.statusCode === 429) return "info"; // abuse, or TRUST_PROXY wrong so everyone shares one IP
  // An event stream lasts as long as the tab stays open: long is normal there.
  const streaming = String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream");
  return !streaming && ms > slowRequestMs ? "warn" : "debug";
}

export function requestLog(logger: Logger, options: RequestLogOptions): RequestHandler {
  return (req: Request, res: Response, next) => {
    const started = Date.now();
    // Read now: routers rewrite `req.url` to their own mount point.
    const url = req.originalUrl ?? req.url;
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      const ms = Date.now() - started;
      const level = levelOf(res, ms, options.slowRequestMs);
      if (!logger.isLevelEnabled(level)) return;
      const path = loggablePath(url);
      const ctx = options.actingContext(res);
      logger[level](
        {
          req: { id: requestMeta(req).requestId, method: req.method, path },
          res: { statusCode: res.statusCode },
          responseTime: ms,
          ...(ctx ? { actorUserId: ctx.actor.id, subjectUserId: ctx.impersonating ? ctx.subject.id : null } : {}),
        },
        level === "error" ? `${req.method} ${path} ${res.statusCode} failed` : `${req.method} ${path} ${res.statusCode} ${ms}ms`,
      );
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}
