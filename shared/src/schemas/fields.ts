/**
 * Field-level schemas shared by the web forms and the server, so both reject the same
 * input with the same words.
 */
import { z } from "zod";

export const userIdSchema = z.int().positive();

export const usernameSchema = z
  .string()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(/^[a-z0-9_.-]+$/, "Username may contain only a-z, 0-9, _, . and -");

export const emailSchema = z.email("Enter a valid email address").max(254, "Email is too long");

export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

/** E.164: a plus, a non-zero country digit, up to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;
export const phoneSchema = z.string().regex(E164_PATTERN, "Phone must be in E.164 form, like +14155550123");

export const displayNameSchema = z
  .string()
  .max(64, "Display name must be at most 64 characters")
  .regex(/\S/, "Display name cannot be blank");

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Berlin");

export const roleSchema = z.enum(["admin", "manager", "member"]);
export type Role = z.infer<typeof roleSchema>;

export const membershipStatusSchema = z.enum(["pending", "active"]);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

/** An ISO-8601 instant with an explicit offset, as every API date is. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: "Use an ISO-8601 date-time with offset" });

/** Route parameter ids: a positive decimal integer, nothing else. */
export const idParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "Must be a positive integer id")
  .transform(Number)
  .pipe(z.int().max(2147483647, "Id is out of range"));
