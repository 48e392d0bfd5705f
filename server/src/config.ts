/**
 * Environment configuration, validated once at boot: a bad value stops the server with
 * a message naming the variable instead of failing later.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { prepareDataDir } from "./db/dataDir";

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  jwtSecret: string;
  sessionTtlHours: number;
  logLevel: string;
  /** Express `trust proxy`: false, a hop count, or the proxies' addresses/subnets. */
  trustProxy: false | number | string[];
  /** Built web app to serve at `/`; absent when not built. */
  webDistDir: string | undefined;
  /** Login and signup attempts allowed per IP per minute. */
  authRateLimitPerMinute: number;
  /** Argon2id memory cost in KiB (OWASP: 19 MiB); tests lower it. */
  passwordHashMemoryKib: number;
  /** Adds an `X-SQL-Statements` response header (benchmarks and tests). */
  exposeSqlCount: boolean;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z
    .string()
    .default("false")
    .refine((value) => value !== "true", "trusting every proxy lets clients forge their IP; give the number of proxies (1) or their addresses")
    .transform((value): false | number | string[] =>
      value === "false" ? false : /^[0-9]+$/.test(value) ? Number(value) : value.split(",").map((part) => part.trim()),
    ),
  WEB_DIST_DIR: z.string().optional(),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  CHORUS_EXPOSE_SQL_COUNT: z.enum(["true", "false"]).default("false"),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): { config: AppConfig; notes: string[] } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const notes: string[] = [];
  const dataDir = path.resolve(values.DATA_DIR);
  // DATA_DIR holds the generated JWT secret and the embedded database; with neither in
  // use (PostgreSQL and JWT_SECRET given) it may be absent or read-only.
  if (!values.JWT_SECRET || !values.DATABASE_URL) prepareDataDir(dataDir, { holdsDatabase: !values.DATABASE_URL });

  let jwtSecret = values.JWT_SECRET;
  if (!jwtSecret) {
    const secretFile = path.join(dataDir, "jwt-secret");
    if (existsSync(secretFile)) {
      jwtSecret = readFileSync(secretFile, "utf8").trim();
    } else {
      jwtSecret = randomBytes(48).toString("base64url");
      writeFileSync(secretFile, jwtSecret, { mode: 0o600 });
      notes.push(`JWT_SECRET not set: generated one and saved it to ${secretFile}`);
    }
  }

  const defaultWebDist = path.resolve(__dirname, "../../web/dist");
  const webDistDir = values.WEB_DIST_DIR ? path.resolve(values.WEB_DIST_DIR) : defaultWebDist;

  return {
    config: {
      port: values.PORT,
      host: values.HOST,
      dataDir,
      databaseUrl: values.DATABASE_URL,
      jwtSecret,
      sessionTtlHours: values.SESSION_TTL_HOURS,
      logLevel: values.LOG_LEVEL,
      trustProxy: values.TRUST_PROXY,
      webDistDir: existsSync(path.join(webDistDir, "index.html")) ? webDistDir : undefined,
      authRateLimitPerMinute: values.AUTH_RATE_LIMIT_PER_MINUTE,
      passwordHashMemoryKib: 19456,
      exposeSqlCount: values.CHORUS_EXPOSE_SQL_COUNT === "true",
    },
    notes,
  };
}
