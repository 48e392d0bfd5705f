/**
 * An express-rate-limit store that counts in the database, so a limit holds however many
 * server processes share it (a memory store would give each process its own allowance).
 * One statement per counted request: an upsert that starts a new window when the old
 * one has run out. Expired counters are deleted at most once a window per process.
 */
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Database } from "../db/database";

export class DatabaseRateLimitStore implements Store {
  private prunedAt = 0;

  /** `prefix` keeps limiters apart (each one has its own store); express-rate-limit sets the window through init(). */
  constructor(
    private readonly db: Database,
    readonly prefix: string,
    private windowMs = 60_000,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const expired = new Date(now.getTime() - this.windowMs);
    await this.pruneExpired(now, expired);
    const [row] = await this.db.prisma.$queryRaw<{ hits: number; windowStart: Date }[]>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "hits") VALUES (${this.prefix + key}, ${now}, 1)
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "RateLimitCounter"."windowStart" <= ${expired} THEN 1 ELSE "RateLimitCounter"."hits" + 1 END,
        "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${expired} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
      RETURNING "hits", "windowStart"`;
    return { totalHits: row!.hits, resetTime: new Date(row!.windowStart.getTime() + this.windowMs) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.prisma.$executeRaw`UPDATE "RateLimitCounter" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${this.prefix + key}`;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.prisma.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ${this.prefix + key}`;
  }

  private async pruneExpired(now: Date, expired: Date): Promise<void> {
    if (now.getTime() - this.prunedAt < this.windowMs) return;
    this.prunedAt = now.getTime();
    await this.db.prisma
      .$executeRaw`DELETE FROM "RateLimitCounter" WHERE "windowStart" <= ${expired} AND starts_with("key", ${this.prefix})`;
  }
}
