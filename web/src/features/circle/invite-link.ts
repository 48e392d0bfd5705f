import { inviteCodeSchema } from "@chorus/shared";

/**
 * An invite link: `/join#code=…`. The code rides in the fragment, which browsers never
 * send to the server or in a Referer header, so it stays out of server and proxy logs.
 */
export function inviteLink(origin: string, inviteCode: string): string {
  return `${origin}/join#code=${inviteCode}`;
}

/** The invite code in an address's fragment (`#code=…`), normalised; null when there is none or it is malformed. */
export function inviteCodeFromHash(hash: string): string | null {
  const raw = new URLSearchParams(hash.replace(/^#/, "")).get("code");
  const parsed = inviteCodeSchema.safeParse(raw ?? "");
  return parsed.success ? parsed.data : null;
}
