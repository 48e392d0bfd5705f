/**
 * Resolves who a request acts as, for the endpoint it is on: reads the presented
 * credentials (headers.ts), loads them in one statement (identity.ts), lets `decide()`
 * apply the rules, writes any refusal (refusals.ts) and throws it. Runs on every request,
 * against the database, so revocations and role changes apply to the very next one.
 */
import { endpointKey, type Endpoint } from "@chorus/shared";
import type { Request } from "express";
import { selfActingContext, type ActingContext, type CircleContext, type CircleRef, type DeviceRef, type RequestMeta } from "../context";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import { requestMeta } from "../middleware/requestMeta";
import { feedOwnerContext } from "../services/calendarFeed";
import { hashApiToken, readSessionToken } from "../services/credentials";
import { checkPin, pinLocked } from "../services/pins";
import { checkDevicePinRate, refundDevicePinAttempt } from "../services/rateLimits";
import { startImpersonationSessionByHeader } from "./impersonationSessions";
import { decide, type Decision, type UserFacts } from "./decide";
import { readCredentials, type PresentedCredentials } from "./headers";
import { loadDevicePrincipal, loadSessionPrincipal, loadTokenPrincipal, type DevicePrincipal, type Principal } from "./identity";
import { recordImpersonationRefusal, recordTabletRefusal } from "./refusals";

/** A request on a public endpoint: nobody acts, but its metadata is still recorded. */
export interface PublicContext {
  request: RequestMeta;
}

/** The shared tablet itself, on its own page. */
export interface TabletContext {
  request: RequestMeta;
  device: DeviceRef;
  circle: CircleRef;
}

export type RequestContext =
  { kind: "public"; ctx: PublicContext } | { kind: "tablet"; ctx: TabletContext } | { kind: "acting"; ctx: ActingContext };

const TOUCH_INTERVAL_MS = 5 * 60_000;
const isStale = (lastUsedAt: Date | null) => !lastUsedAt || Date.now() - lastUsedAt.getTime() > TOUCH_INTERVAL_MS;

/** Loads a bearer credential: null when it is not valid. Touches `lastUsedAt` at most every five minutes. */
async function loadUser(deps: AppDeps, presented: PresentedCredentials): Promise<(Principal & { sessionId: string | null }) | null> {
  const { prisma } = deps.db;
  const bearer = presented.bearer!;
  const selector = "value" in presented.selector ? presented.selector.value : null;
  if (bearer.kind === "apiToken") {
    const principal = await loadTokenPrincipal(deps.db, hashApiToken(bearer.token), selector);
    if (principal && isStale(principal.tokenLastUsedAt)) {
      await prisma.apiToken.update({ where: { id: principal.apiTokenId! }, data: { lastUsedAt: new Date() } });
    }
    return principal && { ...principal, sessionId: null };
  }
  const claims = readSessionToken(deps.config, bearer.token);
  const principal = claims && (await loadSessionPrincipal(deps.db, claims, selector));
  return principal && { ...principal, sessionId: claims.sessionId };
}

async function loadTablet(deps: AppDeps, presented: PresentedCredentials): Promise<DevicePrincipal | null> {
  const memberId = "value" in presented.tabletMemberId ? presented.tabletMemberId.value : null;
  const principal = await loadDevicePrincipal(deps.db, hashApiToken(presented.bearer!.token), memberId);
  if (principal && isStale(principal.device.lastUsedAt)) {
    await deps.db.prisma.device.update({ where: { id: principal.device.id }, data: { lastUsedAt: new Date() } });
  }
  return principal;
}

function userFacts(principal: Principal, kind: UserFacts["kind"]): UserFacts {
  return {
    kind,
    userId: principal.person.id,
    role: principal.role,
    impersonatorFlag: principal.impersonatorFlag,
    circleImpersonationEnabled: principal.circle?.impersonationEnabled === true,
    target: principal.target && { userId: principal.target.person.id, role: principal.target.role, consent: principal.target.consent },
    impersonation: principal.impersonation && {
      expired: principal.impersonation.expired,
      expiresAt: principal.impersonation.expiresAt,
      mode: principal.impersonation.mode,
    },
    signInMethod: principal.signInMethod,
    signInFresh: principal.signInFresh,
  };
}

export async function resolveContext(req: Request, endpoint: Endpoint, deps: AppDeps): Promise<RequestContext> {
  const presented = readCredentials(req);
  const request = requestMeta(req);
  const key = endpointKey(endpoint);
  const { credentials } = endpoint.access;
  const loadsBearer = presented.bearer !== null && !credentials.includes("public") && !credentials.includes("calendarFeed");

  const feed =
    credentials.includes("calendarFeed") && !presented.selector.sent
      ? await feedOwnerContext(deps.db, String(req.params.token ?? ""), request)
      : null;
  const tablet = loadsBearer && presented.bearer!.kind === "device" ? await loadTablet(deps, presented) : null;
  const user = loadsBearer && presented.bearer!.kind !== "device" ? await loadUser(deps, presented) : null;
  const self =
    user &&
    selfActingContext(user.person, {
      circle: user.circle,
      role: user.role,
      actorRole: user.role,
      viaToken: user.apiTokenId !== null,
      sessionId: user.sessionId,
      apiTokenId: user.apiTokenId,
      request,
    });

  const decision: Decision = decide({
    endpoint: { key, access: endpoint.access },
    presented: {
      bearer: presented.bearer?.kind ?? null,
      authorizationSent: presented.authorizationSent,
      selector: presented.selector,
      tabletMemberId: presented.tabletMemberId,
    },
    facts: feed
      ? { kind: "calendarFeed" }
      : tablet
        ? { kind: "device", member: tablet.member && { userId: tablet.member.person.id, hasPin: tablet.member.pinHash !== null } }
        : user && userFacts(user, presented.bearer!.kind === "apiToken" ? "apiToken" : "session"),
  });

  if ("refuse" in decision) {
    if (decision.log === "impersonation" && self) {
      const selector = "value" in presented.selector ? presented.selector.value : null;
      await recordImpersonationRefusal(deps.db.prisma, deps.logger, self, {
        error: decision.refuse,
        endpointKey: key,
        selector,
        subjectUserId: decision.subjectUserId,
      });
    }
    if (decision.log === "device" && tablet) {
      const requestedMemberId = "value" in presented.tabletMemberId ? presented.tabletMemberId.value : null;
      await recordTabletRefusal(
        deps.db.prisma,
        request,
        { circleId: tablet.circle.id, device: tablet.device, memberUserId: tablet.member?.person.id ?? null, requestedMemberId },
        { error: decision.refuse, endpointKey: key },
      );
    }
    throw decision.refuse;
  }

  switch (decision.allow) {
    case "public":
      return { kind: "public", ctx: { request } };
    case "calendarFeed":
      return { kind: "acting", ctx: feed! };
    case "tablet":
      return { kind: "tablet", ctx: { request, device: { id: tablet!.device.id, name: tablet!.device.name }, circle: tablet!.circle } };
    case "tabletMember":
      return { kind: "acting", ctx: await tabletMemberContext(deps, presented, tablet!, request, decision.checkPin) };
    case "self":
      return { kind: "acting", ctx: self! };
    case "impersonation": {
      const target = user!.target!;
      const acting = { ...self!, subject: target.person, role: target.role, impersonating: true } as CircleContext;
      acting.impersonation = user!.impersonation ?? (await startImpersonationSessionByHeader(deps.db, deps.config, deps.notices, acting));
      return { kind: "acting", ctx: acting };
    }
  }
}

/** The member picked on a tablet acts with a member's permissions whatever their role; every write records the device. */
async function tabletMemberContext(
  deps: AppDeps,
  presented: PresentedCredentials,
  tablet: DevicePrincipal,
  request: RequestMeta,
  checksPin: boolean,
): Promise<ActingContext> {
  const member = tablet.member!;
  const device: DeviceRef = { id: tablet.device.id, name: tablet.device.name };
  if (checksPin) {
    if ("error" in presented.tabletPin) throw presented.tabletPin.error;
    if (!("value" in presented.tabletPin)) throw new ApiError("invalid_pin", "Enter your PIN");
    await checkDevicePinRate(deps.db, device.id);
    const account = { id: member.person.id, pinHash: member.pinHash! };
    const outcome = await checkPin(deps.db.prisma, deps.config, { account }, presented.tabletPin.value, {
      request,
      circleId: tablet.circle.id,
      viaDeviceId: device.id,
    });
    if (outcome.result === "locked") throw pinLocked(outcome.lockedUntil);
    if (outcome.result === "wrong") throw new ApiError("invalid_pin", "Wrong PIN");
    await refundDevicePinAttempt(deps.db, device.id);
  }
  return selfActingContext(member.person, {
    circle: tablet.circle,
    // Whoever holds the tablet gets a member's permissions: their own chores only.
    role: "member",
    actorRole: member.role,
    viaToken: true,
    sessionId: null,
    apiTokenId: null,
    request,
    device,
  });
}
