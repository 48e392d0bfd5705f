/** Reading GET /events in tests: a stream opened through the SDK, with its hints collected. */
import type { ChorusClient, LiveEvent } from "@chorus/shared";

export interface OpenStream {
  events: LiveEvent[];
  /** Settles when the server ends the stream (or it is stopped). */
  ended: Promise<void>;
  /** Waits for the next hint not yet taken. */
  next(timeoutMs?: number): Promise<LiveEvent>;
  stop(): void;
}

/** Opens a stream as `client` and resolves once the server has it subscribed. */
export async function openStream(client: ChorusClient): Promise<OpenStream> {
  const events: LiveEvent[] = [];
  const controller = new AbortController();
  let taken = 0;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const ended = client.events.stream({ signal: controller.signal, onOpen: opened, onEvent: (event) => events.push(event) });
  await Promise.race([open, ended.then(() => Promise.reject(new Error("The stream ended before it opened")))]);
  return {
    events,
    ended,
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length <= taken) {
        if (Date.now() > deadline) throw new Error(`No live event within ${timeoutMs} ms (got ${JSON.stringify(events)})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return events[taken++]!;
    },
    stop: () => controller.abort(),
  };
}

/** Resolves true if `promise` settles within `ms`. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}
