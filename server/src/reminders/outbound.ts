/**
 * The one way reminders leave the server: a single POST with a short timeout that never
 * follows redirects and never reads the response body, to an address the destination
 * policy allows (see destinations.ts). Targets are URLs members typed, so the answer is
 * reduced to a status code: no response content ever reaches the member or the logs.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { BlockedDestinationError, type DestinationPolicy } from "./destinations";

/** How long a receiver gets to answer. */
export const OUTBOUND_TIMEOUT_MS = 5_000;

export type OutboundResult =
  | { ok: true; status: number }
  /** `status` is null when no HTTP answer arrived; `permanent` means retrying cannot help. */
  | { ok: false; status: number | null; error: string; permanent: boolean };

export async function postOnce(
  url: string,
  request: { headers: Record<string, string>; body: string | Buffer },
  destinations: DestinationPolicy,
  timeoutMs = OUTBOUND_TIMEOUT_MS,
): Promise<OutboundResult> {
  const target = new URL(url);
  const literalHost = target.hostname.replace(/^\[|\]$/g, "");
  // An address in the URL is connected to without a lookup, so it is judged here.
  if (isIP(literalHost) && !destinations.allowsAddress(literalHost)) return blocked(new BlockedDestinationError(literalHost));
  const body = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
  let response: IncomingMessage;
  try {
    response = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const outgoing = send(target, {
        method: "POST",
        headers: { "User-Agent": "Chorus-Reminders/1", ...request.headers, "Content-Length": String(body.length) },
        // A fresh connection each time: nothing pooled towards hosts members chose.
        agent: false,
        lookup: destinations.lookup,
        signal: AbortSignal.timeout(timeoutMs),
      });
      outgoing.once("response", resolve);
      outgoing.once("error", reject);
      outgoing.end(body);
    });
  } catch (error) {
    if (error instanceof BlockedDestinationError) return blocked(error);
    return { ok: false, status: null, error: describeNetworkError(error, timeoutMs), permanent: false };
  }
  // Only the status matters; dropping the body also bounds what a receiver can make us read.
  response.destroy();
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400)
    return { ok: false, status, error: `answered ${status} (redirects are not followed)`, permanent: true };
  // Client errors will not change by retrying, except these.
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429;
  return { ok: false, status, error: `answered ${status}`, permanent };
}

/** Permanent: only the operator's setting (and a restart) can change the answer. */
function blocked(error: BlockedDestinationError): OutboundResult {
  return { ok: false, status: null, error: `not sent: ${error.message}`, permanent: true };
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code !== "ERR_INVALID_ARG_TYPE" ? `could not connect (${code})` : "could not connect";
}
