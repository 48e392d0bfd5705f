/**
 * Sends a hand-written HTTP/1.1 request over a socket, for the header bytes no HTTP
 * client library will send (duplicates, control characters, arbitrary bytes).
 */
import { connect } from "node:net";

export function rawRequest(baseUrl: string, head: Buffer): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // Write without half-closing: the server closes the connection after replying (Connection: close).
    const socket = connect(Number(port), hostname, () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match) return reject(new Error(`No HTTP status in ${JSON.stringify(text.slice(0, 80))}`));
      resolve({ status: Number(match[1]), body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
}

/** A GET with the given extra header lines (raw bytes), closing the connection after. */
export function rawGet(baseUrl: string, path: string, headerLines: Buffer[]): Promise<{ status: number; body: string }> {
  const host = new URL(baseUrl).host;
  const head = Buffer.concat([
    Buffer.from(`GET /api/v1${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n`, "latin1"),
    ...headerLines.flatMap((line) => [line, Buffer.from("\r\n")]),
    Buffer.from("\r\n"),
  ]);
  return rawRequest(baseUrl, head);
}

/** A request sent in parts: `send` more bytes whenever the test likes, then await `response`. */
export function openRawRequest(baseUrl: string, firstPart: Buffer) {
  const { hostname, port } = new URL(baseUrl);
  const chunks: Buffer[] = [];
  const socket = connect(Number(port), hostname, () => socket.write(firstPart));
  socket.on("data", (chunk) => chunks.push(chunk));
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
  return { send: (bytes: Buffer) => socket.write(bytes), response };
}
