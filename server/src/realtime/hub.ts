/**
 * The live-update hub of one server process: listens for published changes (see
 * changes.ts) and hands each to the open event streams it concerns. Scoping happens
 * here: a stream hears about its own circle, and about its own people's memberships.
 */
import type { LiveEvent } from "@chorus/shared";
import type { Database } from "../db/database";
import type { Listening } from "../db/listener";
import type { Logger } from "../logger";
import { CHANGES_CHANNEL, parseChange, type Change } from "./changes";

export interface StreamScope {
  /** The circle the stream was opened in; null for someone in no circle. */
  circleId: number | null;
  /** The signed-in person and, when impersonating, the member viewed as. */
  userIds: number[];
}

export interface Subscriber {
  scope: StreamScope;
  send(event: LiveEvent): void;
  /** Sends a last event, if any, and ends the stream. */
  end(last?: LiveEvent): void;
}

export interface LiveHub {
  /** Starts delivering to `subscriber` once this process is listening; returns the unsubscribe. */
  subscribe(subscriber: Subscriber): Promise<() => void>;
  /** Ends every stream and stops listening (shutdown). */
  close(): Promise<void>;
}

const hubClosed = () => new Error("The live-update hub is closed");

export function createLiveHub(db: Database, logger: Logger): LiveHub {
  const subscribers = new Set<Subscriber>();
  let listening: Promise<Listening> | null = null;
  let closed = false;

  function deliver(change: Change) {
    for (const subscriber of subscribers) {
      const { circleId, userIds } = subscriber.scope;
      if (change.userIds?.some((id) => userIds.includes(id))) subscriber.end({ type: "circle" });
      else if (circleId !== null && change.circleIds.includes(circleId)) subscriber.send({ type: change.type });
    }
  }

  function endAll() {
    for (const subscriber of subscribers) subscriber.end();
    subscribers.clear();
  }

  // Started on the first stream, so processes nobody watches hold no extra connection.
  function listen(): Promise<Listening> {
    listening ??= db
      .listen(
        CHANGES_CHANNEL,
        {
          onNotification: (payload) => {
            const change = parseChange(payload);
            if (change) deliver(change);
            else logger.warn("live updates: ignored a malformed notification");
          },
          // Changes may have been missed: streams end, clients reconnect and reload.
          onReconnected: endAll,
        },
        logger,
      )
      .catch((error: unknown) => {
        listening = null;
        throw error;
      });
    return listening;
  }

  return {
    async subscribe(subscriber) {
      if (closed) throw hubClosed();
      await listen();
      if (closed) throw hubClosed(); // shutdown began while this process started listening
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    async close() {
      closed = true;
      endAll();
      const current = listening;
      listening = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
