/**
 * Two-step sign-in (decision 0041): the steps after a password, the passkey sign-in, and the
 * caller's own factors. The factor endpoints are the real person's sign-in only (declared
 * `signedIn`: no API token, no impersonation), so `ctx.actor` is always who they change.
 */
import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentSignIn } from "../presenters/accounts";
import { presentMfaStatus, presentPasskey } from "../presenters/mfa";
import * as accounts from "../services/accounts";
import { recordAudit } from "../services/audit";
import * as mfa from "../services/mfa";
import * as passkeys from "../services/passkeys";

type Deps = Pick<AppDeps, "db" | "config">;

export function mfaAuthHandlers({ db, config }: Deps) {
  return {
    mfaLogin: async ({ body, ctx }) => {
      const { userId, signInMethod } = await mfa.completeSignIn(db, config, body, ctx.request);
      return presentSignIn(await accounts.startSession(db, config, await accounts.userForSignIn(db, userId), ctx.request, signInMethod));
    },
    mfaPasskeyOptions: async ({ body }) =>
      passkeys.authenticationOptions(db, config, await mfa.challengedUser(db.prisma, "sign_in", body.mfaToken)),
    mfaEnrol: async ({ body }) => mfa.startTotp(db.prisma, await mfa.challengedUser(db.prisma, "enrol", body.mfaToken)),
    mfaEnrolConfirm: async ({ body, ctx }) => {
      const { userId, signInMethod, recoveryCodes } = await mfa.completeEnrolment(db, body, ctx.request);
      const signIn = await accounts.startSession(db, config, await accounts.userForSignIn(db, userId), ctx.request, signInMethod);
      return { ...presentSignIn(signIn), recoveryCodes };
    },
    passkeyOptions: async () => passkeys.authenticationOptions(db, config, null),
    passkeyLogin: async ({ body, ctx }) => {
      const userId = await passkeys.passkeySignIn(db, config, body);
      return presentSignIn(await accounts.startSession(db, config, await accounts.userForSignIn(db, userId), ctx.request, "password"));
    },
  } satisfies Partial<GroupHandlers<ChorusContract["auth"]>>;
}

export function mfaUserHandlers({ db, config }: Deps) {
  return {
    mfa: async ({ ctx }) => presentMfaStatus(await mfa.mfaStatus(db, config, ctx.actor.id)),
    startTotp: async ({ ctx }) => mfa.startTotp(db.prisma, ctx.actor.id),
    confirmTotp: async ({ body, ctx }) => ({
      recoveryCodes: await mfa.confirmTotp(db, ctx.actor.id, body.code, ctx.request, ctx.circle?.id ?? null, (tx) =>
        recordAudit(tx, ctx, { action: "auth.mfa_enrolled", entityType: "user", entityId: ctx.actor.id, payload: { factor: "totp" } }),
      ),
    }),
    disableTotp: async ({ body, ctx }) => mfa.disableTotp(db, config, ctx, body),
    regenerateRecoveryCodes: async ({ body, ctx }) => ({ recoveryCodes: await mfa.regenerateRecoveryCodes(db, config, ctx, body) }),
    stepUpPasskeyOptions: async ({ ctx }) => passkeys.authenticationOptions(db, config, ctx.actor.id),
    passkeyRegistrationOptions: async ({ ctx }) => passkeys.registrationOptions(db, config, ctx),
    addPasskey: async ({ body, ctx }) => presentPasskey(await passkeys.addPasskey(db, config, ctx, body)),
    deletePasskey: async ({ params, body, ctx }) => passkeys.deletePasskey(db, config, ctx, params.id, body),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
