/**
 * The queue as this tab shows it: each chore's tap waiting to send ("waiting to send" on its
 * card), and the taps the server refused once sent (a message on the card until dismissed).
 * Other tabs' changes arrive over a BroadcastChannel, so every open tab shows the same queue.
 */
import type { Chore } from "@chorus/shared";
import { useSyncExternalStore } from "react";
import { enqueue, readQueue, type QueuedAction } from "./offline-store";

interface QueueView {
  queued: QueuedAction[];
  /** Chore id → why its queued tap was not applied. */
  refused: ReadonlyMap<number, string>;
}

let view: QueueView = { queued: [], refused: new Map() };
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null | undefined;

function publish(next: QueueView) {
  view = next;
  for (const listener of listeners) listener();
}

/** Reads the queue again (after this tab or another changed it). */
export async function reloadQueue(): Promise<void> {
  publish({ ...view, queued: await readQueue() });
}

function tellOtherTabs() {
  // A BroadcastChannel reaches this origin's tabs only: it takes no target origin.
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  channel?.postMessage("changed");
}

function subscribe(listener: () => void) {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("chorus-outbox");
    channel?.addEventListener("message", () => void reloadQueue().catch(() => undefined));
    void reloadQueue().catch(() => undefined); // no IndexedDB: nothing is ever queued
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useQueueView(): QueueView {
  return useSyncExternalStore(subscribe, () => view);
}

/** Queues a Done or Skip of the occurrence `chore` shows, for `userId`. */
export async function queueAction(userId: number, chore: Chore, action: QueuedAction["action"], note: string): Promise<void> {
  await enqueue({
    id: crypto.randomUUID(),
    userId,
    choreId: chore.id,
    choreName: chore.name,
    action,
    dueDate: chore.nextDueDate,
    at: new Date().toISOString(),
    ...(note ? { note } : {}),
  });
  await reloadQueue();
  tellOtherTabs();
}

/** After a send: the queue as it is now, and the refusals to show. */
export async function queueSent(refusals: [choreId: number, message: string][]): Promise<void> {
  const refused = new Map(view.refused);
  for (const [choreId, message] of refusals) refused.set(choreId, message);
  publish({ refused, queued: await readQueue() });
  tellOtherTabs();
}

export function dismissRefusal(choreId: number): void {
  const refused = new Map(view.refused);
  refused.delete(choreId);
  publish({ ...view, refused });
}

/** Signing out: nothing queued is shown any more. */
export function resetQueueView(): void {
  publish({ queued: [], refused: new Map() });
}
