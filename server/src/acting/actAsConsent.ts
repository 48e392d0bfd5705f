/**
 * A member's own word on who may act as them (decision 0023). Only their own sign-in reads or
 * changes it (the contract says so); a child's account cannot choose. Taking consent back ends
 * at once the impersonation sessions the new setting does not allow — an open session would
 * otherwise keep serving until its time is up. Saying `nobody` also declines the requests
 * still waiting, so the askers see the answer.
 */
import { effectiveActAsConsent, type ActAsConsent, type ActAsConsentSetting } from "@chorus/shared";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError } from "../errors";
import { publishChange } from "../realtime/changes";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../services/audit";
import { declinePendingRequests } from "./actAsRequests";
import { endSessions } from "./impersonationSessions";

const settingOf = (user: { email: string | null; actAsConsent: ActAsConsent }): ActAsConsentSetting => ({
  consent: effectiveActAsConsent(user),
  choosable: user.email !== null,
});

export async function readActAsConsent(db: Database, ctx: ActingContext): Promise<ActAsConsentSetting> {
  return settingOf(await db.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { email: true, actAsConsent: true } }));
}

export async function setActAsConsent(db: Database, ctx: ActingContext, consent: ActAsConsent): Promise<ActAsConsentSetting> {
  const me = ctx.actor.id;
  return db.prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ email: string | null; actAsConsent: ActAsConsent }[]>`
      SELECT "email", "actAsConsent"::text AS "actAsConsent" FROM "User" WHERE "id" = ${me} FOR UPDATE`;
    if (!before!.email) throw new ApiError("invalid_state", "A child's account always lets its circle's admins and managers act for it");
    if (before!.actAsConsent === consent) return settingOf(before!);
    await tx.user.update({ where: { id: me }, data: { actAsConsent: consent } });
    await recordAudit(tx, ctx, {
      action: "user.act_as_consent_changed",
      entityType: "user",
      entityId: me,
      payload: { from: before!.actAsConsent, to: consent },
    });
    if (consent !== "anyone") {
      // Sessions a grant opened stay under `ask`; under `nobody` none does. The actor's tabs acting
      // through the others leave at once (decision 0024).
      await endSessions(
        tx,
        ctx.request,
        Prisma.sql`a."targetUserId" = ${me} AND a."expiresAt" > now()
          AND (${consent} = 'nobody' OR NOT EXISTS (
            SELECT 1 FROM "ActAsRequest" r
            WHERE r."sessionId" = a."sessionId" AND r."targetUserId" = a."targetUserId" AND r."status" = 'granted'
              AND r."respondedAt" <= a."startedAt"))`,
        "consent_changed",
      );
    }
    if (consent === "nobody") await declinePendingRequests(tx, ctx);
    await publishChange(tx, { type: "members", circleIds: ctx.circle ? [ctx.circle.id] : [] });
    return settingOf({ email: before!.email, actAsConsent: consent });
  });
}
