/**
 * A local SMTP server (the `smtp-server` package) standing in for the instance's mail
 * server: a real SMTP conversation, each received message kept raw with its envelope.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { SmtpConfig } from "../config";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Header names lower-cased; folded lines joined. */
  headers: Record<string, string>;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

export interface SmtpReceiver {
  config: SmtpConfig;
  mails: ReceivedMail[];
  /** Recipients to refuse with 550, as a server refuses an unknown mailbox. */
  refused: Set<string>;
  close(): Promise<void>;
}

function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers["content-transfer-encoding"] === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
    body = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, "%25"));
  }
  return { headers, text: body };
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address)) return callback();
      callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        mails.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map(({ address }) => address),
          ...parseMessage(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    config: { transport: { host: "127.0.0.1", port, secure: false }, from: "Chorus <chorus@home.test>" },
    mails,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
