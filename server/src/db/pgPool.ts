/**
 * The PostgreSQL connection pool behind Prisma's driver adapter. It evicts a connection
 * the moment it breaks, even while a transaction holds it.
 *
 * Why: when a transaction's connection is cut (PostgreSQL crashed or restarted),
 * Prisma sends COMMIT or ROLLBACK on it, that fails ("Client has encountered a
 * connection error and is not queryable"), and Prisma then never calls the adapter's
 * commit()/rollback(), which is where the connection goes back to the pool. Each such
 * transaction kept a pool slot forever; once every slot was gone, every request waited
 * for a free connection until `connectionTimeoutMillis` and answered 503, long after the
 * database was back. Queries outside transactions (`pool.query`) already release a
 * broken connection with its error.
 */
import { Pool, type PoolClient, type PoolConfig } from "pg";

/** What `/health` shows operators about the pool. */
export interface PoolState {
  /** Open connections, busy or idle. */
  size: number;
  /** The most it opens (DATABASE_POOL_SIZE). */
  max: number;
  idle: number;
  /** Requests waiting for a connection: above 0 for long, the pool is too small or stuck. */
  waiting: number;
}

class EvictingPool extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<PoolClient> | void {
    // pool.query() checks out with a callback and handles a broken connection itself.
    if (callback) return super.connect(callback);
    return super.connect().then(evictOnError);
  }
}

/** Releases `client` with the error as soon as its connection fails, and makes a later release() a no-op. */
function evictOnError(client: PoolClient): PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const releaseOnce = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener("error", releaseOnce);
    // An error removes the client from the pool instead of making it idle.
    release(error);
  };
  client.on("error", releaseOnce);
  client.release = releaseOnce;
  return client;
}

export function createPool(url: string, max: number, connectTimeoutMs: number): { pool: Pool; state: () => PoolState } {
  const config: PoolConfig = {
    connectionString: url,
    max,
    // A server that silently drops packets fails a checkout instead of hanging it.
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // TCP keepalive finds connections whose peer vanished without a FIN (a host or
    // network failure): the kernel errors the socket and the pool drops it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
  const pool = new EvictingPool(config);
  // An idle connection that breaks is removed by pg-pool, which then emits "error": without
  // a listener that would crash the process. The next query reports the outage.
  pool.on("error", () => {});
  return {
    pool,
    state: () => ({ size: pool.totalCount, max, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
