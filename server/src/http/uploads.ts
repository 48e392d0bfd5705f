/**
 * Requests whose body is still arriving. At shutdown, a client that is slow to send its
 * body (or stopped halfway) would keep the process alive until the forced exit; after a
 * short grace those connections are cut, while requests that arrived whole finish.
 */
import type { IncomingMessage, Server } from "node:http";

export interface UnfinishedUploads {
  /** Cuts the connection of every request whose body has not fully arrived. */
  drop(): void;
}

export function trackUnfinishedUploads(server: Server): UnfinishedUploads {
  const inFlight = new Set<IncomingMessage>();
  server.on("request", (req: IncomingMessage, res) => {
    inFlight.add(req);
    res.once("close", () => inFlight.delete(req));
  });
  return {
    drop() {
      for (const req of inFlight) if (!req.complete) req.socket.destroy();
    },
  };
}
