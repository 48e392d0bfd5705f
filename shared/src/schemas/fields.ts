/**
 * Field-level schemas shared by the web forms and the server, so both reject the same
 * input with the same words.
 */
import { z } from "zod";
import { formMessages } from "./messages";

/** Ids are PostgreSQL `integer`s: 1 … 2^31-1. */
export const MAX_ID = 2_147_483_647;
export const userIdSchema = z.int().positive().max(MAX_ID, formMessages.idRange);

/** Usernames are stored in lower case, so `Sam` and `sam` are one account (trimmed, then lower-cased). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, formMessages.usernameTooShort)
  .max(32, formMessages.usernameMax)
  .regex(/^[a-z0-9_.-]+$/, formMessages.usernameCharacters);

/** Invite codes are upper case; people type them in any case, with stray spaces. */
export const inviteCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6,32}$/, formMessages.inviteCodeFormat);

export const emailSchema = z.email(formMessages.emailInvalid).max(254, formMessages.emailTooLong);

export const passwordSchema = z.string().min(8, formMessages.passwordTooShort).max(200, formMessages.passwordMax);

/** E.164: a plus, a non-zero country digit, up to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;
export const phoneSchema = z.string().regex(E164_PATTERN, formMessages.phoneFormat);

/** A child's or a tablet user's PIN: short, so the server hashes it and locks after wrong tries. */
export const pinSchema = z.string().regex(/^[0-9]{4,8}$/, formMessages.pinFormat);

export const displayNameSchema = z.string().max(64, formMessages.displayNameMax).regex(/\S/, formMessages.displayNameBlank);

export function isValidTimeZone(zone: string): boolean {
  try {
    // Throws a RangeError for a zone the runtime does not know.
    new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions();
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

export const timezoneSchema = z.string().refine(isValidTimeZone, formMessages.timezoneUnknown);

export const roleSchema = z.enum(["admin", "manager", "member"]);
export type Role = z.infer<typeof roleSchema>;

export const membershipStatusSchema = z.enum(["pending", "active"]);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

/** Dates a household can mean: from 1970 up to (not including) 2200, in requests and responses alike. */
export const EARLIEST_API_DATE = Date.UTC(1970, 0, 1);
export const LATEST_API_DATE = Date.UTC(2200, 0, 1);

/** An ISO-8601 instant with an explicit offset, as every API date is. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: formMessages.dateTimeFormat }).refine((value) => {
  const time = Date.parse(value);
  return time >= EARLIEST_API_DATE && time < LATEST_API_DATE;
}, formMessages.dateTimeRange);

/** Ids in paths and query strings: a positive decimal integer, nothing else. */
export const idParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, formMessages.idFormat)
  .transform(Number)
  .pipe(z.int().max(MAX_ID, formMessages.idRange));

/** A page size in a query string: 1 to `max`. */
export const pageLimitQuery = (max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, `Limit must be 1-${max}`)
    .transform(Number)
    .pipe(z.int().max(max, `Limit must be 1-${max}`))
    .optional();

/** An opaque page cursor: the `nextCursor` of the page before. */
export const pageCursorQuery = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/, formMessages.cursorFormat)
  .optional();

/**
 * Text PostgreSQL cannot store: NUL characters and unpaired UTF-16 surrogates. The
 * server refuses them in any request field before a handler runs.
 */
export function unstorableTextProblem(value: string): string | null {
  if (value.includes("\u0000")) return formMessages.textNul;
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) return formMessages.textUnicode;
  return null;
}
