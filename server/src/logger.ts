import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "chorus" },
    // Never log credentials or impersonation selectors, whatever a caller sends.
    redact: { paths: ["req.headers", "authorization", "password"], remove: true },
  });
}
