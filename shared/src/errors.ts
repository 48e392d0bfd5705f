/**
 * The one catalogue of API error codes and the HTTP status each maps to. The server
 * throws `ApiError` with one of these codes; the SDK raises `ChorusApiError` with the
 * same code, so clients switch on codes rather than on messages.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  /** The request itself could not be read: request line, path encoding, body encoding. */
  bad_request: 400,
  invalid_impersonation_header: 400,
  /** The chore needs a photo with its completion: upload one and send its `photoId` (decision 0030). */
  photo_required: 400,
  /** The single sign-on answer carries a state this server did not send, or one already used or expired (decision 0040). */
  sso_state_invalid: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  /** The provider's answer did not check out: code exchange, ID token signature, issuer, audience, expiry or nonce (decision 0040). */
  sso_failed: 401,
  /** The password was right and a second step is needed: POST /auth/mfa with `details.mfaToken` (decision 0041). */
  mfa_required: 401,
  /** A claim link that is unknown, used or past its 7 days (decision 0045): ask the admin for a new one. */
  claim_link_invalid: 400,
  /** The account already has a way to sign in (a password, a provider account or a passkey), or did not come from an import. */
  not_awaiting_claim: 409,
  /** The second-step token is unknown, used or expired: sign in with the password again. */
  mfa_token_invalid: 401,
  forbidden: 403,
  /** This server signs in only through single sign-on (PASSWORD_LOGIN=off); children's PIN sign-in stays (decision 0040). */
  password_login_disabled: 403,
  /** The provider did not confirm the account's email address, so it neither links to nor creates an account (decision 0040). */
  sso_email_unverified: 403,
  impersonation_not_supported: 403,
  impersonation_forbidden: 403,
  impersonation_target_not_allowed: 403,
  device_not_allowed: 403,
  device_member_not_allowed: 403,
  invalid_pin: 403,
  impersonation_expired: 403,
  /** A write sent in a view-only impersonation session (decision 0020). */
  impersonation_read_only: 403,
  /** The member asks to be asked first: POST /impersonation/requests asks them (decision 0023). */
  impersonation_consent_required: 403,
  /**
   * Starting or switching to act needs the password (or PIN): `details.signInMethod` says which (decision 0020);
   * `details.passkey` true: one of the caller's passkeys will do too, whatever the sign-in (decision 0046).
   */
  step_up_required: 403,
  /** The step-up password, PIN or passkey was wrong. */
  step_up_failed: 403,
  /** Only the current assignee (or the claimer) may complete this chore (`onlyAssigneeCompletes`, decision 0035). */
  not_current_assignee: 403,
  /** Claiming a shared chore, or doing a part of it, needs the member to be one of its assignees (decision 0035). */
  not_an_assignee: 403,
  /** The circle requires admins to have a second step: enrol with `details.mfaToken` (POST /auth/mfa/enrol, decision 0041). */
  mfa_enrolment_required: 403,
  /** The TOTP code, recovery code or passkey was wrong (or a code already used). */
  invalid_mfa_code: 403,
  not_found: 404,
  /** No OpenID Connect provider is configured on this server. */
  sso_not_configured: 404,
  /** The path takes other methods only: `details.allow` names them (so does the Allow header). */
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  last_admin: 409,
  invalid_state: 409,
  /** The impersonation session was extended as often as the server allows: `details.maxExtensions` (decision 0024). */
  impersonation_extension_limit: 409,
  /** Extending is possible only in an impersonation session's last minutes: `details.extendableAt` (decision 0024). */
  impersonation_extend_too_early: 409,
  stale_occurrence: 409,
  not_due_yet: 409,
  undo_unavailable: 409,
  /** The chore's current occurrence is waiting for approval: it is approved or rejected, not done again (decision 0027). */
  awaiting_approval: 409,
  /** The chore's checklist must be ticked through first: `details.remaining` items are not (decision 0032). */
  checklist_incomplete: 409,
  /** Someone else claimed this *anyone* chore first: `details.claimedBy` (decision 0035). */
  already_claimed: 409,
  /** Nobody has claimed this chore, so there is nothing to release. */
  not_claimed: 409,
  /** The member's part of this *everyone* chore's occurrence is already done or skipped. */
  part_already_resolved: 409,
  /** The change would take a member's points below zero. */
  insufficient_points: 409,
  /** The penalty was waived already (decision 0028). */
  already_waived: 409,
  /** None of the reward is left. */
  out_of_stock: 409,
  /** Requiring a second step of admins needs the caller to have one first. */
  mfa_not_enrolled: 409,
  /** An admin of a circle that requires a second step cannot remove their last one. */
  mfa_required_by_circle: 409,
  /** The server has no WEBAUTHN_ORIGIN, so passkeys cannot be used (decision 0041). */
  passkeys_unavailable: 409,
  payload_too_large: 413,
  /** Too many wrong PINs in a row; `details.lockedUntil` says when PIN use opens again. */
  pin_locked: 423,
  /** Too many wrong second-step codes in a row; `details.lockedUntil` says when they are accepted again. */
  mfa_locked: 423,
  unsupported_media_type: 415,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  /** The database cannot be reached for now; the response carries Retry-After. */
  database_unavailable: 503,
  /** Every database connection stayed busy for as long as a request may wait; the response carries Retry-After. */
  server_busy: 503,
  /** This server process has as many live-update streams open as it allows; the response carries Retry-After. */
  too_many_streams: 503,
  /** The disk under the database or DATA_DIR is full. */
  storage_full: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Error codes that mean "the impersonation you asked for is not possible". */
export const impersonationErrorCodes: readonly ErrorCode[] = [
  "invalid_impersonation_header",
  "impersonation_not_supported",
  "impersonation_forbidden",
  "impersonation_target_not_allowed",
  "impersonation_expired",
  "impersonation_consent_required",
];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorStatus, value);
}
