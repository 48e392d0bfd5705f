/**
 * The one decision of who a request acts as, made from the endpoint's declared access and
 * facts already loaded from the database. Pure: no I/O, so every combination is tested in
 * a table (decide.test.ts). The order is DESIGN §5's:
 * 1. authentication (401), 2. selector header well-formed (400), 3. endpoint allows acting
 * as a member (403), 4. caller may act as someone (403), 5. target allowed, by rank and by the
 * member's consent (403, decision 0023), then the session a member who asks first granted, the
 * impersonation time limit (decision 0012), the step-up a header-started session needs and the
 * view-only mode (decision 0020). Credentials an endpoint does not list are refused
 * after step 3; a shared tablet's rules (decision 0011) follow its own order.
 */
import {
  isAdminOrManager,
  type ActAsConsent,
  mayImpersonate,
  type Access,
  type Credential,
  type ImpersonationMode,
  type Role,
  type SignInMethod,
} from "@chorus/shared";
import type { ActingContext } from "../context";
import { ApiError, UndisclosedRefusal } from "../errors";
import type { Bearer, HeaderReading, ImpersonationSelector } from "./headers";

/** A user's sign-in or API token, and — when a selector was sent — whom it selects. */
export interface UserFacts {
  kind: "session" | "apiToken";
  userId: number;
  role: Role | null;
  impersonatorFlag: boolean;
  circleImpersonationEnabled: boolean;
  /** The selected user, found only among active members of the caller's circle, with the consent that applies (decision 0023). */
  target: { userId: number; role: Role; consent: ActAsConsent } | null;
  /** This sign-in's open impersonation session on the target. */
  impersonation: { expired: boolean; expiresAt: Date; mode: ImpersonationMode } | null;
  /** How the sign-in was made; null for API tokens. */
  signInMethod: SignInMethod | null;
  /** Signed in or stepped up within the last 10 minutes (decision 0020). */
  signInFresh: boolean;
}

/** Who asks and whom they select: what steps 4 and 5 look at. */
export type PartyFacts = Omit<UserFacts, "signInMethod" | "signInFresh">;

/** A shared tablet's token and the member picked on it, found only among active members of its circle. */
export interface TabletFacts {
  kind: "device";
  member: { userId: number; hasPin: boolean } | null;
}

export interface CalendarFeedFacts {
  kind: "calendarFeed";
}

export interface DecisionInput {
  endpoint: { key: string; access: Access };
  presented: {
    bearer: Bearer["kind"] | null;
    authorizationSent: boolean;
    selector: HeaderReading<ImpersonationSelector>;
    tabletMemberId: HeaderReading<number>;
  };
  /** What the presented credential resolved to; null when none was sent or it is not valid. */
  facts: UserFacts | TabletFacts | CalendarFeedFacts | null;
}

/** Which refusal log a refusal goes to: refused impersonation attempts, refused tablet use, or none. */
export type RefusalLog = "impersonation" | "device" | null;

export type Decision =
  | { allow: "public" | "self" | "impersonation" | "tablet" | "calendarFeed" }
  | { allow: "tabletMember"; checkPin: boolean }
  | { refuse: ApiError; log: RefusalLog; subjectUserId: number | null };

const refuse = (error: ApiError, log: RefusalLog = null, subjectUserId: number | null = null): Decision => ({
  refuse: error,
  log,
  subjectUserId,
});

const notSupported = (key: string) => new ApiError("impersonation_not_supported", `${key} cannot be used while impersonating`);

function unauthenticated(bearer: Bearer["kind"] | null, tabletOnly: boolean): ApiError {
  if (bearer === "device") return new ApiError("unauthenticated", "This tablet's token is not valid any more; ask an admin for a new one");
  if (tabletOnly) return new ApiError("unauthenticated", "Send the tablet's device token: Authorization: Bearer <token>");
  return new ApiError("unauthenticated", "Sign in first: send Authorization: Bearer <token>");
}

/** Step 4: may this caller act as anyone at all? */
function callerRefusal(facts: PartyFacts): ApiError | null {
  if (facts.kind === "apiToken") return new ApiError("impersonation_forbidden", "API tokens cannot impersonate; sign in as a user");
  if (!isAdminOrManager(facts.role)) return new ApiError("impersonation_forbidden", "Only circle admins and managers can impersonate");
  if (!facts.impersonatorFlag) return new ApiError("impersonation_forbidden", "Impersonation is turned off for you in this circle");
  if (!facts.circleImpersonationEnabled) return new ApiError("impersonation_forbidden", "Impersonation is turned off for this circle");
  return null;
}

/**
 * One body for every refused target, so the answer says nothing about who exists or what they
 * chose; `auditReason` tells the audit log why, when it is not the rank rule.
 */
export const targetNotAllowed = (auditReason = "impersonation_target_not_allowed") =>
  new UndisclosedRefusal("impersonation_target_not_allowed", "You cannot act as that user", auditReason);

/** The member asks to be asked first (decision 0023): only a session they granted lets anyone act as them. */
export const consentRequired = () =>
  new ApiError("impersonation_consent_required", "This member asks to be asked first: send them a request (POST /impersonation/requests)");

export const impersonationExpired = (expiresAt: Date) =>
  new ApiError("impersonation_expired", "Your time acting as this member is up; start acting as them again to continue", {
    expiredAt: expiresAt.toISOString(),
  });

/** `details.signInMethod` tells a client which secret to ask for. */
/** `passkey`: the caller has a passkey and passkeys are on, so one may step up instead (decision 0046). */
export const stepUpRequired = (signInMethod: SignInMethod, passkey = false) =>
  new ApiError(
    "step_up_required",
    signInMethod === "pin"
      ? "Enter your PIN again to act as a member (you signed in more than 10 minutes ago)"
      : signInMethod === "oidc"
        ? passkey
          ? "Use a passkey, or sign out and in again through single sign-on, to act as a member (you signed in more than 10 minutes ago)"
          : "Sign out and in again through single sign-on to act as a member (you signed in more than 10 minutes ago)"
        : "Enter your password again to act as a member (you signed in more than 10 minutes ago)",
    { signInMethod, passkey },
  );

const readOnly = (key: string) =>
  new ApiError("impersonation_read_only", `${key} acts for the member; this impersonation session is view only (switch to view and act)`);

/**
 * The mode a request is served in: its open session's, or `act` for the session a header
 * request on a fresh sign-in starts, which needs no more step-up than POST /impersonation would.
 */
const servedMode = (facts: UserFacts): ImpersonationMode => facts.impersonation?.mode ?? "act";

/**
 * Steps 4 and 5 for a user: the same rule for the selector header and for starting an
 * impersonation session. A member who lets nobody act as them is refused with the rank rule's body.
 */
export function impersonationRefusal(facts: PartyFacts): ApiError | null {
  const refusal = callerRefusal(facts);
  if (refusal) return refusal;
  if (!facts.role || !mayImpersonate({ userId: facts.userId, role: facts.role }, facts.target)) return targetNotAllowed();
  return facts.target?.consent === "nobody" ? targetNotAllowed("target_allows_nobody") : null;
}

export function decide({ endpoint, presented, facts }: DecisionInput): Decision {
  const { credentials, impersonation } = endpoint.access;
  const { selector } = presented;

  if (credentials.includes("public") || credentials.includes("calendarFeed")) {
    // Nobody is signed in here, so nobody can be acted as: a selector is refused, not ignored.
    if (selector.sent) return refuse(new ApiError("impersonation_not_supported", "This endpoint cannot be used while impersonating"));
    if (credentials.includes("public")) return { allow: "public" };
    return facts?.kind === "calendarFeed" ? { allow: "calendarFeed" } : refuse(new ApiError("not_found", "Calendar feed not found"));
  }

  const tabletOnly = credentials.length === 1 && credentials[0] === "tablet";
  if (tabletOnly) {
    if (!presented.authorizationSent) return refuse(unauthenticated(null, true));
    if (selector.sent) return refuse(new ApiError("impersonation_not_supported", "This endpoint cannot be used while impersonating"));
  }
  if (!facts || facts.kind === "calendarFeed") return refuse(unauthenticated(presented.bearer, tabletOnly));

  if (facts.kind === "device") return decideTablet(endpoint, presented, facts);
  if (tabletOnly) return refuse(unauthenticated(null, true));

  if (selector.sent) {
    if ("error" in selector) return refuse(selector.error, "impersonation");
    const subject = facts.target?.userId ?? null;
    if (!impersonation) return refuse(notSupported(endpoint.key), "impersonation", subject);
    const refusal = impersonationRefusal(facts);
    if (refusal) return refuse(refusal, "impersonation", subject);
    // Asked first: only the session the member's grant opened serves, never one a header starts.
    if (facts.target?.consent === "ask" && !facts.impersonation) return refuse(consentRequired(), "impersonation", subject);
    if (facts.impersonation?.expired) return refuse(impersonationExpired(facts.impersonation.expiresAt), "impersonation", subject);
    // A header cannot carry a secret: on a sign-in that needs a step-up only POST /impersonation starts a session
    // (and says whether a passkey would do; this pure decision does not know).
    if (!facts.impersonation && !facts.signInFresh)
      return refuse(stepUpRequired(facts.signInMethod ?? "password"), "impersonation", subject);
    if (impersonation === "act" && servedMode(facts) === "view") return refuse(readOnly(endpoint.key), "impersonation", subject);
  }
  if (!credentials.includes(facts.kind)) {
    return refuse(
      facts.kind === "apiToken"
        ? new ApiError("forbidden", `API tokens cannot use ${endpoint.key}; sign in as a user`)
        : new ApiError("forbidden", `${endpoint.key} takes an API token, not a sign-in; create one under Account → API tokens`),
    );
  }
  return { allow: selector.sent ? "impersonation" : "self" };
}

function decideTablet(endpoint: DecisionInput["endpoint"], presented: DecisionInput["presented"], facts: TabletFacts): Decision {
  const { credentials } = endpoint.access;
  if (credentials.includes("tablet")) return { allow: "tablet" };
  const subject = facts.member?.userId ?? null;
  if (!credentials.includes("tabletMember")) {
    return refuse(new ApiError("device_not_allowed", `${endpoint.key} cannot be used with a shared tablet's token`), "device", subject);
  }
  if (presented.selector.sent)
    return refuse(new ApiError("impersonation_not_supported", "Shared tablets cannot impersonate"), "device", subject);
  const { tabletMemberId } = presented;
  if (!tabletMemberId.sent) {
    return refuse(
      new ApiError("validation_failed", "Invalid header: X-Chorus-Member-ID: Pick a member on the tablet first", {
        fields: { "X-Chorus-Member-ID": "Pick a member on the tablet first" },
      }),
    );
  }
  if ("error" in tabletMemberId) return refuse(tabletMemberId.error);
  if (!facts.member) return refuse(new ApiError("device_member_not_allowed", "That member cannot be picked on this tablet"), "device");
  return { allow: "tabletMember", checkPin: facts.member.hasPin };
}

/**
 * Whether an endpoint declaring `access` admits a request made with the same credential
 * and acting selection as the one `ctx` came from: the abilities presented with an object
 * follow the endpoints' declarations instead of restating them.
 */
export function admits(access: Access, ctx: ActingContext): boolean {
  const credential: Credential = ctx.device ? "tabletMember" : ctx.viaToken ? "apiToken" : "session";
  if (!access.credentials.includes(credential)) return false;
  if (!ctx.impersonating) return true;
  return access.impersonation === "view" || (access.impersonation === "act" && ctx.impersonation?.mode === "act");
}
