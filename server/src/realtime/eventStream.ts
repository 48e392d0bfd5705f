/**
 * One open `GET /events` response: Server-Sent Events framing, and a comment line at
 * every beat of the hub (25 s) so proxies keep the connection. At each beat the hub
 * re-checks the stream's grant: a signed-out, removed or moved person's stream ends
 * within one beat, and the client's reconnect meets the usual 401/403 or the new scope.
 */
import type { LiveEvent } from "@chorus/shared";
import type { Response } from "express";
import type { StreamGrant } from "../acting/streamGrants";
import type { LiveHub, Subscriber } from "./hub";

export async function openEventStream(res: Response, hub: LiveHub, grant: StreamGrant): Promise<void> {
  let ended = false;
  let unsubscribe = () => {};
  const stop = () => {
    ended = true;
    unsubscribe();
  };
  const write = (text: string) => {
    if (!ended) res.write(text);
  };
  const subscriber: Subscriber = {
    grant,
    send: (event: LiveEvent) => write(`data: ${JSON.stringify(event)}\n\n`),
    heartbeat: () => write(": heartbeat\n\n"),
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
}
