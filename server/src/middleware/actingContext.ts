/**
 * Resolves the acting context of a signed-in request, applying DESIGN §5 in order:
 * 1. authenticate (401), 2. selector header well-formed (400), 3. route allows
 * impersonation (403), 4. caller may impersonate (403), 5. target allowed (403).
 * Every refusal after authentication is written to the audit log before it is thrown.
 * A shared tablet's device token takes its own path (deviceContext.ts) and never impersonates.
 */
import type { Request, Response } from "express";
import { selfActingContext, type ActingContext, type CircleContext } from "../context";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import {
  callerRefusal,
  parseImpersonationSelector,
  routeAllowsImpersonation,
  targetAllowed,
  targetNotAllowed,
  type ImpersonationSelector,
} from "../policies/impersonation";
import { recordImpersonationDenial } from "../services/audit";
import { actAsPolicy } from "../policies/actAs";
import { startActAsSessionByHeader } from "../services/actAsSessions";
import { hashApiToken, isApiToken, readSessionToken } from "../services/credentials";
import { loadSessionPrincipal, loadTokenPrincipal, type Principal } from "../services/identity";
import { bearerDeviceToken, resolveDeviceContext } from "./deviceContext";
import { requestMeta } from "./requestMeta";

const TOKEN_TOUCH_INTERVAL_MS = 5 * 60_000;

export const actingContextKey = "actingContext";

function unauthenticated(): ApiError {
  return new ApiError("unauthenticated", "Sign in first: send Authorization: Bearer <token>");
}

async function authenticate(
  req: Request,
  deps: AppDeps,
  selector: ImpersonationSelector | null,
): Promise<Principal & { sessionId: string | null }> {
  const header = req.headers.authorization;
  const match = typeof header === "string" ? /^Bearer ([A-Za-z0-9._~+/=-]{10,2048})$/.exec(header) : null;
  if (!match) throw unauthenticated();
  const token = match[1]!;
  const { prisma } = deps.db;
  if (isApiToken(token)) {
    const principal = await loadTokenPrincipal(prisma, hashApiToken(token), selector);
    if (!principal) throw unauthenticated();
    if (!principal.tokenLastUsedAt || Date.now() - principal.tokenLastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      await prisma.apiToken.update({ where: { id: principal.apiTokenId! }, data: { lastUsedAt: new Date() } });
    }
    return { ...principal, sessionId: null };
  }
  const claims = readSessionToken(deps.config, token);
  if (!claims) throw unauthenticated();
  const principal = await loadSessionPrincipal(prisma, claims, selector);
  if (!principal) throw unauthenticated();
  return { ...principal, sessionId: claims.sessionId };
}

export async function resolveActingContext(req: Request, res: Response, routeKey: string, deps: AppDeps): Promise<ActingContext> {
  const deviceToken = bearerDeviceToken(req);
  if (deviceToken) {
    const deviceCtx = await resolveDeviceContext(req, routeKey, deps, deviceToken);
    res.locals[actingContextKey] = deviceCtx;
    return deviceCtx;
  }
  // The header is read first so the target can be looked up in the same statement as the
  // caller, but its errors are raised in DESIGN's order: authentication comes first.
  let selector: ImpersonationSelector | null = null;
  let headerError: unknown = null;
  try {
    selector = parseImpersonationSelector(req.headersDistinct);
  } catch (error) {
    headerError = error;
  }
  const principal = await authenticate(req, deps, selector);
  const ctx = selfActingContext(principal.person, {
    circle: principal.circle,
    role: principal.role,
    actorRole: principal.role,
    viaToken: principal.apiTokenId !== null,
    sessionId: principal.sessionId,
    apiTokenId: principal.apiTokenId,
    request: requestMeta(req),
  });
  res.locals[actingContextKey] = ctx;

  const deny = async (error: ApiError, details: { selector?: ImpersonationSelector; subjectUserId?: number | null } = {}) => {
    const recorded = await recordImpersonationDenial(deps.db.prisma, ctx.request, {
      circleId: ctx.circle?.id ?? null,
      actorUserId: ctx.actor.id,
      subjectUserId: details.subjectUserId ?? null,
      entityType: "user",
      ...(details.subjectUserId ? { entityId: details.subjectUserId } : {}),
      payload: {
        reason: error.code,
        route: routeKey,
        ...(details.selector ? { selector: details.selector.by, requested: details.selector.value } : {}),
        ...(details.subjectUserId ? { impersonatedUserId: details.subjectUserId } : {}),
      },
    });
    // Like the audit row, the warning is not repeated for every attempt of a burst.
    const level = recorded ? "warn" : "debug";
    deps.logger[level]({ requestId: ctx.request.requestId, actorUserId: ctx.actor.id, reason: error.code }, "impersonation refused");
    return error;
  };

  if (headerError) throw headerError instanceof ApiError ? await deny(headerError) : headerError;
  if (!selector) return ctx;

  if (!routeAllowsImpersonation(routeKey)) {
    throw await deny(new ApiError("impersonation_not_supported", `${routeKey} cannot be used while impersonating`), {
      selector,
      subjectUserId: principal.target?.person.id ?? null,
    });
  }
  const refusal = callerRefusal({
    viaToken: ctx.viaToken,
    role: principal.role,
    impersonatorFlag: principal.impersonatorFlag,
    circleImpersonationEnabled: principal.circle?.impersonationEnabled === true,
  });
  if (refusal) throw await deny(refusal, { selector, subjectUserId: principal.target?.person.id ?? null });

  const { target } = principal;
  const allowed = targetAllowed(
    { userId: ctx.actor.id, role: principal.role! },
    target && { userId: target.person.id, role: target.role },
  );
  if (!allowed || !target) throw await deny(targetNotAllowed(), { selector, subjectUserId: target?.person.id ?? null });

  // Step 6 (docs/decisions/0012): the act-as session of this sign-in must not have run out.
  if (principal.actAs?.expired) {
    throw await deny(actAsPolicy.expired(principal.actAs.expiresAt), { selector, subjectUserId: target.person.id });
  }
  const impersonated = { ...ctx, subject: target.person, role: target.role, impersonating: true } as CircleContext;
  impersonated.actAs = principal.actAs ?? (await startActAsSessionByHeader(deps.db, deps.config, impersonated));
  res.locals[actingContextKey] = impersonated;
  return impersonated;
}

/** Public routes (health, signup, login) never impersonate: a selector is refused, not ignored. */
export function rejectImpersonationOnPublicRoute(req: Request): void {
  if (parseImpersonationSelector(req.headersDistinct)) {
    throw new ApiError("impersonation_not_supported", "This endpoint cannot be used while impersonating");
  }
}
