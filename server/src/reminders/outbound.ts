/**
 * The one way reminders leave the server: a single POST with a short timeout that never
 * follows redirects and never reads the response body. Targets are URLs members typed
 * (LAN addresses included, on purpose), so the answer is reduced to a status code: no
 * response content ever reaches the member or the logs.
 */

/** How long a receiver gets to answer. */
export const OUTBOUND_TIMEOUT_MS = 5_000;

export type OutboundResult =
  | { ok: true; status: number }
  /** `status` is null when no HTTP answer arrived; `permanent` means retrying cannot help. */
  | { ok: false; status: number | null; error: string; permanent: boolean };

export async function postOnce(
  url: string,
  request: { headers: Record<string, string>; body: string | Buffer },
  timeoutMs = OUTBOUND_TIMEOUT_MS,
): Promise<OutboundResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "User-Agent": "Chorus-Reminders/1", ...request.headers },
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, status: null, error: describeNetworkError(error, timeoutMs), permanent: false };
  }
  // Only the status matters; dropping the body also bounds what a receiver can make us read.
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, error: `answered ${status} (redirects are not followed)`, permanent: true };
  // Client errors will not change by retrying, except these.
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429;
  return { ok: false, status, error: `answered ${status}`, permanent };
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : null;
  return code ? `could not connect (${code})` : "could not connect";
}
