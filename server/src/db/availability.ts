/**
 * Database outages: while PostgreSQL cannot be reached, requests fail fast with 503 (see
 * middleware/errorHandler.ts) and the log gets one line when the outage starts and one
 * when it ends, not a stack per request. The driver adapter is watched, so any query
 * that fails for an outage starts one and the next query that succeeds ends it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";
import type { Logger } from "../logger";
import { describeFailure, isDatabaseUnavailable } from "./failures";

export class DatabaseAvailability {
  private downSince: number | null = null;

  constructor(private readonly logger: Logger | undefined) {}

  failed(error: unknown): void {
    if (this.downSince !== null || !isDatabaseUnavailable(error)) return;
    this.downSince = Date.now();
    this.logger?.error(`Database unavailable (${describeFailure(error)}): answering 503 until it is back`);
  }

  succeeded(): void {
    if (this.downSince === null) return;
    const seconds = Math.round((Date.now() - this.downSince) / 1000);
    this.downSince = null;
    this.logger?.info(`Database available again after ${seconds} s`);
  }

  /** `result`, its outcome reported here. */
  observe<T>(result: Promise<T>): Promise<T> {
    return result.then(
      (value) => {
        this.succeeded();
        return value;
      },
      (error: unknown) => {
        this.failed(error);
        throw error;
      },
    );
  }

  private watchQueries<Q extends SqlQueryable>(queryable: Q): Q {
    return new Proxy(queryable, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (...args: unknown[]) => this.observe((value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        }
        if (property === "startTransaction") {
          return async (...args: unknown[]) => {
            const tx = await this.observe((value as (...a: unknown[]) => Promise<SqlQueryable>).apply(target, args));
            return this.watchQueries(tx);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  }

  /** `factory`, with every adapter it makes reporting its queries' outcomes here. */
  watch(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
    return new Proxy(factory, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property === "connect") return async () => this.watchQueries(await target.connect());
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/** Waits between attempts to reach the database at start: 1, 2, 4, 8, then every 15 s. */
const START_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000];

/**
 * Runs `task` (the start-up migrations) until the database answers, logging one line per
 * failed attempt: a server started before its database (a restart of both, a compose
 * file) waits for it instead of exiting. Any other failure is thrown at once.
 */
export async function retryWhileUnavailable<T>(task: () => Promise<T>, logger: Logger): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const delay = START_RETRY_DELAYS_MS[Math.min(attempt, START_RETRY_DELAYS_MS.length) - 1]!;
      logger.warn(`Database not reachable (${describeFailure(error)}); attempt ${attempt}, trying again in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
}
