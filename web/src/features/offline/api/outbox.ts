/**
 * Sends the Done and Skip taps queued offline, once each (decision 0043). One tab at a time
 * sends (a Web Lock), reading the queue afresh under the lock, and takes each tap off the
 * queue as soon as the server has answered it: a tap another tab sent is gone by then. The
 * due date each tap names makes the server refuse it, rather than resolve the next
 * occurrence, when the occurrence was resolved meanwhile: by someone else, or by this
 * device's own earlier send whose answer never arrived.
 */
import { ChorusApiError, type Chore } from "@chorus/shared";
import type { UseStore } from "idb-keyval";
import { dequeue, offlineStore, readQueue, type QueuedAction } from "./offline-store";

export type SendOutcome =
  | { action: QueuedAction; outcome: "sent"; chore: Chore }
  /** The server will not take it (a conflict, no longer allowed): dropped, with the server's reason. */
  | { action: QueuedAction; outcome: "refused"; error: unknown };

const LOCK_NAME = "chorus-outbox";

/** Worth sending again later: no answer, the server busy or down, or the sign-in gone (sent after signing in again). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ChorusApiError)) return true;
  return error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500;
}

/** The one request a queued tap becomes, sent with the person's own sign-in. */
export type Send = (action: QueuedAction) => Promise<Chore>;

/**
 * Sends `userId`'s queued taps in the order they were made; taps of another person (who
 * signed in here before, without signing out) are dropped unsent. Stops at the first that
 * cannot be sent for now, keeping it and those after it for the next try.
 */
export async function sendQueued(userId: number, send: Send, store: UseStore = offlineStore()): Promise<SendOutcome[]> {
  const run = async () => {
    const outcomes: SendOutcome[] = [];
    for (const action of await readQueue(store)) {
      if (action.userId !== userId) {
        await dequeue(action.id, store);
        continue;
      }
      try {
        const chore = await send(action);
        outcomes.push({ action, outcome: "sent", chore });
      } catch (error) {
        if (isRetryable(error)) break;
        outcomes.push({ action, outcome: "refused", error });
      }
      await dequeue(action.id, store);
    }
    return outcomes;
  };
  // One send at a time in this tab (the connection may flap); Web Locks make it one across tabs too.
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  const turn = inThisTab.then(() => (locks ? locks.request(LOCK_NAME, run) : run()));
  inThisTab = turn.catch(() => undefined);
  return turn;
}

let inThisTab: Promise<unknown> = Promise.resolve();
