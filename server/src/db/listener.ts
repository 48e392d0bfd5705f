/**
 * A dedicated PostgreSQL connection that LISTENs on one channel, for notifications sent
 * by any server process sharing the database. Pooled connections cannot LISTEN (a
 * notification goes to the session that listened), so this one stays open, and comes
 * back with growing pauses when the server drops it.
 */
import { Client } from "pg";
import type { Logger } from "../logger";
import { describeFailure, isDatabaseUnavailable } from "./failures";

export interface Listening {
  close(): Promise<void>;
}

export interface ListenHandlers {
  onNotification: (payload: string) => void;
  /** Called after a lost connection is back: notifications sent meanwhile were missed. */
  onReconnected(): void;
}

const MAX_RETRY_MS = 30_000;

export async function listenOnPostgres(
  url: string,
  channel: string,
  handlers: ListenHandlers,
  logger: Logger,
  connectTimeoutMs: number,
): Promise<Listening> {
  let client: Client | null = null;
  let closed = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;
  let failedSinceListening = false;

  // An unreachable database is expected now and then: a short line, no stack.
  const logFailure = (error: unknown, message: string) =>
    isDatabaseUnavailable(error) ? logger.warn(`${message} (${describeFailure(error)})`) : logger.warn({ err: error }, message);

  async function connect(): Promise<void> {
    // Without a connect timeout, an attempt to a host that drops packets would never end and no retry would follow;
    // keepalive notices a peer that vanished without closing the connection.
    const next = new Client({
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.onNotification(message.payload);
    });
    // A dropped connection emits "error" (and then "end"); either way, connect anew.
    next.on("error", (error) => logFailure(error, "live updates: listening connection lost; reconnecting"));
    next.on("end", () => {
      if (client === next) {
        client = null;
        scheduleReconnect();
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => {
          retryMs = 500;
          failedSinceListening = false;
          logger.info("live updates: listening again");
          handlers.onReconnected();
        },
        (error: unknown) => {
          // One line per outage, not one per attempt: "listening again" closes it.
          if (!failedSinceListening) logFailure(error, "live updates: could not listen; retrying until the database is back");
          failedSinceListening = true;
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
          scheduleReconnect();
        },
      );
    }, retryMs);
    retryTimer.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end();
    },
  };
}
