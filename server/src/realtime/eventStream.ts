/**
 * One open `GET /events` response: Server-Sent Events framing, a comment line every
 * 25 s so proxies keep the connection, and a fresh authorization check at each of those
 * beats — a signed-out, removed or moved person's stream ends within one beat, and the
 * client's reconnect meets the usual 401/403 or the new scope.
 */
import type { LiveEvent } from "@chorus/shared";
import type { Response } from "express";
import type { LiveHub, StreamScope, Subscriber } from "./hub";

export const HEARTBEAT_MS = 25_000;

export interface EventStreamOptions {
  scope: StreamScope;
  /** Re-checks the caller as a new request would; false ends the stream. */
  stillAllowed(): Promise<boolean>;
  heartbeatMs?: number;
}

export async function openEventStream(res: Response, hub: LiveHub, options: EventStreamOptions): Promise<void> {
  let ended = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const stop = () => {
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  const write = (text: string) => {
    if (!ended) res.write(text);
  };
  const subscriber: Subscriber = {
    scope: options.scope,
    send: (event: LiveEvent) => write(`data: ${JSON.stringify(event)}\n\n`),
    end: (last) => {
      if (ended) return;
      if (last) subscriber.send(last);
      stop();
      res.end();
    },
  };
  res.on("close", stop);

  unsubscribe = await hub.subscribe(subscriber);
  if (res.destroyed) return stop();
  res.status(200);
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  // Proxies such as nginx buffer responses unless told not to.
  res.setHeader("X-Accel-Buffering", "no");
  res.flushHeaders();
  write(": connected\n\n");
  heartbeat = setInterval(() => {
    void options.stillAllowed().then((allowed) => (allowed ? write(": heartbeat\n\n") : subscriber.end()));
  }, options.heartbeatMs ?? HEARTBEAT_MS);
}
