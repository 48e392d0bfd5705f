/**
 * @jest-environment node
 */
// The queue needs no DOM; Node has the structuredClone IndexedDB values are copied with (jsdom lacks it).
import "fake-indexeddb/auto";
import { ChorusApiError, type Chore } from "@chorus/shared";
import { createStore, type UseStore } from "idb-keyval";
import { enqueue, readQueue, readSnapshot, saveSnapshot, type QueuedAction, type TasksSnapshot } from "./offline-store";
import { isRetryable, sendQueued } from "./outbox";

let store: UseStore;
let databases = 0;
beforeEach(() => {
  store = createStore(`outbox-test-${(databases += 1)}`, "keyval");
});

const tap = (choreId: number, extra: Partial<QueuedAction> = {}): QueuedAction => ({
  id: `tap-${choreId}-${extra.userId ?? 7}`,
  userId: 7,
  choreId,
  choreName: `Chore ${choreId}`,
  action: "do",
  dueDate: "2026-12-03T17:00:00.000Z",
  at: "2026-12-03T16:00:00.000Z",
  ...extra,
});

/** A stand-in for the server's answers: records what was sent, answers with `answer`. */
function server(answer: (action: QueuedAction) => Error | null = () => null) {
  const sent: number[] = [];
  const send = async (action: QueuedAction) => {
    sent.push(action.choreId);
    await Promise.resolve(); // answered later, like a request
    const failure = answer(action);
    if (failure) throw failure;
    return { id: action.choreId } as Chore;
  };
  return { sent, send };
}

const stale = () => new ChorusApiError(409, "stale_occurrence", "The occurrence was already resolved");
const unreachable = () => new ChorusApiError(0, "network_error", "Could not reach Chorus");

test("queued taps are sent in the order they were made, each taken off the queue once answered", async () => {
  await enqueue(tap(1), store);
  await enqueue(tap(2, { action: "skip" }), store);
  const { sent, send } = server();
  const outcomes = await sendQueued(7, send, store);
  expect(sent).toEqual([1, 2]);
  expect(outcomes.map((outcome) => [outcome.action.choreId, outcome.outcome])).toEqual([
    [1, "sent"],
    [2, "sent"],
  ]);
  expect(await readQueue(store)).toEqual([]);
});

test("a second tap for the same chore replaces the first: one request per chore", async () => {
  await enqueue(tap(1), store);
  await enqueue(tap(1, { id: "again", action: "skip" }), store);
  expect((await readQueue(store)).map((action) => [action.id, action.action])).toEqual([["again", "skip"]]);
});

test("no connection: the tap and those after it stay queued, and go with the next try", async () => {
  await enqueue(tap(1), store);
  await enqueue(tap(2), store);
  let online = false;
  const { sent, send } = server(() => (online ? null : unreachable()));
  expect(await sendQueued(7, send, store)).toEqual([]);
  expect((await readQueue(store)).map((action) => action.choreId)).toEqual([1, 2]);
  online = true;
  expect((await sendQueued(7, send, store)).map((outcome) => outcome.outcome)).toEqual(["sent", "sent"]);
  expect(sent).toEqual([1, 1, 2]);
  expect(await readQueue(store)).toEqual([]);
});

test("an occurrence resolved meanwhile is refused once, dropped, and the rest still go", async () => {
  await enqueue(tap(1), store);
  await enqueue(tap(2), store);
  const { sent, send } = server((action) => (action.choreId === 1 ? stale() : null));
  const outcomes = await sendQueued(7, send, store);
  expect(outcomes.map((outcome) => [outcome.action.choreId, outcome.outcome])).toEqual([
    [1, "refused"],
    [2, "sent"],
  ]);
  expect(outcomes[0]).toMatchObject({ error: { code: "stale_occurrence" } });
  expect(await readQueue(store)).toEqual([]);
  expect(await sendQueued(7, send, store)).toEqual([]);
  expect(sent).toEqual([1, 2]);
});

test("taps another person queued on this device are dropped unsent", async () => {
  await enqueue(tap(1, { userId: 8 }), store);
  await enqueue(tap(2), store);
  const { sent, send } = server();
  await sendQueued(7, send, store);
  expect(sent).toEqual([2]);
  expect(await readQueue(store)).toEqual([]);
});

test("two sends at once (the connection flapping) still send each tap once", async () => {
  await enqueue(tap(1), store);
  await enqueue(tap(2), store);
  const { sent, send } = server();
  const [first, second] = await Promise.all([sendQueued(7, send, store), sendQueued(7, send, store)]);
  expect(sent).toEqual([1, 2]);
  expect([first.length, second.length]).toEqual([2, 0]);
});

test("what is worth sending again: no answer, the server down or busy, the sign-in gone; not a refusal", () => {
  expect(isRetryable(unreachable())).toBe(true);
  expect(isRetryable(new ChorusApiError(503, "database_unavailable", "down"))).toBe(true);
  expect(isRetryable(new ChorusApiError(401, "unauthenticated", "signed out"))).toBe(true);
  expect(isRetryable(stale())).toBe(false);
  expect(isRetryable(new ChorusApiError(409, "not_due_yet", "ahead"))).toBe(false);
  expect(isRetryable(new ChorusApiError(404, "not_found", "gone"))).toBe(false);
});

test("the kept tasks page is read back only by the sign-in that fetched it", async () => {
  const snapshot = { sessionKey: "abc", savedAt: 1, me: {}, circle: {}, members: [], chores: [] } as unknown as TasksSnapshot;
  await saveSnapshot(snapshot, store);
  expect(await readSnapshot("abc", store)).toEqual(snapshot);
  expect(await readSnapshot("someone-else", store)).toBeNull();
});
