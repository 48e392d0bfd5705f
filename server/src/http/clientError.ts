/**
 * Replies Node's HTTP parser sends on its own — a malformed request line (400), a request
 * that did not arrive in time (408), headers too large (431) — never reach Express, so
 * they would go out with an empty body. This writes them in the API's error shape.
 */
import type { Server } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorBody, ErrorCode } from "@chorus/shared";
import { errorStatus } from "@chorus/shared";

function classify(error: NodeJS.ErrnoException): { code: ErrorCode; message: string } {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return { code: "headers_too_large", message: "Request headers are too large" };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { code: "request_timeout", message: "The request did not arrive in time" };
    default:
      return { code: "bad_request", message: "The request is not valid HTTP" };
  }
}

/** Attaches the `clientError` handler that answers parser errors with a JSON error body. */
export function answerClientErrorsAsJson(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own rule: nothing to say on a dead socket, or once a response has started.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const { code, message } = classify(error);
    const status = errorStatus[code];
    const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Cache-Control: no-store\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}
