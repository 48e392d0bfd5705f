import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentSignIn } from "../presenters/accounts";
import { presentSsoIdentity } from "../presenters/sso";
import * as sso from "../services/sso";

/** Single sign-on's part of the auth group (decision 0040). */
export function ssoAuthHandlers({ db, config }: AppDeps) {
  return {
    options: async () => sso.authOptions(config),
    ssoStart: async ({ body }) => sso.startSignIn(db, config, body),
    ssoCallback: async ({ body, ctx }) => presentSignIn(await sso.finishSignIn(db, config, body, ctx.request)),
  } satisfies Partial<GroupHandlers<ChorusContract["auth"]>>;
}

export function ssoUserHandlers({ db }: AppDeps) {
  return {
    ssoIdentities: async ({ ctx }) => ({ identities: (await sso.listIdentities(db, ctx)).map(presentSsoIdentity) }),
    unlinkSsoIdentity: async ({ params, ctx }) => sso.unlinkIdentity(db, ctx, params.id),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
