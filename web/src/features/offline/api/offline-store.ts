/**
 * What this device keeps for working offline (decision 0043), in IndexedDB: the signed-in
 * person's last tasks page and the Done and Skip taps waiting to be sent. Both belong to
 * one sign-in: the page is keyed by a hash of the session's token, so another person
 * signing in here never sees it; the taps name the user who made them. Signing out clears
 * both.
 */
import type { Chore, Circle, Member, User } from "@chorus/shared";
import { clear, createStore, get, set, update, type UseStore } from "idb-keyval";

/** The four answers the tasks page's first screen is drawn from, as cached after the last load online. */
export interface TasksSnapshot {
  /** SHA-256 of the token they were fetched with (hex). */
  sessionKey: string;
  /** When the task list was fetched (ms since the epoch), for the offline banner. */
  savedAt: number;
  me: User;
  circle: Circle;
  members: Member[];
  chores: Chore[];
}

/** A Done or Skip tapped offline, naming the occurrence the person saw. */
export interface QueuedAction {
  id: string;
  userId: number;
  choreId: number;
  choreName: string;
  action: "do" | "skip";
  /** The occurrence's due date as the card showed it: the server refuses it once that occurrence is resolved. */
  dueDate: string | null;
  /** When it was tapped: a Done counts from then, not from when the connection came back. */
  at: string;
  note?: string;
}

const SNAPSHOT_KEY = "tasks-snapshot";
const QUEUE_KEY = "outbox";

let defaultStore: UseStore | undefined;
/**
 * Opened on first use: a page that never goes offline never opens the database. Opening throws
 * at once where a browser has no IndexedDB, so every use below is async: a rejection to catch.
 */
export const offlineStore = (): UseStore => (defaultStore ??= createStore("chorus-offline", "keyval"));

export async function sessionKeyOf(token: string): Promise<string | null> {
  // crypto.subtle exists only in secure contexts, like service workers: plain-HTTP hosts keep nothing.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export const saveSnapshot = async (snapshot: TasksSnapshot, store = offlineStore()) => set(SNAPSHOT_KEY, snapshot, store);

/** The last tasks page, only when it was fetched with this very sign-in. */
export async function readSnapshot(sessionKey: string, store = offlineStore()): Promise<TasksSnapshot | null> {
  const snapshot = await get<TasksSnapshot>(SNAPSHOT_KEY, store);
  return snapshot?.sessionKey === sessionKey ? snapshot : null;
}

export const readQueue = async (store = offlineStore()) => (await get<QueuedAction[]>(QUEUE_KEY, store)) ?? [];

/** Adds a tap, replacing an earlier one for the same chore (its card offers no second one). Atomic across tabs. */
export const enqueue = async (action: QueuedAction, store = offlineStore()) =>
  update<QueuedAction[]>(QUEUE_KEY, (queue = []) => [...queue.filter((queued) => queued.choreId !== action.choreId), action], store);

export const dequeue = async (id: string, store = offlineStore()) =>
  update<QueuedAction[]>(QUEUE_KEY, (queue = []) => queue.filter((queued) => queued.id !== id), store);

/** Signing out: nothing of this sign-in stays on the device. */
export const clearOfflineData = async (store = offlineStore()) => clear(store);
