/**
 * Impersonation rules (DESIGN §5), all in one place. The acting-context middleware
 * applies them in order on every request; nothing else decides impersonation.
 */
import { E164_PATTERN, emailSchema, type Role } from "@chorus/shared";
import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "../errors";
import { isAdminOrManager, outranks } from "./roles";

/**
 * The only routes that honour a selector header, as "METHOD /path" in the router's own
 * spelling. Every other route, including any added later, refuses it: deny by default.
 */
export const IMPERSONATION_ROUTES: ReadonlySet<string> = new Set([
  "GET /users/me",
  "GET /circles/current",
  "GET /circles/current/members",
  "GET /chores",
  "GET /chores/:id",
  "GET /chores/:id/history",
  "POST /chores/:id/do",
  "POST /chores/:id/skip",
  // Undo checks that the action was made by the same actor for the same member.
  "POST /chores/:id/undo",
  "PUT /chores/:id/start",
  "PUT /chores/:id/pause",
  // Live-update hints carry no data, only "reload chores/members": viewing as a member
  // keeps their screen current, and the stream is re-checked like any request.
  "GET /events",
  // Extending an act-as session names it by its header; expiry is checked like any request.
  "POST /impersonation/extend",
]);

export type ImpersonationSelector = { by: "id"; value: number } | { by: "email"; value: string } | { by: "phone"; value: string };

const SELECTOR_HEADERS = {
  id: "x-impersonate-user-id",
  email: "x-impersonate-user-email",
  phone: "x-impersonate-user-phone",
} as const;

const MAX_INT4 = 2_147_483_647;

function invalidHeader(message: string): ApiError {
  return new ApiError("invalid_impersonation_header", message);
}

/**
 * Reads the selector headers. Returns null when none is present; throws
 * `invalid_impersonation_header` unless exactly one selector with one well-formed value
 * was sent. Messages never echo the value back.
 */
export function parseImpersonationSelector(headers: NodeJS.Dict<string[]> | IncomingHttpHeaders): ImpersonationSelector | null {
  const present = (Object.keys(SELECTOR_HEADERS) as (keyof typeof SELECTOR_HEADERS)[]).filter(
    (by) => headers[SELECTOR_HEADERS[by]] !== undefined,
  );
  if (present.length === 0) return null;
  if (present.length > 1) throw invalidHeader("Send exactly one impersonation header");
  const by = present[0]!;
  const raw = headers[SELECTOR_HEADERS[by]];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length !== 1 || typeof values[0] !== "string") {
    throw invalidHeader(`Send the ${headerName(by)} header once, with one value`);
  }
  const value = values[0];
  switch (by) {
    case "id": {
      if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > MAX_INT4) {
        throw invalidHeader(`${headerName(by)} must be a positive decimal user id with no signs, spaces or leading zeros`);
      }
      return { by, value: Number(value) };
    }
    case "email": {
      // ASCII only, and the same rules as everywhere else in the API.
      if (!/^[\x21-\x7e]{3,254}$/.test(value) || !emailSchema.safeParse(value).success) {
        throw invalidHeader(`${headerName(by)} must be one email address`);
      }
      return { by, value };
    }
    case "phone": {
      if (!E164_PATTERN.test(value)) throw invalidHeader(`${headerName(by)} must be one E.164 phone number, like +14155550123`);
      return { by, value };
    }
  }
}

function headerName(by: ImpersonationSelector["by"]): string {
  return { id: "X-Impersonate-User-ID", email: "X-Impersonate-User-Email", phone: "X-Impersonate-User-Phone" }[by];
}

export function routeAllowsImpersonation(routeKey: string): boolean {
  return IMPERSONATION_ROUTES.has(routeKey);
}

export interface ImpersonationCaller {
  viaToken: boolean;
  role: Role | null;
  impersonatorFlag: boolean;
  circleImpersonationEnabled: boolean;
}

/** Step 4: may this caller impersonate at all? Returns the refusal, or null. */
export function callerRefusal(caller: ImpersonationCaller): ApiError | null {
  if (caller.viaToken) return new ApiError("impersonation_forbidden", "API tokens cannot impersonate; sign in as a user");
  if (!isAdminOrManager(caller.role)) {
    return new ApiError("impersonation_forbidden", "Only circle admins and managers can impersonate");
  }
  if (!caller.impersonatorFlag) return new ApiError("impersonation_forbidden", "Impersonation is turned off for you in this circle");
  if (!caller.circleImpersonationEnabled) {
    return new ApiError("impersonation_forbidden", "Impersonation is turned off for this circle");
  }
  return null;
}

export interface ImpersonationTarget {
  userId: number;
  role: Role;
}

/**
 * Step 5: the target must be an active member of the caller's circle (the lookup only
 * finds those) with a strictly lower role; never the caller, never an admin.
 */
export function targetAllowed(actor: { userId: number; role: Role }, target: ImpersonationTarget | null): boolean {
  if (!target) return false;
  if (target.userId === actor.userId) return false;
  if (target.role === "admin") return false;
  return outranks(actor.role, target.role);
}

/** One body for every refused target, so the answer says nothing about who exists. */
export function targetNotAllowed(): ApiError {
  return new ApiError("impersonation_target_not_allowed", "You cannot act as that user");
}
