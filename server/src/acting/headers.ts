/**
 * The only reader of credential and selector headers: `Authorization`, the three
 * impersonation selectors (DESIGN §5) and a shared tablet's member and PIN headers
 * (decision 0011). Reading never decides anything; it says what the request presented.
 */
import { E164_PATTERN, emailSchema, IMPERSONATION_HEADERS, MAX_ID, TABLET_MEMBER_HEADERS } from "@chorus/shared";
import type { IncomingMessage } from "node:http";
import { ApiError } from "../errors";
import { isApiToken, isDeviceToken } from "../services/credentials";

export type ImpersonationSelector = { by: "id"; value: number } | { by: "email"; value: string } | { by: "phone"; value: string };

/** A header that was sent well-formed, sent malformed (with the 400 to answer), or not sent. */
export type HeaderReading<T> = { sent: false } | { sent: true; value: T } | { sent: true; error: ApiError };

export type Bearer = { kind: "session" | "apiToken" | "device"; token: string };

export interface PresentedCredentials {
  /** Null when `Authorization` is absent or not a bearer token of any kind. */
  bearer: Bearer | null;
  authorizationSent: boolean;
  selector: HeaderReading<ImpersonationSelector>;
  tabletMemberId: HeaderReading<number>;
  tabletPin: HeaderReading<string>;
}

type Headers = NodeJS.Dict<string[]>;

const SELECTOR_HEADERS = {
  id: IMPERSONATION_HEADERS.id.toLowerCase(),
  email: IMPERSONATION_HEADERS.email.toLowerCase(),
  phone: IMPERSONATION_HEADERS.phone.toLowerCase(),
} as const;

export function readCredentials(req: IncomingMessage): PresentedCredentials {
  const headers = req.headersDistinct;
  const { authorization } = req.headers;
  return {
    bearer: readBearer(authorization),
    authorizationSent: authorization !== undefined,
    selector: readSelector(headers),
    tabletMemberId: readTabletMemberId(headers),
    tabletPin: readSingle(headers, TABLET_MEMBER_HEADERS.pin, (value) => value),
  };
}

/**
 * The bearer token as presented, for the MCP endpoint, whose tools call the API again with
 * the very credential the request was admitted with (decision 0038).
 */
export function presentedBearerToken(req: IncomingMessage): string | null {
  return readBearer(req.headers.authorization)?.token ?? null;
}

function readBearer(header: string | undefined): Bearer | null {
  const match = typeof header === "string" ? /^Bearer ([A-Za-z0-9._~+/=-]{10,2048})$/.exec(header) : null;
  if (!match) return null;
  const token = match[1]!;
  if (isDeviceToken(token)) return { kind: "device", token };
  return { kind: isApiToken(token) ? "apiToken" : "session", token };
}

function invalidSelector(message: string): ApiError {
  return new ApiError("invalid_impersonation_header", message);
}

/**
 * Exactly one selector with one well-formed value, or `invalid_impersonation_header`.
 * Messages never echo the value back.
 */
function readSelector(headers: Headers): HeaderReading<ImpersonationSelector> {
  const present = (Object.keys(SELECTOR_HEADERS) as (keyof typeof SELECTOR_HEADERS)[]).filter(
    (by) => headers[SELECTOR_HEADERS[by]] !== undefined,
  );
  if (present.length === 0) return { sent: false };
  if (present.length > 1) return { sent: true, error: invalidSelector("Send exactly one impersonation header") };
  const by = present[0]!;
  const name = IMPERSONATION_HEADERS[by];
  const values = headers[SELECTOR_HEADERS[by]]!;
  if (values.length !== 1) return { sent: true, error: invalidSelector(`Send the ${name} header once, with one value`) };
  const value = values[0]!;
  switch (by) {
    case "id":
      if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > MAX_ID) {
        return { sent: true, error: invalidSelector(`${name} must be a positive decimal user id with no signs, spaces or leading zeros`) };
      }
      return { sent: true, value: { by, value: Number(value) } };
    case "email":
      // ASCII only, and the same rules as everywhere else in the API.
      if (!/^[\x21-\x7e]{3,254}$/.test(value) || !emailSchema.safeParse(value).success) {
        return { sent: true, error: invalidSelector(`${name} must be one email address`) };
      }
      return { sent: true, value: { by, value } };
    case "phone":
      if (!E164_PATTERN.test(value))
        return { sent: true, error: invalidSelector(`${name} must be one E.164 phone number, like +14155550123`) };
      return { sent: true, value: { by, value } };
  }
}

function tabletHeaderError(name: string, message: string): ApiError {
  return new ApiError("validation_failed", `Invalid header: ${name}: ${message}`, { fields: { [name]: message } });
}

function readSingle<T>(headers: Headers, name: string, parse: (value: string) => T | ApiError): HeaderReading<T> {
  const values = headers[name.toLowerCase()];
  if (values === undefined) return { sent: false };
  if (values.length !== 1) return { sent: true, error: tabletHeaderError(name, "Send this header once") };
  const parsed = parse(values[0]!);
  return parsed instanceof ApiError ? { sent: true, error: parsed } : { sent: true, value: parsed };
}

function readTabletMemberId(headers: Headers): HeaderReading<number> {
  const name = TABLET_MEMBER_HEADERS.id;
  return readSingle(headers, name, (value) =>
    /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_ID
      ? Number(value)
      : tabletHeaderError(name, "Must be a positive integer user id"),
  );
}
