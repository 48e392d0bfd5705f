/**
 * Requests made with a shared tablet's device token. The tablet acts for the member picked
 * on screen (`X-Chorus-Member-ID`, with `X-Chorus-Member-PIN` when that member has a PIN),
 * checked against the database on every request: the device must not be revoked, the
 * member must be active in the device's circle, and the PIN must match. The member acts
 * with a member's permissions whatever their role, and every write records the device.
 */
import { MAX_ID } from "@chorus/shared";
import type { Request } from "express";
import { selfActingContext, type ActingContext, type CircleRef, type DeviceRef } from "../context";
import type { Database } from "../db/database";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import { deviceMemberNotAllowed, deviceNotAllowed, routeAllowsDevice } from "../policies/devices";
import { parseImpersonationSelector } from "../policies/impersonation";
import { recordRawAudit } from "../services/audit";
import { hashApiToken, isDeviceToken } from "../services/credentials";
import { loadDevicePrincipal, type DevicePrincipal } from "../services/identity";
import { DatabaseRateLimitStore } from "../http/rateLimitStore";
import { checkPin, pinLocked } from "../services/pins";
import { requestMeta } from "./requestMeta";

const MEMBER_HEADER = "x-chorus-member-id";
const PIN_HEADER = "x-chorus-member-pin";
const DEVICE_TOUCH_INTERVAL_MS = 5 * 60_000;

/** Wrong PINs one tablet may send in DEVICE_PIN_WINDOW_MS, across all its members. */
export const DEVICE_PIN_FAILURES_PER_WINDOW = 10;
export const DEVICE_PIN_WINDOW_MS = 15 * 60_000;
const devicePinStores = new WeakMap<Database, DatabaseRateLimitStore>();

/** One counter store per database, so each process prunes expired counters once a window. */
function devicePinStore(db: Database): DatabaseRateLimitStore {
  let store = devicePinStores.get(db);
  if (!store) {
    store = new DatabaseRateLimitStore(db, "tablet-pin:", DEVICE_PIN_WINDOW_MS);
    devicePinStores.set(db, store);
  }
  return store;
}

/**
 * Each member's own lock bounds guesses at one PIN; this bounds a tablet guessing at all
 * its members' PINs. Every PIN attempt is counted before its check and handed back when
 * the PIN was right, so only wrong (and refused) ones use up the allowance.
 */
async function checkDevicePinRate(db: Database, deviceId: number): Promise<void> {
  const { totalHits, resetTime } = await devicePinStore(db).increment(String(deviceId));
  if (totalHits <= DEVICE_PIN_FAILURES_PER_WINDOW) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
  throw new ApiError("rate_limited", `Too many wrong PINs on this tablet; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
    retryAfterSeconds,
  });
}

/** The device token in `Authorization`, or null when the request carries another credential. */
export function bearerDeviceToken(req: Request): string | null {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
  return match && isDeviceToken(match[1]!) ? match[1]! : null;
}

function singleHeader(req: Request, name: string): string | undefined {
  const values = req.headersDistinct[name];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw headerError(name, "Send this header once");
  return values[0];
}

function headerError(name: string, message: string): ApiError {
  const field = name === MEMBER_HEADER ? "X-Chorus-Member-ID" : "X-Chorus-Member-PIN";
  return new ApiError("validation_failed", `Invalid header: ${field}: ${message}`, { fields: { [field]: message } });
}

function readMemberId(req: Request): number | null {
  const raw = singleHeader(req, MEMBER_HEADER);
  if (raw === undefined) return null;
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > MAX_ID) throw headerError(MEMBER_HEADER, "Must be a positive integer user id");
  return Number(raw);
}

/** Authenticates a device token: 401 when it is unknown or revoked. */
async function authenticateDevice(deps: AppDeps, token: string, memberId: number | null): Promise<DevicePrincipal> {
  const principal = await loadDevicePrincipal(deps.db.prisma, hashApiToken(token), memberId);
  if (!principal) throw new ApiError("unauthenticated", "This tablet's token is not valid any more; ask an admin for a new one");
  if (!principal.device.lastUsedAt || Date.now() - principal.device.lastUsedAt.getTime() > DEVICE_TOUCH_INTERVAL_MS) {
    await deps.db.prisma.device.update({ where: { id: principal.device.id }, data: { lastUsedAt: new Date() } });
  }
  return principal;
}

/** The tablet itself, for routes declared `auth: "device"`; any other credential is refused. */
export async function resolveDevice(req: Request, deps: AppDeps): Promise<{ device: DeviceRef; circle: CircleRef }> {
  const unauthenticated = new ApiError("unauthenticated", "Send the tablet's device token: Authorization: Bearer <token>");
  if (!req.headers.authorization) throw unauthenticated;
  if (hasImpersonationSelector(req)) throw new ApiError("impersonation_not_supported", "This endpoint cannot be used while impersonating");
  // A user's credentials are not credentials here: only a tablet's device token is.
  const token = bearerDeviceToken(req);
  if (!token) throw unauthenticated;
  const { device, circle } = await authenticateDevice(deps, token, null);
  return { device: { id: device.id, name: device.name }, circle };
}

/**
 * The acting context of a user route called with a device token: only routes on the
 * allow-list, only for an active member of the device's circle, with their PIN.
 * Refusals after authentication are audited before they are thrown.
 */
export async function resolveDeviceContext(req: Request, routeKey: string, deps: AppDeps, token: string): Promise<ActingContext> {
  let memberId: number | null = null;
  let headerProblem: unknown = null;
  try {
    memberId = readMemberId(req);
  } catch (error) {
    headerProblem = error;
  }
  const principal = await authenticateDevice(deps, token, memberId);
  const request = requestMeta(req);
  const device: DeviceRef = { id: principal.device.id, name: principal.device.name };
  const deny = async (error: ApiError) => {
    await recordRawAudit(deps.db.prisma, request, {
      circleId: principal.circle.id,
      actorUserId: principal.member?.person.id ?? null,
      subjectUserId: null,
      viaDeviceId: device.id,
      action: "device.denied",
      entityType: "device",
      entityId: device.id,
      outcome: "denied",
      payload: { reason: error.code, route: routeKey, deviceName: device.name, ...(memberId ? { memberUserId: memberId } : {}) },
    });
    return error;
  };

  if (!routeAllowsDevice(routeKey)) throw await deny(deviceNotAllowed(routeKey));
  if (hasImpersonationSelector(req)) throw await deny(new ApiError("impersonation_not_supported", "Shared tablets cannot impersonate"));
  if (headerProblem) throw headerProblem;
  if (memberId === null) throw headerError(MEMBER_HEADER, "Pick a member on the tablet first");
  const { member } = principal;
  if (!member) throw await deny(deviceMemberNotAllowed());

  if (member.pinHash) {
    const pin = singleHeader(req, PIN_HEADER);
    if (pin === undefined) throw new ApiError("invalid_pin", "Enter your PIN");
    await checkDevicePinRate(deps.db, device.id);
    const account = { id: member.person.id, pinHash: member.pinHash };
    const outcome = await checkPin(deps.db.prisma, deps.config, { account }, pin, { request, circleId: principal.circle.id, viaDeviceId: device.id });
    if (outcome.result === "locked") throw pinLocked(outcome.lockedUntil);
    if (outcome.result === "wrong") throw new ApiError("invalid_pin", "Wrong PIN");
    await devicePinStore(deps.db).decrement(String(device.id));
  }

  const ctx = selfActingContext(member.person, {
    circle: principal.circle,
    // Whoever holds the tablet gets a member's permissions: their own chores only.
    role: "member",
    actorRole: member.role,
    viaToken: true,
    sessionId: null,
    apiTokenId: null,
    request,
    device,
  });
  return ctx;
}

/** Any selector header at all, well-formed or not, is a request to impersonate. */
function hasImpersonationSelector(req: Request): boolean {
  try {
    return parseImpersonationSelector(req.headersDistinct) !== null;
  } catch {
    return true;
  }
}
