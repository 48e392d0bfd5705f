import pino from "pino";
import { build as prettyStream } from "pino-pretty";

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Human-readable lines (a person at a terminal) instead of JSON (a log collector). */
  pretty?: boolean;
  /** Where lines go; standard output by default. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    base: { service: "chorus" },
    // Never log credentials or impersonation selectors, whatever a caller sends.
    redact: { paths: ["req.headers", "authorization", "password"], remove: true },
  };
  if (options.pretty) {
    return pino(
      settings,
      prettyStream({
        sync: true,
        singleLine: true,
        translateTime: "SYS:HH:MM:ss",
        // The message already says method, path, status and time; keep the ids for tracing.
        ignore: "pid,hostname,service,req.method,req.path,res,responseTime",
        ...(options.destination ? { destination: options.destination } : {}),
      }),
    );
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
