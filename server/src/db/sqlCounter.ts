/**
 * Counts the SQL statements each request sends, by wrapping the Prisma driver adapter.
 * Used by the benchmark and by tests that keep the per-request SQL budget honest.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";

interface Counter {
  statements: number;
}

const storage = new AsyncLocalStorage<Counter>();

export function runWithSqlCounter<T>(fn: () => T): { result: T; counter: Counter } {
  const counter = { statements: 0 };
  return { result: storage.run(counter, fn), counter };
}

/** Counts one statement sent outside the Prisma client (Database.queryRows). */
export function countStatement(): void {
  const counter = storage.getStore();
  if (counter) counter.statements += 1;
}

function countQueries<Q extends SqlQueryable>(queryable: Q): Q {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "queryRaw" || property === "executeRaw") {
        return (...args: unknown[]) => {
          countStatement();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => {
          countStatement(); // BEGIN
          const tx = await (value as (...a: unknown[]) => Promise<SqlQueryable>).apply(target, args);
          return countQueries(tx);
        };
      }
      if (property === "commit" || property === "rollback") {
        return (...args: unknown[]) => {
          // Without phantom queries (node-postgres) Prisma sends COMMIT/ROLLBACK itself, already
          // counted as a query, and commit() only releases the connection: not a statement.
          if ((target as { options?: { usePhantomQuery?: boolean } }).options?.usePhantomQuery !== false) countStatement();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function countingAdapter(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "connect") {
        return async () => countQueries(await target.connect());
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
