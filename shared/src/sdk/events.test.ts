import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "./client";
import type { LiveEvent } from "../schemas/events";

/** A real HTTP server that writes `chunks` as an event stream, then ends it. */
async function streamingServer(chunks: string[]) {
  const seen: IncomingHttpHeaders[] = [];
  async function stream(res: ServerResponse) {
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    for (const chunk of chunks) {
      res.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    res.end();
  }
  const server = createServer((req, res) => {
    seen.push(req.headers);
    void stream(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("SDK events.stream", () => {
  it("reads hints split across chunks, skips comments and unknown types, and sends the usual headers", async () => {
    const server = await streamingServer([
      ": connected\n\n",
      'data: {"type":"cho',
      'res"}\n\ndata: {"type":"members"}\n',
      "\n: heartbeat\n\n",
      'data: {"type":"gossip"}\n\ndata: not json\n\ndata: {"type":"circle"}\n\n',
    ]);
    try {
      const client = createClient({ baseUrl: server.baseUrl, token: "tok" });
      client.setImpersonateUserId(7);
      const events: LiveEvent[] = [];
      let opened = 0;
      await client.events.stream({ onOpen: () => (opened += 1), onEvent: (event) => events.push(event) });
      expect(opened).toBe(1);
      expect(events).toEqual([{ type: "chores" }, { type: "members" }, { type: "circle" }]);
      expect(server.seen[0]).toMatchObject({ accept: "text/event-stream", authorization: "Bearer tok", "x-impersonate-user-id": "7" });
    } finally {
      await server.close();
    }
  });

  it("ends quietly when aborted", async () => {
    const server = await streamingServer([": connected\n\n", ...Array.from({ length: 200 }, () => ": heartbeat\n\n")]);
    try {
      const controller = new AbortController();
      const client = createClient({ baseUrl: server.baseUrl, token: "tok" });
      const ended = client.events.stream({ signal: controller.signal, onOpen: () => controller.abort(), onEvent: () => {} });
      await expect(ended).resolves.toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
