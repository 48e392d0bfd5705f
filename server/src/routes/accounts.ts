import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentApiToken, presentSignIn, presentUser } from "../presenters/accounts";
import * as accounts from "../services/accounts";
import { claimAccount } from "../services/accountClaims";
import { requireSecondStep } from "../services/mfa";
import { readLanguage, readTheme, setLanguage, setTheme } from "../services/screenPreferences";
import { mfaAuthHandlers } from "./mfa";

export function authHandlers({ db, config }: AppDeps) {
  return {
    signup: async ({ body, ctx }) => presentSignIn(await accounts.signup(db, config, body, ctx.request)),
    login: async ({ body, ctx }) => {
      const user = await accounts.login(db, config, body);
      await requireSecondStep(db, user.id, "password");
      return presentSignIn(await accounts.startSession(db, config, user, ctx.request, "password"));
    },
    pinLogin: async ({ body, ctx }) => {
      const user = await accounts.pinLogin(db, config, body, ctx.request);
      // A child without a second factor signs in as before; one who added one is asked for it too.
      await requireSecondStep(db, user.id, "pin");
      return presentSignIn(await accounts.startSession(db, config, user, ctx.request, "pin"));
    },
    logout: async ({ ctx }) => accounts.logout(db, ctx),
    claimAccount: async ({ body, ctx }) => {
      const user = await claimAccount(db, config, body, ctx.request);
      // An imported admin of a circle that requires a second step enrols first, as at sign-in.
      await requireSecondStep(db, user.id, "password");
      return presentSignIn(await accounts.startSession(db, config, user, ctx.request, "password"));
    },
    ...mfaAuthHandlers({ db, config }),
  } satisfies Partial<GroupHandlers<ChorusContract["auth"]>>;
}

/** The caller's own account; calendar-feed and acted-for-me endpoints live with their features. */
export function userAccountHandlers({ db, config }: AppDeps) {
  return {
    me: async ({ ctx }) => presentUser(ctx, config.impersonationMaxExtensions),
    createToken: async ({ body, ctx }) => accounts.createApiToken(db, ctx, body),
    listTokens: async ({ ctx }) => ({ tokens: (await accounts.listApiTokens(db, ctx)).map(presentApiToken) }),
    revokeToken: async ({ params, ctx }) => accounts.revokeApiToken(db, ctx, params.id),
    theme: async ({ ctx }) => readTheme(db, ctx),
    setTheme: async ({ body, ctx }) => setTheme(db, ctx, body.theme),
    language: async ({ ctx }) => readLanguage(db, ctx),
    setLanguage: async ({ body, ctx }) => setLanguage(db, ctx, body.language),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
