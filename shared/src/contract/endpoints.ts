/**
 * Every endpoint of `/api/v1`, declared once. Access is denied by default: an endpoint
 * takes only the credentials it lists, and refuses impersonation unless it says
 * `impersonation: "view"` (reads and session upkeep) or `"act"` (writes for the member).
 * Group and endpoint names are the SDK's (`chorus.chores.do(id)`).
 */
import { z } from "zod";
import {
  apiTokenListSchema,
  authResponseSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  healthSchema,
  loginRequestSchema,
  pinLoginRequestSchema,
  signupRequestSchema,
  userSchema,
} from "../schemas/accounts";
import { auditPageSchema, auditQuerySchema } from "../schemas/audit";
import { calendarFeedStatusSchema, createdCalendarFeedSchema } from "../schemas/calendarFeed";
import {
  choreListQuerySchema,
  choreListSchema,
  choreSchema,
  createChoreRequestSchema,
  doChoreRequestSchema,
  historyListSchema,
  historyQuerySchema,
  skipChoreRequestSchema,
  timerRequestSchema,
  claimChoreRequestSchema,
  tickChecklistItemRequestSchema,
  undoChoreRequestSchema,
  updateChoreRequestSchema,
} from "../schemas/chores";
import {
  circleSchema,
  createChildRequestSchema,
  createCircleRequestSchema,
  inviteLookupRequestSchema,
  inviteLookupResponseSchema,
  joinCircleRequestSchema,
  joinCircleResponseSchema,
  joinRequestListSchema,
  memberListSchema,
  memberSchema,
  memberSearchQuerySchema,
  setImpersonatorRequestSchema,
  setPinRequestSchema,
  setRoleRequestSchema,
  updateCircleRequestSchema,
} from "../schemas/circles";
import { createDeviceRequestSchema, createdDeviceSchema, deviceListSchema, tabletSchema } from "../schemas/devices";
import { liveEventSchema } from "../schemas/events";
import { idParamSchema } from "../schemas/fields";
import {
  impersonationSessionSchema,
  actedForMePageSchema,
  actedForMeQuerySchema,
  startImpersonationRequestSchema,
  setImpersonationModeRequestSchema,
  impersonationSessionsExportQuerySchema,
  impersonationSessionsPageSchema,
  impersonationSessionsQuerySchema,
  actAsConsentSettingSchema,
  actAsRequestListSchema,
  actAsRequestSchema,
  setActAsConsentRequestSchema,
} from "../schemas/impersonation";
import { tasksPageSchema } from "../schemas/pages";
import { uploadedPhotoSchema } from "../schemas/photos";
import {
  createRewardRequestSchema,
  decideRewardRequestSchema,
  rewardListSchema,
  rewardRequestPageSchema,
  rewardRequestQuerySchema,
  rewardRequestSchema,
  rewardSchema,
  updateRewardRequestSchema,
} from "../schemas/rewards";
import {
  adjustPointsRequestSchema,
  adjustPointsResponseSchema,
  pointsPageSchema,
  pointsQuerySchema,
  waivePenaltyRequestSchema,
} from "../schemas/points";
import {
  approvalListSchema,
  approvalSchema,
  approveAllRequestSchema,
  approveRequestSchema,
  rejectApprovalRequestSchema,
} from "../schemas/approvals";
import {
  deletePushSubscriptionRequestSchema,
  pushSubscriptionRequestSchema,
  pushSubscriptionSchema,
  reminderSettingsSchema,
  reminderTestResultSchema,
  updateReminderSettingsRequestSchema,
  updatedReminderSettingsSchema,
  vapidPublicKeySchema,
} from "../schemas/reminders";
import { statisticsQuerySchema, statisticsSchema } from "../schemas/statistics";
import { setThemeRequestSchema, themeSettingSchema } from "../schemas/theme";
import { languageSettingSchema, setLanguageRequestSchema } from "../schemas/language";
import { mcpMessageSchema } from "../schemas/mcp";
import {
  addPasskeyRequestSchema,
  confirmTotpRequestSchema,
  enrolledSignInSchema,
  mfaEnrolConfirmRequestSchema,
  mfaLoginRequestSchema,
  mfaProofSchema,
  mfaStatusSchema,
  mfaTokenRequestSchema,
  passkeyLoginRequestSchema,
  passkeySchema,
  recoveryCodesSchema,
  totpEnrolmentSchema,
} from "../schemas/mfa";
import { webAuthnOptionsSchema } from "../schemas/webauthn";
import { awayPeriodListSchema, awayPeriodSchema, createAwayPeriodRequestSchema } from "../schemas/away";
import { calendarQuerySchema, calendarSchema } from "../schemas/calendar";
import {
  authOptionsSchema,
  ssoCallbackRequestSchema,
  ssoIdentityListSchema,
  ssoStartRequestSchema,
  ssoStartResponseSchema,
} from "../schemas/sso";
import { circleExportCsvQuerySchema, circleExportSchema, circleImportResultSchema } from "../schemas/circleExport";
import { accountClaimLinkSchema, claimAccountRequestSchema } from "../schemas/accountClaims";
import { empty, endpoint, json, type Access } from "./endpoint";

/** A circle export is far bigger than any other body: years of history and audit. */
const CIRCLE_IMPORT_MAX_BYTES = 50 * 1_048_576;

const anyone = { credentials: ["public"] } as const satisfies Access;
/** A signed-in user or their API token, as themselves. */
const user = { credentials: ["session", "apiToken"] } as const satisfies Access;
/** Credentials that outlive a revoked token must be made by a real sign-in: no API tokens. */
const signedIn = { credentials: ["session"] } as const satisfies Access;
/** As `user`, and an admin or manager may view as a member (DESIGN §5), in either impersonation mode. */
const userOrImpersonation = { credentials: ["session", "apiToken"], impersonation: "view" } as const satisfies Access;
/** As `userOrImpersonation`, and a shared tablet for the member picked on it (decision 0011). */
const memberAnywhere = { credentials: ["session", "apiToken", "tabletMember"], impersonation: "view" } as const satisfies Access;
/** Writes for the member: refused in a view-only impersonation session (decision 0020). */
const userActingAs = { ...userOrImpersonation, impersonation: "act" } as const satisfies Access;
const memberActingAnywhere = { ...memberAnywhere, impersonation: "act" } as const satisfies Access;

const idParams = z.object({ id: idParamSchema });
const memberParams = z.object({ userId: idParamSchema });

export const contract = {
  health: {
    get: endpoint({ method: "GET", path: "/health", summary: "Liveness and database kind", produces: json(healthSchema), access: anyone }),
  },

  meta: {
    openApi: endpoint({
      method: "GET",
      path: "/openapi.json",
      summary: "This API as an OpenAPI 3.1 document, derived from the same declarations the server enforces",
      produces: json(z.record(z.string(), z.unknown())),
      access: anyone,
    }),
  },

  auth: {
    signup: endpoint({
      method: "POST",
      path: "/auth/signup",
      summary: "Create an account and its own circle",
      body: signupRequestSchema,
      produces: json(authResponseSchema, 201),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    login: endpoint({
      method: "POST",
      path: "/auth/login",
      summary: "Sign in with username or email and password",
      body: loginRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    pinLogin: endpoint({
      method: "POST",
      path: "/auth/pin-login",
      summary: "Sign in to a child's account with its PIN",
      body: pinLoginRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    logout: endpoint({ method: "POST", path: "/auth/logout", summary: "End this sign-in", produces: empty, access: user }),
    options: endpoint({
      method: "GET",
      path: "/auth/options",
      summary: "Which ways to sign in this server offers: password, and single sign-on's provider",
      produces: json(authOptionsSchema),
      access: anyone,
    }),
    ssoStart: endpoint({
      method: "POST",
      path: "/auth/sso/start",
      summary: "Start a single sign-on: the provider's authorization URL (PKCE, state and nonce kept here, single use)",
      body: ssoStartRequestSchema,
      produces: json(ssoStartResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    ssoCallback: endpoint({
      method: "POST",
      path: "/auth/sso/callback",
      summary: "Finish a single sign-on with the provider's code and state: a sign-in like the password one",
      body: ssoCallbackRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    // Two-step sign-in (decision 0041): the mfaToken of an `mfa_required` or `mfa_enrolment_required` answer is the credential.
    mfaLogin: endpoint({
      method: "POST",
      path: "/auth/mfa",
      summary: "Second step of a password sign-in: a TOTP code, a recovery code or a passkey",
      body: mfaLoginRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    mfaPasskeyOptions: endpoint({
      method: "POST",
      path: "/auth/mfa/passkey-options",
      summary: "A WebAuthn challenge for the second step with one of the signing-in person's passkeys",
      body: mfaTokenRequestSchema,
      produces: json(webAuthnOptionsSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    mfaEnrol: endpoint({
      method: "POST",
      path: "/auth/mfa/enrol",
      summary: "An admin whose circle requires a second step starts TOTP enrolment before signing in",
      body: mfaTokenRequestSchema,
      produces: json(totpEnrolmentSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    mfaEnrolConfirm: endpoint({
      method: "POST",
      path: "/auth/mfa/enrol/confirm",
      summary: "Confirm that enrolment with a first code: signs in and shows the recovery codes once",
      body: mfaEnrolConfirmRequestSchema,
      produces: json(enrolledSignInSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    passkeyOptions: endpoint({
      method: "POST",
      path: "/auth/passkey/options",
      summary: "A WebAuthn challenge for signing in with a passkey, no username needed",
      produces: json(webAuthnOptionsSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    passkeyLogin: endpoint({
      method: "POST",
      path: "/auth/passkey",
      summary: "Sign in with a passkey",
      body: passkeyLoginRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
    // The link's token is the credential (decision 0045).
    claimAccount: endpoint({
      method: "POST",
      path: "/auth/claim",
      summary: "Claim an imported account with its one-time link: choose a password and sign in",
      body: claimAccountRequestSchema,
      produces: json(authResponseSchema),
      access: { ...anyone, rateLimit: "signIn" },
    }),
  },

  users: {
    me: endpoint({
      method: "GET",
      path: "/users/me",
      summary: "The caller (or the member acted as)",
      produces: json(userSchema),
      access: userOrImpersonation,
    }),
    createToken: endpoint({
      method: "POST",
      path: "/users/me/tokens",
      summary: "Create an API token (shown once)",
      body: createApiTokenRequestSchema,
      produces: json(createdApiTokenSchema, 201),
      access: signedIn,
    }),
    listTokens: endpoint({
      method: "GET",
      path: "/users/me/tokens",
      summary: "The caller's API tokens",
      produces: json(apiTokenListSchema),
      access: user,
    }),
    revokeToken: endpoint({
      method: "DELETE",
      path: "/users/me/tokens/:id",
      summary: "Revoke an API token",
      params: idParams,
      produces: empty,
      access: user,
    }),
    ssoIdentities: endpoint({
      method: "GET",
      path: "/users/me/sso-identities",
      summary: "The single sign-on accounts linked to the caller",
      produces: json(ssoIdentityListSchema),
      access: user,
    }),
    unlinkSsoIdentity: endpoint({
      method: "DELETE",
      path: "/users/me/sso-identities/:id",
      summary: "Unlink a single sign-on account",
      params: idParams,
      produces: empty,
      access: signedIn,
    }),
    actedForMe: endpoint({
      method: "GET",
      path: "/users/me/acted-for-me",
      summary: "What others did as the caller, newest first",
      query: actedForMeQuerySchema,
      produces: json(actedForMePageSchema),
      access: user,
    }),
    markActedForMeRead: endpoint({
      method: "POST",
      path: "/users/me/acted-for-me/read",
      summary: "Mark the acted-for-me feed read",
      produces: empty,
      access: user,
    }),
    calendarFeed: endpoint({
      method: "GET",
      path: "/users/me/ical-feed",
      summary: "Whether the caller has a calendar link",
      produces: json(calendarFeedStatusSchema),
      access: user,
    }),
    createCalendarFeed: endpoint({
      method: "POST",
      path: "/users/me/ical-feed",
      summary: "Make a new secret calendar link, replacing any earlier one",
      produces: json(createdCalendarFeedSchema, 201),
      access: signedIn,
    }),
    revokeCalendarFeed: endpoint({
      method: "DELETE",
      path: "/users/me/ical-feed",
      summary: "Revoke the calendar link",
      produces: empty,
      access: signedIn,
    }),
    actAsConsent: endpoint({
      method: "GET",
      path: "/users/me/act-as-consent",
      summary: "Who may act as the caller: anyone their role allows, ask first, or nobody (decision 0023)",
      produces: json(actAsConsentSettingSchema),
      access: signedIn,
    }),
    setActAsConsent: endpoint({
      method: "PUT",
      path: "/users/me/act-as-consent",
      summary: "Choose who may act as the caller; ends the impersonation sessions the new setting does not allow",
      body: setActAsConsentRequestSchema,
      produces: json(actAsConsentSettingSchema),
      // Consent is the member's own word: never while acted as, never by a script's token.
      access: signedIn,
    }),
    // The caller's own second factors (decision 0041): a real sign-in only, never while acting as someone, never a token.
    mfa: endpoint({
      method: "GET",
      path: "/users/me/mfa",
      summary: "The caller's two-step sign-in: TOTP, recovery codes left, passkeys",
      produces: json(mfaStatusSchema),
      access: signedIn,
    }),
    startTotp: endpoint({
      method: "POST",
      path: "/users/me/mfa/totp",
      summary: "Start TOTP enrolment: a new secret and its otpauth:// URI",
      produces: json(totpEnrolmentSchema, 201),
      access: signedIn,
    }),
    confirmTotp: endpoint({
      method: "POST",
      path: "/users/me/mfa/totp/confirm",
      summary: "Turn TOTP on with a first code; answers the recovery codes, shown once",
      body: confirmTotpRequestSchema,
      produces: json(recoveryCodesSchema),
      access: signedIn,
    }),
    disableTotp: endpoint({
      method: "POST",
      path: "/users/me/mfa/totp/disable",
      summary: "Turn TOTP off, proven with a current code, a recovery code or a passkey; the recovery codes go too",
      body: mfaProofSchema,
      produces: empty,
      access: signedIn,
    }),
    regenerateRecoveryCodes: endpoint({
      method: "POST",
      path: "/users/me/mfa/recovery-codes",
      summary: "New recovery codes in place of the old ones, proven with a second factor",
      body: mfaProofSchema,
      produces: json(recoveryCodesSchema),
      access: signedIn,
    }),
    stepUpPasskeyOptions: endpoint({
      method: "POST",
      path: "/users/me/mfa/passkey-options",
      summary: "A WebAuthn challenge to prove a second factor with one of the caller's passkeys",
      produces: json(webAuthnOptionsSchema),
      access: signedIn,
    }),
    passkeyRegistrationOptions: endpoint({
      method: "POST",
      path: "/users/me/passkeys/options",
      summary: "A WebAuthn challenge for registering a new passkey",
      produces: json(webAuthnOptionsSchema),
      access: signedIn,
    }),
    addPasskey: endpoint({
      method: "POST",
      path: "/users/me/passkeys",
      summary: "Register a passkey from the browser's answer to that challenge",
      body: addPasskeyRequestSchema,
      produces: json(passkeySchema, 201),
      access: signedIn,
    }),
    deletePasskey: endpoint({
      method: "POST",
      path: "/users/me/passkeys/:id/delete",
      summary: "Remove a passkey, proven with a second factor (the passkey itself will do)",
      params: idParams,
      body: mfaProofSchema,
      produces: empty,
      access: signedIn,
    }),
    theme: endpoint({
      method: "GET",
      path: "/users/me/theme",
      summary: "The caller's colour scheme: system, light or dark (decision 0037)",
      produces: json(themeSettingSchema),
      // The screen is the real person's: while acting as a member it stays theirs, so never impersonated.
      access: user,
    }),
    setTheme: endpoint({
      method: "PUT",
      path: "/users/me/theme",
      summary: "Choose the caller's colour scheme",
      body: setThemeRequestSchema,
      produces: json(themeSettingSchema),
      access: user,
    }),
    language: endpoint({
      method: "GET",
      path: "/users/me/language",
      summary: "The caller's language for the web app: system (the browser's) or en, de, fr, es (decision 0047)",
      produces: json(languageSettingSchema),
      // Like the colour scheme, the screen's language is the real person's, also while acting as a member.
      access: user,
    }),
    setLanguage: endpoint({
      method: "PUT",
      path: "/users/me/language",
      summary: "Choose the caller's language for the web app",
      body: setLanguageRequestSchema,
      produces: json(languageSettingSchema),
      access: user,
    }),
  },

  impersonation: {
    start: endpoint({
      method: "POST",
      path: "/impersonation",
      summary: "Start acting as a member (an impersonation session, with a reason)",
      body: startImpersonationRequestSchema,
      produces: json(impersonationSessionSchema, 201),
      access: user,
    }),
    end: endpoint({
      method: "DELETE",
      path: "/impersonation",
      summary: "End this sign-in's impersonation sessions",
      produces: empty,
      access: user,
    }),
    extend: endpoint({
      method: "POST",
      path: "/impersonation/extend",
      summary: "With the selector header: the impersonation session on that member ends a full limit from now",
      produces: json(impersonationSessionSchema),
      // It names the session by its selector header, so expiry and every impersonation rule are checked as on any request.
      access: userOrImpersonation,
    }),
    setMode: endpoint({
      method: "PATCH",
      path: "/impersonation",
      summary: "With the selector header: switch that impersonation session between view only and view and act (decision 0020)",
      body: setImpersonationModeRequestSchema,
      produces: json(impersonationSessionSchema),
      // Like extend, it names the session by its selector header; it must work in a view-only session to leave it.
      access: userOrImpersonation,
    }),
    request: endpoint({
      method: "POST",
      path: "/impersonation/requests",
      summary: "Ask a member who asks to be asked first; their grant opens the impersonation session (decision 0023)",
      body: startImpersonationRequestSchema,
      produces: json(actAsRequestSchema, 201),
      access: user,
    }),
    requests: endpoint({
      method: "GET",
      path: "/impersonation/requests",
      summary: "Pending requests to act as the caller, and the caller's own recent requests",
      produces: json(actAsRequestListSchema),
      access: signedIn,
    }),
    grant: endpoint({
      method: "POST",
      path: "/impersonation/requests/:id/grant",
      summary: "Grant a pending request: the asker acts as the caller for the impersonation time limit",
      params: idParams,
      produces: json(actAsRequestSchema),
      // Only the member's own sign-in answers: an impersonation session cannot grant itself.
      access: signedIn,
    }),
    decline: endpoint({
      method: "POST",
      path: "/impersonation/requests/:id/decline",
      summary: "Decline a pending request (final for that request)",
      params: idParams,
      produces: json(actAsRequestSchema),
      access: signedIn,
    }),
  },

  circles: {
    current: endpoint({
      method: "GET",
      path: "/circles/current",
      summary: "The caller's circle",
      produces: json(circleSchema),
      access: userOrImpersonation,
    }),
    create: endpoint({
      method: "POST",
      path: "/circles",
      summary: "Create a circle and move into it as its admin",
      body: createCircleRequestSchema,
      produces: json(circleSchema, 201),
      access: user,
    }),
    update: endpoint({
      method: "PATCH",
      path: "/circles/current",
      summary: "Rename the circle, change its time zone or impersonation switch",
      body: updateCircleRequestSchema,
      produces: json(circleSchema),
      access: user,
    }),
    join: endpoint({
      method: "POST",
      path: "/circles/join",
      summary: "Ask to join a circle by its invite code",
      body: joinCircleRequestSchema,
      produces: json(joinCircleResponseSchema),
      access: { ...user, rateLimit: "join" },
    }),
    lookupInvite: endpoint({
      method: "POST",
      path: "/invites/lookup",
      summary: "The name of the circle an invite code belongs to (for an invite link's join screen)",
      body: inviteLookupRequestSchema,
      produces: json(inviteLookupResponseSchema),
      // Limited like joining, so it is no faster way to guess codes; it answers with the name only.
      access: { ...anyone, rateLimit: "join" },
    }),
    joinRequests: endpoint({
      method: "GET",
      path: "/circles/join",
      summary: "The caller's own pending join requests",
      produces: json(joinRequestListSchema),
      access: user,
    }),
    withdrawJoinRequest: endpoint({
      method: "DELETE",
      path: "/circles/join/:circleId",
      summary: "Withdraw a pending join request",
      params: z.object({ circleId: idParamSchema }),
      produces: empty,
      access: user,
    }),
    members: endpoint({
      method: "GET",
      path: "/circles/current/members",
      summary: "The circle's members",
      query: memberSearchQuerySchema,
      produces: json(memberListSchema),
      access: userOrImpersonation,
    }),
    addChild: endpoint({
      method: "POST",
      path: "/circles/current/members",
      summary: "Add a child's account (no email)",
      body: createChildRequestSchema,
      produces: json(memberSchema, 201),
      access: user,
    }),
    setMemberPin: endpoint({
      method: "PUT",
      path: "/circles/current/members/:userId/pin",
      summary: "Set a child's PIN",
      params: memberParams,
      body: setPinRequestSchema,
      produces: json(memberSchema),
      access: user,
    }),
    createClaimLink: endpoint({
      method: "POST",
      path: "/circles/current/members/:userId/claim-link",
      summary: "An admin's one-time link for an imported member to choose a password (shown once, 7 days)",
      params: memberParams,
      produces: json(accountClaimLinkSchema, 201),
      access: signedIn,
    }),
    unlockMemberPin: endpoint({
      method: "POST",
      path: "/circles/current/members/:userId/pin/unlock",
      summary: "Lift the lock that wrong PINs put on a child's account",
      params: memberParams,
      produces: json(memberSchema),
      access: user,
    }),
    accept: endpoint({
      method: "POST",
      path: "/circles/current/members/:userId/accept",
      summary: "Accept a pending member",
      params: memberParams,
      produces: json(memberSchema),
      access: user,
    }),
    setRole: endpoint({
      method: "PUT",
      path: "/circles/current/members/:userId/role",
      summary: "Change a member's role",
      params: memberParams,
      body: setRoleRequestSchema,
      produces: json(memberSchema),
      access: user,
    }),
    setImpersonator: endpoint({
      method: "PUT",
      path: "/circles/current/members/:userId/impersonator",
      summary: "Allow or forbid an admin or manager to act as members",
      params: memberParams,
      body: setImpersonatorRequestSchema,
      produces: json(memberSchema),
      access: user,
    }),
    removeMember: endpoint({
      method: "DELETE",
      path: "/circles/current/members/:userId",
      summary: "Remove a member from the circle",
      params: memberParams,
      produces: empty,
      access: user,
    }),
    memberPoints: endpoint({
      method: "GET",
      path: "/circles/current/members/:userId/points",
      summary: "A member's points ledger, newest first",
      params: memberParams,
      query: pointsQuerySchema,
      produces: json(pointsPageSchema),
      // Acting as a member shows only that member's own ledger (decision 0025).
      access: userOrImpersonation,
    }),
    adjustPoints: endpoint({
      method: "POST",
      path: "/circles/current/members/:userId/points/adjustments",
      summary: "Add or take away a member's points, with a reason",
      params: memberParams,
      body: adjustPointsRequestSchema,
      produces: json(adjustPointsResponseSchema, 201),
      access: user,
    }),
    waivePenalty: endpoint({
      method: "POST",
      path: "/circles/current/members/:userId/points/:entryId/waive",
      summary: "Give back a missed chore's penalty (admins, as themselves; once per penalty)",
      params: z.object({ userId: idParamSchema, entryId: idParamSchema }),
      body: waivePenaltyRequestSchema,
      produces: json(adjustPointsResponseSchema, 201),
      // The admin's own act: never while acting as someone, never from a tablet (decision 0028).
      access: user,
    }),
    awayPeriods: endpoint({
      method: "GET",
      path: "/circles/current/away",
      summary: "Away periods and circle pauses not yet over, soonest first (decision 0034)",
      produces: json(awayPeriodListSchema),
      access: userOrImpersonation,
    }),
    createAwayPeriod: endpoint({
      method: "POST",
      path: "/circles/current/away",
      summary: "Set away days for yourself, or (admins) for a member or the whole circle",
      body: createAwayPeriodRequestSchema,
      produces: json(awayPeriodSchema, 201),
      // The person's own act or an admin's: acting as someone adds nothing an admin cannot do as themselves (decision 0034).
      access: user,
    }),
    deleteAwayPeriod: endpoint({
      method: "DELETE",
      path: "/circles/current/away/:id",
      summary: "Remove away days (yours, or as an admin anyone's or the circle's pause)",
      params: idParams,
      produces: empty,
      access: user,
    }),
    statistics: endpoint({
      method: "GET",
      path: "/circles/current/statistics",
      summary: "Completions and points per member per week, on time, late and skipped, and the top chores (decision 0029)",
      query: statisticsQuerySchema,
      produces: json(statisticsSchema),
      // Viewing as a member shows the numbers as that member sees them (their chores' visibility).
      access: userOrImpersonation,
    }),
    devices: endpoint({
      method: "GET",
      path: "/circles/current/devices",
      summary: "The circle's shared tablets",
      produces: json(deviceListSchema),
      access: signedIn,
    }),
    createDevice: endpoint({
      method: "POST",
      path: "/circles/current/devices",
      summary: "Pair a shared tablet (its token shown once)",
      body: createDeviceRequestSchema,
      produces: json(createdDeviceSchema, 201),
      access: signedIn,
    }),
    revokeDevice: endpoint({
      method: "DELETE",
      path: "/circles/current/devices/:id",
      summary: "Revoke a shared tablet",
      params: idParams,
      produces: empty,
      access: signedIn,
    }),
    audit: endpoint({
      method: "GET",
      path: "/circles/current/audit",
      summary: "The circle's audit log, newest first",
      query: auditQuerySchema,
      produces: json(auditPageSchema),
      access: user,
    }),
    // Admins only (policy), never while impersonating, API tokens as for the audit log they summarise (decision 0022).
    impersonationSessions: endpoint({
      method: "GET",
      path: "/circles/current/audit/sessions",
      summary: "The circle's impersonation sessions for review, newest first, with their actions and refusals",
      query: impersonationSessionsQuerySchema,
      produces: json(impersonationSessionsPageSchema),
      access: user,
    }),
    exportImpersonationSessions: endpoint({
      method: "GET",
      path: "/circles/current/audit/sessions.csv",
      summary: "The impersonation sessions started in a date range (circle time zone), as CSV",
      query: impersonationSessionsExportQuerySchema,
      produces: { kind: "document", contentType: "text/csv" },
      access: user,
    }),
    // Circle export and import (decision 0042): admins only (policy), never while acting as someone, never on a tablet.
    // Exports, like the audit log they contain, may be taken by a script with an API token; an import only by a signed-in admin.
    exportData: endpoint({
      method: "GET",
      path: "/circles/current/export",
      summary: "Everything in the circle (members, chores, history, points ledger, rewards, audit) as versioned JSON",
      produces: { kind: "document", contentType: "application/json" },
      access: user,
    }),
    exportCsv: endpoint({
      method: "GET",
      path: "/circles/current/export.csv",
      summary: "One kind of the circle's records (members, chores, history, points or audit) as CSV",
      query: circleExportCsvQuerySchema,
      produces: { kind: "document", contentType: "text/csv" },
      access: user,
    }),
    importData: endpoint({
      method: "POST",
      path: "/circles/current/import",
      summary: "Fills the caller's new, empty circle from another instance's export, with new ids, in one transaction",
      body: circleExportSchema,
      maxBodyBytes: CIRCLE_IMPORT_MAX_BYTES,
      produces: json(circleImportResultSchema),
      access: signedIn,
    }),
  },

  // Rewards (decision 0026). Deciding is an admin's or manager's own act: never while acting as someone, never on a tablet.
  rewards: {
    list: endpoint({
      method: "GET",
      path: "/rewards",
      summary: "The rewards offered to the caller (admins and managers: all of them) and the caller's points to spend",
      produces: json(rewardListSchema),
      access: memberAnywhere,
    }),
    create: endpoint({
      method: "POST",
      path: "/rewards",
      summary: "Offer a reward",
      body: createRewardRequestSchema,
      produces: json(rewardSchema, 201),
      access: user,
    }),
    update: endpoint({
      method: "PATCH",
      path: "/rewards/:id",
      summary: "Change a reward",
      params: idParams,
      body: updateRewardRequestSchema,
      produces: json(rewardSchema),
      access: user,
    }),
    archive: endpoint({
      method: "DELETE",
      path: "/rewards/:id",
      summary: "Stop offering a reward (its requests stay)",
      params: idParams,
      produces: empty,
      access: user,
    }),
    request: endpoint({
      method: "POST",
      path: "/rewards/:id/requests",
      summary: "Ask for a reward: its cost is held from the caller's points until decided",
      params: idParams,
      produces: json(rewardRequestSchema, 201),
      access: memberActingAnywhere,
    }),
    requests: endpoint({
      method: "GET",
      path: "/rewards/requests",
      summary: "Reward requests, newest first: the caller's own, or the circle's for admins and managers",
      query: rewardRequestQuerySchema,
      produces: json(rewardRequestPageSchema),
      access: memberAnywhere,
    }),
    approve: endpoint({
      method: "POST",
      path: "/rewards/requests/:id/approve",
      summary: "Approve a pending reward request",
      params: idParams,
      body: decideRewardRequestSchema,
      produces: json(rewardRequestSchema),
      access: user,
    }),
    decline: endpoint({
      method: "POST",
      path: "/rewards/requests/:id/decline",
      summary: "Decline a pending reward request: its points and stock go back",
      params: idParams,
      body: decideRewardRequestSchema,
      produces: json(rewardRequestSchema),
      access: user,
    }),
    refund: endpoint({
      method: "POST",
      path: "/rewards/requests/:id/refund",
      summary: "Refund an approved reward request: its points and stock go back",
      params: idParams,
      body: decideRewardRequestSchema,
      produces: json(rewardRequestSchema),
      access: user,
    }),
  },

  // Completion approval (decision 0027). Deciding is an admin's or manager's own act: never while
  // acting as someone, never from a tablet.
  approvals: {
    list: endpoint({
      method: "GET",
      path: "/approvals",
      summary: "Completions waiting for approval, oldest first (admins and managers)",
      produces: json(approvalListSchema),
      access: user,
    }),
    approve: endpoint({
      method: "POST",
      path: "/approvals/:id/approve",
      summary: "Approve a completion: the occurrence is done and its points credited",
      params: idParams,
      body: approveRequestSchema,
      produces: json(approvalSchema),
      access: user,
    }),
    reject: endpoint({
      method: "POST",
      path: "/approvals/:id/reject",
      summary: "Reject a completion with a note: the occurrence is open again",
      params: idParams,
      body: rejectApprovalRequestSchema,
      produces: json(approvalSchema),
      access: user,
    }),
    approveAll: endpoint({
      method: "POST",
      path: "/approvals/approve-all",
      summary: "Approve the named completions in one transaction: all of them or none",
      body: approveAllRequestSchema,
      produces: json(approvalListSchema),
      access: user,
    }),
  },

  tablet: {
    current: endpoint({
      method: "GET",
      path: "/devices/current",
      summary: "The tablet's name, circle and member tiles",
      produces: json(tabletSchema),
      access: { credentials: ["tablet"] },
    }),
  },

  events: {
    stream: endpoint({
      method: "GET",
      path: "/events",
      summary: "Live-update hints for the caller's circle (Server-Sent Events)",
      produces: { kind: "events", schema: liveEventSchema },
      // Hints carry no data, only "reload chores/members": viewing as a member keeps their screen current.
      access: userOrImpersonation,
    }),
  },

  chores: {
    list: endpoint({
      method: "GET",
      path: "/chores",
      summary: "Chores visible to the caller",
      query: choreListQuerySchema,
      produces: json(choreListSchema),
      access: memberAnywhere,
    }),
    create: endpoint({
      method: "POST",
      path: "/chores",
      summary: "Create a chore",
      body: createChoreRequestSchema,
      produces: json(choreSchema, 201),
      access: user,
    }),
    get: endpoint({
      method: "GET",
      path: "/chores/:id",
      summary: "One chore",
      params: idParams,
      produces: json(choreSchema),
      access: userOrImpersonation,
    }),
    update: endpoint({
      method: "PUT",
      path: "/chores/:id",
      summary: "Edit a chore",
      params: idParams,
      body: updateChoreRequestSchema,
      produces: json(choreSchema),
      access: user,
    }),
    remove: endpoint({ method: "DELETE", path: "/chores/:id", summary: "Delete a chore", params: idParams, produces: empty, access: user }),
    do: endpoint({
      method: "POST",
      path: "/chores/:id/do",
      summary: "Complete the current occurrence (or name the next one's dueDate)",
      params: idParams,
      body: doChoreRequestSchema,
      produces: json(choreSchema),
      access: memberActingAnywhere,
    }),
    skip: endpoint({
      method: "POST",
      path: "/chores/:id/skip",
      summary: "Skip the current occurrence",
      params: idParams,
      body: skipChoreRequestSchema,
      produces: json(choreSchema),
      access: memberActingAnywhere,
    }),
    claim: endpoint({
      method: "POST",
      path: "/chores/:id/claim",
      summary: "Claim an anyone chore's current occurrence (first claim wins, 409 already_claimed after)",
      params: idParams,
      body: claimChoreRequestSchema,
      produces: json(choreSchema),
      access: memberActingAnywhere,
    }),
    release: endpoint({
      method: "POST",
      path: "/chores/:id/release",
      summary: "Release a claim on an anyone chore (the claimer, an admin or a manager)",
      params: idParams,
      body: claimChoreRequestSchema,
      produces: json(choreSchema),
      access: memberActingAnywhere,
    }),
    tick: endpoint({
      method: "PUT",
      path: "/chores/:id/checklist/:itemId",
      summary: "Tick or untick a checklist item for the current occurrence",
      params: z.object({ id: idParamSchema, itemId: idParamSchema }),
      body: tickChecklistItemRequestSchema,
      produces: json(choreSchema),
      access: memberActingAnywhere,
    }),
    undo: endpoint({
      method: "POST",
      path: "/chores/:id/undo",
      summary: "Take back your latest do or skip (same actor, same member, 10 minutes)",
      params: idParams,
      body: undoChoreRequestSchema,
      produces: json(choreSchema),
      access: userActingAs,
    }),
    start: endpoint({
      method: "PUT",
      path: "/chores/:id/start",
      summary: "Start the chore's timer",
      params: idParams,
      body: timerRequestSchema,
      produces: json(choreSchema),
      access: userActingAs,
    }),
    pause: endpoint({
      method: "PUT",
      path: "/chores/:id/pause",
      summary: "Pause the chore's timer",
      params: idParams,
      body: timerRequestSchema,
      produces: json(choreSchema),
      access: userActingAs,
    }),
    history: endpoint({
      method: "GET",
      path: "/chores/:id/history",
      summary: "The chore's history, newest first",
      params: idParams,
      query: historyQuerySchema,
      produces: json(historyListSchema),
      access: userOrImpersonation,
    }),
  },

  // Photo proof of completions (decision 0030): uploaded by whoever may do the chore, for the
  // member it counts for (so also while acting as them, and on the tablet); seen by the circle's
  // admins and managers and that member.
  photos: {
    upload: endpoint({
      method: "POST",
      path: "/chores/:id/photos",
      summary: "Upload a photo (the image's bytes) for the next do of this chore, which names it as photoId",
      params: idParams,
      upload: "image",
      produces: json(uploadedPhotoSchema, 201),
      access: memberActingAnywhere,
    }),
    get: endpoint({
      method: "GET",
      path: "/photos/:id",
      summary: "A completion's photo",
      params: idParams,
      produces: { kind: "image" },
      access: userOrImpersonation,
    }),
  },

  /** The signed-in person's own reminders: never while acting as someone. */
  reminders: {
    vapidPublicKey: endpoint({
      method: "GET",
      path: "/reminders/vapid-public-key",
      summary: "The server's Web Push public key",
      produces: json(vapidPublicKeySchema),
      access: user,
    }),
    settings: endpoint({
      method: "GET",
      path: "/users/me/reminders",
      summary: "The caller's reminder settings",
      produces: json(reminderSettingsSchema),
      access: user,
    }),
    updateSettings: endpoint({
      method: "PUT",
      path: "/users/me/reminders",
      summary: "Change reminder channels and quiet hours",
      body: updateReminderSettingsRequestSchema,
      produces: json(updatedReminderSettingsSchema),
      access: user,
    }),
    test: endpoint({
      method: "POST",
      path: "/users/me/reminders/test",
      summary: "Send a test reminder on every configured channel now",
      produces: json(reminderTestResultSchema),
      access: { ...user, rateLimit: "reminderTest" },
    }),
    subscribePush: endpoint({
      method: "POST",
      path: "/users/me/push-subscriptions",
      summary: "Add this browser's Web Push subscription",
      body: pushSubscriptionRequestSchema,
      produces: json(pushSubscriptionSchema, 201),
      access: user,
    }),
    unsubscribePush: endpoint({
      method: "DELETE",
      path: "/users/me/push-subscriptions",
      summary: "Remove a Web Push subscription",
      body: deletePushSubscriptionRequestSchema,
      produces: empty,
      access: user,
    }),
  },

  feeds: {
    calendar: endpoint({
      method: "GET",
      path: "/ical/:token.ics",
      summary: "A member's chores as an iCalendar feed, at its secret URL",
      // Anything but a well-formed secret is simply not found, like an unknown one.
      params: z.object({ token: z.string().max(100) }),
      produces: { kind: "document", contentType: "text/calendar" },
      access: { credentials: ["calendarFeed"] },
    }),
  },

  // The MCP server over streamable HTTP, stateless (decision 0038). Only an API token, acting as its own user:
  // no selector (impersonation_not_supported), no sign-in, no tablet. Its tools call the other endpoints.
  mcp: {
    call: endpoint({
      method: "POST",
      path: "/mcp",
      summary: "Model Context Protocol (streamable HTTP, stateless): JSON-RPC in, the answer as JSON",
      body: mcpMessageSchema,
      produces: { kind: "mcp" },
      access: { credentials: ["apiToken"] },
    }),
    // MCP clients open a stream for server-initiated messages here; a stateless server has none and answers 405, as MCP asks.
    stream: endpoint({
      method: "GET",
      path: "/mcp",
      summary: "Always 405 method_not_allowed: this stateless MCP server sends no stream of its own",
      produces: { kind: "mcp" },
      access: { credentials: ["apiToken"] },
    }),
  },

  calendar: {
    get: endpoint({
      method: "GET",
      path: "/calendar",
      summary: "Occurrences in a range of days: ahead from the schedules, behind from history (decision 0036)",
      query: calendarQuerySchema,
      produces: json(calendarSchema),
      // Viewing as a member shows their calendar; a wall tablet shows today's list, not a calendar.
      access: userOrImpersonation,
    }),
  },

  pages: {
    tasks: endpoint({
      method: "GET",
      path: "/pages/tasks",
      summary: "The tasks page's first screen in one answer: the caller (or the member acted as), the circle, its members and the chores",
      query: choreListQuerySchema,
      produces: json(tasksPageSchema),
      access: userOrImpersonation,
    }),
  },
} as const;

export type ChorusContract = typeof contract;
