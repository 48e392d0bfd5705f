import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import webPush from "web-push";
import { ConfigError, loadConfig } from "./config";
import { StartupError } from "./db/startupError";

describe("loadConfig", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "chorus-config-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("uses defaults and generates a JWT secret once, persisted privately in DATA_DIR", () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir });
    expect(first.notes).toEqual([expect.stringContaining("JWT_SECRET not set"), expect.stringContaining("VAPID keys not set")]);
    const secretFile = path.join(dataDir, "jwt-secret");
    expect(readFileSync(secretFile, "utf8")).toBe(first.config.jwtSecret);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
    expect(second.notes).toEqual([]);
  });

  it("takes single sign-on from OIDC_* and refuses PASSWORD_LOGIN=off without it, or an http:// issuer off loopback", () => {
    const sso = {
      DATA_DIR: dataDir,
      OIDC_ISSUER: "https://auth.example.org/application/o/chorus/",
      OIDC_CLIENT_ID: "chorus",
      OIDC_REDIRECT_URI: "https://chores.example.org/sso/callback",
    };
    expect(loadConfig(sso).config).toMatchObject({
      passwordLogin: true,
      sso: { issuer: sso.OIDC_ISSUER, clientSecret: undefined, name: "single sign-on", scopes: "openid email profile" },
    });
    expect(loadConfig({ DATA_DIR: dataDir }).config.sso).toBeNull();
    expect(loadConfig({ ...sso, PASSWORD_LOGIN: "off", OIDC_ISSUER: "http://127.0.0.1:9000" }).config.passwordLogin).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dataDir, PASSWORD_LOGIN: "off" })).toThrow(/PASSWORD_LOGIN: off needs single sign-on/);
    expect(() => loadConfig({ ...sso, OIDC_ISSUER: "http://auth.example.org" })).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL/);
    expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URI: undefined })).toThrow(/OIDC_ISSUER: needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI/);
    expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URI: "https://chores.example.org/" })).toThrow(/OIDC_REDIRECT_URI: must end in/);
  });

  it("generates VAPID keys once into DATA_DIR (mode 600) and reuses them", () => {
    const first = loadConfig({ DATA_DIR: dataDir }).config.reminders;
    expect(first.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const keyFile = path.join(dataDir, "vapid-keys.json");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, "utf8"))).toEqual({ publicKey: first.vapid.publicKey, privateKey: first.vapid.privateKey });
    expect(loadConfig({ DATA_DIR: dataDir }).config.reminders.vapid).toEqual(first.vapid);
    expect(first).toMatchObject({ intervalSeconds: 60, overdueAfterMinutes: 60 });
  });

  it("takes VAPID keys and reminder timing from the environment", () => {
    const env = {
      DATA_DIR: dataDir,
      VAPID_PUBLIC_KEY: "B".repeat(87),
      VAPID_PRIVATE_KEY: "p".repeat(43),
      VAPID_SUBJECT: "https://chorus.example.org",
      REMINDER_INTERVAL_SECONDS: "0",
      REMINDER_OVERDUE_AFTER_MINUTES: "120",
    };
    expect(loadConfig(env).config.reminders).toMatchObject({
      vapid: { publicKey: "B".repeat(87), privateKey: "p".repeat(43), subject: "https://chorus.example.org" },
      intervalSeconds: 0,
      overdueAfterMinutes: 120,
    });
    expect(() => loadConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: "B".repeat(87) })).toThrow("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY");
  });

  it("lets reminders reach public addresses only, plus the private networks REMINDER_ALLOWED_PRIVATE_NETWORKS names", () => {
    const closed = loadConfig({ DATA_DIR: dataDir }).config.reminders.destinations;
    expect(["8.8.8.8", "192.168.1.20", "fd12::1"].map((address) => closed.allowsAddress(address))).toEqual([true, false, false]);
    const open = loadConfig({ DATA_DIR: dataDir, REMINDER_ALLOWED_PRIVATE_NETWORKS: " 192.168.1.0/24, fd12::/16 ,10.0.0.7" }).config
      .reminders.destinations;
    expect(["8.8.8.8", "192.168.1.20", "fd12::1", "10.0.0.7", "10.0.0.8"].map((address) => open.allowsAddress(address))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it("turns email on with SMTP_URL or SMTP_HOST and SMTP_FROM, and points Telegram where TELEGRAM_API_BASE says", () => {
    const defaults = loadConfig({ DATA_DIR: dataDir }).config.reminders;
    expect(defaults).toMatchObject({ smtp: null, telegramApiBase: "https://api.telegram.org" });
    const from = "Chorus <chorus@example.org>";
    expect(loadConfig({ DATA_DIR: dataDir, SMTP_URL: "smtps://u:p@mail.example.org", SMTP_FROM: from }).config.reminders.smtp).toEqual({
      transport: "smtps://u:p@mail.example.org",
      from,
    });
    const parts = { DATA_DIR: dataDir, SMTP_HOST: "mail.lan", SMTP_USER: "chorus", SMTP_PASS: "pw", SMTP_FROM: from };
    expect(loadConfig(parts).config.reminders.smtp).toEqual({
      transport: { host: "mail.lan", port: 587, secure: false, auth: { user: "chorus", pass: "pw" } },
      from,
    });
    expect(loadConfig({ ...parts, SMTP_SECURE: "true" }).config.reminders.smtp?.transport).toMatchObject({ port: 465, secure: true });
    expect(() => loadConfig({ DATA_DIR: dataDir, SMTP_HOST: "mail.lan" })).toThrow(/SMTP_FROM: must be set/);
    expect(() => loadConfig({ DATA_DIR: dataDir, SMTP_URL: "mail.lan", SMTP_FROM: from })).toThrow(/SMTP_URL: must be an smtp/);
    const telegram = loadConfig({ DATA_DIR: dataDir, TELEGRAM_API_BASE: "http://bot-api.lan:8081/" }).config.reminders;
    expect(telegram.telegramApiBase).toBe("http://bot-api.lan:8081");
  });

  it("prefers JWT_SECRET and DATABASE_URL from the environment", () => {
    const { config } = loadConfig({
      DATA_DIR: dataDir,
      JWT_SECRET: "s".repeat(40),
      DATABASE_URL: "postgresql://u@db:5432/chorus",
      PORT: "8080",
    });
    expect(config).toMatchObject({ jwtSecret: "s".repeat(40), databaseUrl: "postgresql://u@db:5432/chorus", port: 8080 });
  });

  it("limits impersonation sessions to 60 minutes unless IMPERSONATION_LIMIT_MINUTES says otherwise", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).config.impersonationLimitMinutes).toBe(60);
    expect(loadConfig({ DATA_DIR: dataDir, IMPERSONATION_LIMIT_MINUTES: "15" }).config.impersonationLimitMinutes).toBe(15);
  });

  it("allows 3 extensions of an impersonation session unless IMPERSONATION_MAX_EXTENSIONS says otherwise (0 to 100)", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).config.impersonationMaxExtensions).toBe(3);
    expect(loadConfig({ DATA_DIR: dataDir, IMPERSONATION_MAX_EXTENSIONS: "0" }).config.impersonationMaxExtensions).toBe(0);
    for (const bad of ["-1", "101", "2.5", "many"]) {
      expect(() => loadConfig({ DATA_DIR: dataDir, IMPERSONATION_MAX_EXTENSIONS: bad })).toThrow(/IMPERSONATION_MAX_EXTENSIONS/);
    }
  });

  it("keeps at most 10 PostgreSQL connections unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).config.databasePoolSize).toBe(10);
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_POOL_SIZE: "25" }).config.databasePoolSize).toBe(25);
  });

  it("caps live-update streams per sign-in, person and process, unless EVENT_STREAMS_* say otherwise", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).config.liveStreamLimits).toEqual({ perSession: 10, perUser: 20, perProcess: 1000 });
    const env = { DATA_DIR: dataDir, EVENT_STREAMS_PER_SESSION: "3", EVENT_STREAMS_PER_USER: "5", EVENT_STREAMS_PER_PROCESS: "200" };
    expect(loadConfig(env).config.liveStreamLimits).toEqual({ perSession: 3, perUser: 5, perProcess: 200 });
  });

  it.each([
    ["false", false],
    ["1", 1],
    ["loopback, 10.0.0.0/8", ["loopback", "10.0.0.0/8"]],
  ])("reads TRUST_PROXY=%j as a hop count or proxy list", (value, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: value }).config.trustProxy).toEqual(expected);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ JWT_SECRET: "short" }, "JWT_SECRET"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TRUST_PROXY: "true" }, "TRUST_PROXY"],
    [{ VAPID_SUBJECT: "someone" }, "VAPID_SUBJECT"],
    [{ REMINDER_INTERVAL_SECONDS: "-1" }, "REMINDER_INTERVAL_SECONDS"],
    [{ REMINDER_ALLOWED_PRIVATE_NETWORKS: "lan" }, "REMINDER_ALLOWED_PRIVATE_NETWORKS"],
    [{ REMINDER_ALLOWED_PRIVATE_NETWORKS: "192.168.1.0/33" }, "REMINDER_ALLOWED_PRIVATE_NETWORKS"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "ten" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "2.5" }, "DATABASE_POOL_SIZE"],
    [{ IMPERSONATION_LIMIT_MINUTES: "0" }, "IMPERSONATION_LIMIT_MINUTES"],
    [{ IMPERSONATION_LIMIT_MINUTES: "1441" }, "IMPERSONATION_LIMIT_MINUTES"],
    [{ EVENT_STREAMS_PER_SESSION: "0" }, "EVENT_STREAMS_PER_SESSION"],
    [{ EVENT_STREAMS_PER_USER: "many" }, "EVENT_STREAMS_PER_USER"],
    [{ EVENT_STREAMS_PER_SESSION: "8", EVENT_STREAMS_PER_USER: "4" }, "EVENT_STREAMS_PER_USER: must be at least EVENT_STREAMS_PER_SESSION"],
    [{ EVENT_STREAMS_PER_PROCESS: "0" }, "EVENT_STREAMS_PER_PROCESS"],
    [{ EVENT_STREAMS_PER_PROCESS: "1.5" }, "EVENT_STREAMS_PER_PROCESS"],
  ])("rejects %j naming the variable", (env, name) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(name);
  });

  it("schedules embedded backups only when BACKUP_INTERVAL says so, into BACKUP_DIR, keeping BACKUP_KEEP", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).config.backups).toEqual({ intervalMs: null, dir: path.join(dataDir, "backups"), keep: 7 });
    const set = loadConfig({ DATA_DIR: dataDir, BACKUP_INTERVAL: "6h", BACKUP_DIR: "/srv/backups", BACKUP_KEEP: "14" }).config.backups;
    expect(set).toEqual({ intervalMs: 6 * 3_600_000, dir: "/srv/backups", keep: 14 });
    for (const env of [{ BACKUP_INTERVAL: "6 hours" }, { BACKUP_INTERVAL: "0h" }, { BACKUP_KEEP: "0" }]) {
      expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(new RegExp(`${Object.keys(env)[0]}: `));
    }
    // Several processes on one PostgreSQL would each take one: there, cron runs npm run backup.
    expect(() => loadConfig({ DATA_DIR: dataDir, BACKUP_INTERVAL: "1d", DATABASE_URL: "postgresql://db/chorus" })).toThrow(
      /BACKUP_INTERVAL: scheduled backups are for the embedded database/,
    );
  });

  it("needs a writable DATA_DIR only when something is kept there", () => {
    const unusable = path.join(dataDir, "jwt-secret-is-a-file", "data");
    writeFileSync(path.join(dataDir, "jwt-secret-is-a-file"), "");
    expect(() => loadConfig({ DATA_DIR: unusable })).toThrow(StartupError);
    expect(() => loadConfig({ DATA_DIR: unusable, JWT_SECRET: "s".repeat(40) })).toThrow(
      `DATA_DIR ${unusable} cannot be created or written`,
    );
    // PostgreSQL with JWT_SECRET but generated VAPID keys still keeps those in DATA_DIR.
    const onPostgres = { DATA_DIR: unusable, JWT_SECRET: "s".repeat(40), DATABASE_URL: "postgresql://u@db/chorus" };
    expect(() => loadConfig(onPostgres)).toThrow(`DATA_DIR ${unusable} cannot be created or written`);
    // PostgreSQL, JWT_SECRET and VAPID keys given: nothing is stored in DATA_DIR.
    const vapid = webPush.generateVAPIDKeys();
    expect(loadConfig({ ...onPostgres, VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey }).config.dataDir).toBe(
      unusable,
    );
  });
});
