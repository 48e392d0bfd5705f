/**
 * The email channel: one message per reminder through the instance's SMTP server
 * (SMTP_* settings), with nodemailer. The server is the operator's, not a member's, so
 * it is not judged by the destination policy; the recipient is the account's own email.
 */
import { createTransport } from "nodemailer";
import type { SmtpConfig } from "../config";
import type { Reminder } from "./channels";
import { reminderText, reminderTitle } from "./channels";
import { OUTBOUND_TIMEOUT_MS, type OutboundResult } from "./outbound";

export async function sendEmail(target: { address: string }, reminder: Reminder, smtp: SmtpConfig | null): Promise<OutboundResult> {
  if (!smtp) return { ok: false, status: null, error: "this server has no SMTP settings", permanent: true };
  const timeouts = { connectionTimeout: OUTBOUND_TIMEOUT_MS, greetingTimeout: OUTBOUND_TIMEOUT_MS, socketTimeout: OUTBOUND_TIMEOUT_MS };
  const transport = createTransport(
    typeof smtp.transport === "string" ? { url: smtp.transport, ...timeouts } : { ...smtp.transport, ...timeouts },
  );
  try {
    await transport.sendMail({
      from: smtp.from,
      to: target.address,
      subject: reminderTitle(reminder),
      text: `${reminderText(reminder)}\n\n— Chorus. You get this because email is on in your reminder settings.\n`,
      headers: { "Auto-Submitted": "auto-generated", "X-Chorus-Event": reminder.kind },
    });
    return { ok: true, status: 250 };
  } catch (error) {
    return smtpFailure(error);
  } finally {
    transport.close();
  }
}

/** A 5xx reply will not change by retrying; a 4xx reply or no connection may. The server's text is not kept. */
function smtpFailure(error: unknown): OutboundResult {
  const { responseCode, code, syscall, message } = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
  };
  if (typeof responseCode === "number") {
    return { ok: false, status: responseCode, error: `the mail server answered ${responseCode}`, permanent: responseCode >= 500 };
  }
  // A failed connect is reported as ESOCKET; its message starts with the system's code ("connect ECONNREFUSED …").
  const systemCode = syscall === "connect" && typeof message === "string" ? /^connect (E[A-Z]+)/.exec(message)?.[1] : undefined;
  const detail = systemCode ?? (typeof code === "string" ? code : undefined);
  return { ok: false, status: null, error: `could not reach the mail server${detail ? ` (${detail})` : ""}`, permanent: false };
}
