/**
 * Environment configuration, validated once at boot: a bad value stops the server with
 * a message naming the variable instead of failing later.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webPush from "web-push";
import { z } from "zod";
import { prepareDataDir } from "./db/dataDir";
import { createDestinationPolicy, parseNetwork, type DestinationPolicy } from "./reminders/destinations";

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL only: connections each server process keeps at most. */
  databasePoolSize: number;
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
  /** How long an impersonation session lasts before it must be started again. */
  impersonationLimitMinutes: number;
  /** How many times one impersonation session may be extended (decision 0024). */
  impersonationMaxExtensions: number;
  /** Live-update streams send a keep-alive and re-check the caller this often; tests shorten it. */
  liveHeartbeatMs: number;
  /**
   * Open `GET /events` streams allowed per sign-in (or API token) and per person, oldest
   * closed first; and per process, beyond which new ones get 503.
   */
  liveStreamLimits: { perSession: number; perUser: number; perProcess: number };
  /** Requests slower than this are logged at info even when they succeed. */
  slowRequestMs: number;
  reminders: ReminderConfig;
  photos: PhotoConfig;
  /** PASSWORD_LOGIN: false refuses password sign-in and sign-up (decision 0040); children's PIN sign-in stays. */
  passwordLogin: boolean;
  /** Single sign-on with OpenID Connect (OIDC_*); null when not configured. */
  sso: SsoConfig | null;
  backups: BackupConfig;
  /** Passkeys' relying party (WEBAUTHN_ORIGIN); null turns passkeys off (decision 0041). */
  webauthn: WebAuthnConfig | null;
}

export interface WebAuthnConfig {
  /** The web app's origin as browsers see it, e.g. `https://chores.example.org`. */
  origin: string;
  /** Its host name, which passkeys are bound to. */
  rpId: string;
  rpName: string;
}

/** One OpenID Connect provider (decision 0040). */
export interface SsoConfig {
  /** Discovered at `<issuer>/.well-known/openid-configuration`; http only on loopback. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret: string | undefined;
  /** The web app's `/sso/callback` page, registered at the provider. */
  redirectUri: string;
  /** The button's label: "Sign in with <name>". */
  name: string;
  scopes: string;
}

/** Instance backups (decision 0042): where `npm run backup` and the scheduled ones write. */
export interface BackupConfig {
  /** Milliseconds between scheduled backups of the embedded database; null turns them off. */
  intervalMs: number | null;
  dir: string;
  /** Scheduled backups kept; older ones are deleted after each new one (others in the folder are never touched). */
  keep: number;
}

const DURATION_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Photo proof of completions (decision 0030). */
export interface PhotoConfig {
  /** Largest upload accepted, before re-encoding. */
  maxUploadBytes: number;
  /** Days a completion's photo is kept; then the scheduler tick removes it and the history row says it expired. */
  retentionDays: number;
}

export interface ReminderConfig {
  /** VAPID keys (base64url) and contact that sign Web Push requests. */
  vapid: { publicKey: string; privateKey: string; subject: string };
  /** Seconds between scheduler ticks; 0 turns the scheduler off in this process. */
  intervalSeconds: number;
  /** A chore not done this long after it fell due gets the "overdue" reminder. */
  overdueAfterMinutes: number;
  /** Which addresses reminders may be sent to: public ones, plus REMINDER_ALLOWED_PRIVATE_NETWORKS. */
  destinations: DestinationPolicy;
  /** The instance's mail server for the email channel (SMTP_*); null turns the channel off. */
  smtp: SmtpConfig | null;
  /** Where Telegram's Bot API is (TELEGRAM_API_BASE); members' bot tokens go in the path. */
  telegramApiBase: string;
}

export interface SmtpConfig {
  /** `smtp://` or `smtps://` URL with any credentials, or the parts. */
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  /** The From header, e.g. `Chorus <chorus@example.org>`. */
  from: string;
}

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    // Each server process opens up to this many; several processes must fit PostgreSQL's max_connections (100 by default).
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24 * 30),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: z
      .string()
      .default("false")
      .refine(
        (value) => value !== "true",
        "trusting every proxy lets clients forge their IP; give the number of proxies (1) or their addresses",
      )
      .transform((value): false | number | string[] =>
        value === "false" ? false : /^[0-9]+$/.test(value) ? Number(value) : value.split(",").map((part) => part.trim()),
      ),
    WEB_DIST_DIR: z.string().optional(),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    CHORUS_EXPOSE_SQL_COUNT: z.enum(["true", "false"]).default("false"),
    SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(1000),
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (87 characters)")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (43 characters)")
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL")
      .default("mailto:chorus@example.invalid"),
    REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    REMINDER_OVERDUE_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    REMINDER_ALLOWED_PRIVATE_NETWORKS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .refine(
        (networks) => networks.every((network) => parseNetwork(network) !== null),
        "must be a comma-separated list of addresses or CIDR ranges like 192.168.1.0/24",
      ),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    SMTP_SECURE: z.enum(["true", "false"]).optional(),
    SMTP_FROM: z.string().optional(),
    TELEGRAM_API_BASE: z
      .string()
      .regex(/^https?:\/\/\S+$/, "must be an http:// or https:// URL")
      .default("https://api.telegram.org")
      .transform((value) => value.replace(/\/+$/, "")),
    IMPERSONATION_LIMIT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    PHOTO_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(50).default(8),
    PHOTO_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    IMPERSONATION_MAX_EXTENSIONS: z.coerce.number().int().min(0).max(100).default(3),
    EVENT_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(100).default(10),
    EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
    EVENT_STREAMS_PER_PROCESS: z.coerce.number().int().min(1).max(100_000).default(1000),
    PASSWORD_LOGIN: z.enum(["on", "off"]).default("on"),
    OIDC_ISSUER: z
      .url({ protocol: /^https?$/, message: "must be an https:// URL (http:// only for a loopback address)" })
      .refine(isSecureOrLoopback, "must be an https:// URL (http:// only for a loopback address)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z
      .string()
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    OIDC_REDIRECT_URI: z
      .url({ protocol: /^https?$/, message: "must be the web app's https:// URL ending in /sso/callback" })
      .refine((value) => new URL(value).pathname.endsWith("/sso/callback"), "must end in /sso/callback (the web app's page)")
      .optional(),
    OIDC_NAME: z.string().trim().min(1).max(40).default("single sign-on"),
    OIDC_SCOPES: z
      .string()
      .default("openid email profile")
      .refine((value) => value.split(/\s+/).includes("openid"), "must include openid"),
    BACKUP_INTERVAL: z
      .string()
      .default("off")
      .refine((value) => /^(off|[1-9][0-9]{0,5}[smhd])$/.test(value), "must be off or a duration like 30m, 6h or 1d")
      .transform((value) =>
        value === "off" ? null : Number(value.slice(0, -1)) * DURATION_UNITS_MS[value.slice(-1) as keyof typeof DURATION_UNITS_MS],
      ),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
    WEBAUTHN_ORIGIN: z
      .string()
      .regex(/^https?:\/\/[^/\s:]+(:[0-9]+)?$/, "must be the web app's origin, like https://chores.example.org (no path)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    WEBAUTHN_RP_NAME: z.string().min(1).max(64).default("Chorus"),
  })
  .refine((values) => Boolean(values.SMTP_FROM) || (!values.SMTP_URL && !values.SMTP_HOST), {
    path: ["SMTP_FROM"],
    message: "must be set with SMTP_URL or SMTP_HOST (the address reminders are sent from)",
  })
  .refine((values) => !values.OIDC_ISSUER || (values.OIDC_CLIENT_ID && values.OIDC_REDIRECT_URI), {
    path: ["OIDC_ISSUER"],
    message: "needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI too",
  })
  .refine((values) => values.PASSWORD_LOGIN === "on" || values.OIDC_ISSUER, {
    path: ["PASSWORD_LOGIN"],
    message: "off needs single sign-on (OIDC_ISSUER), or no one but children could sign in",
  })
  .refine((values) => values.BACKUP_INTERVAL === null || !values.DATABASE_URL, {
    path: ["BACKUP_INTERVAL"],
    message: "scheduled backups are for the embedded database; on PostgreSQL run npm run backup (pg_dump) from cron",
  })
  .refine((values) => values.EVENT_STREAMS_PER_USER >= values.EVENT_STREAMS_PER_SESSION, {
    path: ["EVENT_STREAMS_PER_USER"],
    message: "must be at least EVENT_STREAMS_PER_SESSION (a person's streams include each sign-in's)",
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
  // DATA_DIR holds the generated JWT secret and VAPID keys and the embedded database; with
  // none of them in use (PostgreSQL, JWT_SECRET and VAPID keys given) it may be absent or read-only.
  const generatesKeys = !values.JWT_SECRET || !(values.VAPID_PUBLIC_KEY && values.VAPID_PRIVATE_KEY);
  if (generatesKeys || !values.DATABASE_URL) prepareDataDir(dataDir, { holdsDatabase: !values.DATABASE_URL });

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

  const vapid = loadVapidKeys(values, dataDir, notes);

  const defaultWebDist = path.resolve(__dirname, "../../web/dist");
  const webDistDir = values.WEB_DIST_DIR ? path.resolve(values.WEB_DIST_DIR) : defaultWebDist;

  return {
    config: {
      port: values.PORT,
      host: values.HOST,
      dataDir,
      databaseUrl: values.DATABASE_URL,
      databasePoolSize: values.DATABASE_POOL_SIZE,
      jwtSecret,
      sessionTtlHours: values.SESSION_TTL_HOURS,
      logLevel: values.LOG_LEVEL,
      trustProxy: values.TRUST_PROXY,
      webDistDir: existsSync(path.join(webDistDir, "index.html")) ? webDistDir : undefined,
      authRateLimitPerMinute: values.AUTH_RATE_LIMIT_PER_MINUTE,
      passwordHashMemoryKib: 19456,
      exposeSqlCount: values.CHORUS_EXPOSE_SQL_COUNT === "true",
      liveHeartbeatMs: 25_000,
      liveStreamLimits: {
        perSession: values.EVENT_STREAMS_PER_SESSION,
        perUser: values.EVENT_STREAMS_PER_USER,
        perProcess: values.EVENT_STREAMS_PER_PROCESS,
      },
      slowRequestMs: values.SLOW_REQUEST_MS,
      reminders: {
        vapid: { ...vapid, subject: values.VAPID_SUBJECT },
        intervalSeconds: values.REMINDER_INTERVAL_SECONDS,
        overdueAfterMinutes: values.REMINDER_OVERDUE_AFTER_MINUTES,
        destinations: createDestinationPolicy(values.REMINDER_ALLOWED_PRIVATE_NETWORKS),
        smtp: smtpConfig(values),
        telegramApiBase: values.TELEGRAM_API_BASE,
      },
      backups: {
        intervalMs: values.BACKUP_INTERVAL,
        dir: values.BACKUP_DIR ? path.resolve(values.BACKUP_DIR) : path.join(dataDir, "backups"),
        keep: values.BACKUP_KEEP,
      },
      photos: { maxUploadBytes: values.PHOTO_MAX_UPLOAD_MB * 1_048_576, retentionDays: values.PHOTO_RETENTION_DAYS },
      impersonationLimitMinutes: values.IMPERSONATION_LIMIT_MINUTES,
      impersonationMaxExtensions: values.IMPERSONATION_MAX_EXTENSIONS,
      passwordLogin: values.PASSWORD_LOGIN === "on",
      sso: ssoConfig(values),
      webauthn: values.WEBAUTHN_ORIGIN
        ? { origin: values.WEBAUTHN_ORIGIN, rpId: new URL(values.WEBAUTHN_ORIGIN).hostname, rpName: values.WEBAUTHN_RP_NAME }
        : null,
    },
    notes,
  };
}

function isSecureOrLoopback(value: string): boolean {
  const url = new URL(value);
  return url.protocol === "https:" || ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname);
}

function ssoConfig(values: z.infer<typeof envSchema>): SsoConfig | null {
  if (!values.OIDC_ISSUER || !values.OIDC_CLIENT_ID || !values.OIDC_REDIRECT_URI) return null;
  return {
    issuer: values.OIDC_ISSUER,
    clientId: values.OIDC_CLIENT_ID,
    clientSecret: values.OIDC_CLIENT_SECRET,
    redirectUri: values.OIDC_REDIRECT_URI,
    name: values.OIDC_NAME,
    scopes: values.OIDC_SCOPES,
  };
}

/** SMTP_URL wins over the parts; without either, email is off. */
function smtpConfig(values: z.infer<typeof envSchema>): SmtpConfig | null {
  if (!values.SMTP_FROM) return null;
  if (values.SMTP_URL) return { transport: values.SMTP_URL, from: values.SMTP_FROM };
  if (!values.SMTP_HOST) return null;
  const secure = values.SMTP_SECURE === "true";
  return {
    transport: {
      host: values.SMTP_HOST,
      port: values.SMTP_PORT ?? (secure ? 465 : 587),
      secure,
      ...(values.SMTP_USER ? { auth: { user: values.SMTP_USER, pass: values.SMTP_PASS ?? "" } } : {}),
    },
    from: values.SMTP_FROM,
  };
}

/**
 * VAPID keys from the environment (both or neither), else generated once into
 * DATA_DIR/vapid-keys.json (mode 600): browsers' subscriptions are bound to the public
 * key, so it must survive restarts.
 */
function loadVapidKeys(
  values: { VAPID_PUBLIC_KEY?: string | undefined; VAPID_PRIVATE_KEY?: string | undefined },
  dataDir: string,
  notes: string[],
): { publicKey: string; privateKey: string } {
  if (values.VAPID_PUBLIC_KEY && values.VAPID_PRIVATE_KEY) {
    return { publicKey: values.VAPID_PUBLIC_KEY, privateKey: values.VAPID_PRIVATE_KEY };
  }
  if (values.VAPID_PUBLIC_KEY || values.VAPID_PRIVATE_KEY) {
    throw new ConfigError("Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together");
  }
  const keyFile = path.join(dataDir, "vapid-keys.json");
  if (existsSync(keyFile)) {
    const stored = z
      .object({ publicKey: z.string().min(1), privateKey: z.string().min(1) })
      .safeParse(parseJsonOrNull(readFileSync(keyFile, "utf8")));
    if (!stored.success)
      throw new ConfigError(`Invalid configuration: ${keyFile} is not a VAPID key pair; delete it to generate a new one`);
    return stored.data;
  }
  const keys = webPush.generateVAPIDKeys();
  writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  notes.push(`VAPID keys not set: generated a pair for Web Push and saved it to ${keyFile}`);
  return keys;
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
