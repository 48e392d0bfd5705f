import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentAuditEvent, presentCircle, presentCircleFor, presentJoinRequest, presentMember } from "../presenters/accounts";
import { circlePolicy } from "../policies/circle";
import { choresHiddenFrom, listAudit, normaliseAuditQuery } from "../services/audit";
import { exportImpersonationSessions, listImpersonationSessions, recordSessionsExport } from "../services/impersonationReview";
import { presentSessionReview, presentSessionsCsv } from "../presenters/impersonation";
import { createChild, setChildPin, unlockChildPin } from "../services/children";
import { createClaimLink } from "../services/accountClaims";
import * as circles from "../services/circles";
import { adjustPoints, listPoints } from "../services/points";
import { waivePenalty } from "../services/penalties";
import { presentPointsEntry } from "../presenters/points";
import { circleStatistics } from "../services/statistics";
import { presentStatistics } from "../presenters/statistics";
import { createAwayPeriod, deleteAwayPeriod, listAwayPeriods } from "../services/away";
import { presentAwayPeriod } from "../presenters/away";
import { importCircle, readCircleRecords, recordCircleExport } from "../services/circleExport";
import { presentCircleCsv, presentCircleExport } from "../presenters/circleExport";

const exportFileName = (exportedAt: string) => `chorus-circle-${exportedAt.slice(0, 10)}`;

/** The circle and its members; its shared tablets are in devices.ts. */
export function circleHandlers({ db, config }: AppDeps) {
  return {
    create: async ({ body, ctx }) => {
      circlePolicy.createCircle(ctx);
      return presentCircle(await circles.createCircle(db, ctx, body), true);
    },
    current: async ({ ctx }) => {
      const inCircle = circlePolicy.view(ctx);
      return presentCircleFor(inCircle, inCircle.circle);
    },
    update: async ({ body, ctx }) => {
      const admin = circlePolicy.update(ctx);
      return presentCircleFor(admin, await circles.updateCircle(db, admin, body));
    },
    join: async ({ body, ctx }) => circles.joinCircle(db, ctx, body.inviteCode),
    lookupInvite: async ({ body }) => circles.lookupInvite(db, body.inviteCode),
    // The caller's own requests: any signed-in user, in a circle or not, so no circle policy.
    joinRequests: async ({ ctx }) => ({ requests: (await circles.listJoinRequests(db, ctx)).map(presentJoinRequest) }),
    withdrawJoinRequest: async ({ params, ctx }) => circles.withdrawJoinRequest(db, ctx, params.circleId),
    members: async ({ query, ctx }) => {
      const inCircle = circlePolicy.view(ctx);
      const members = await circles.listMembers(db, inCircle, query.search, circlePolicy.seesPendingMembers(inCircle));
      const showsActAsConsent = circlePolicy.seesActAsConsent(inCircle);
      return { members: members.map((member) => presentMember(member, showsActAsConsent)) };
    },
    addChild: async ({ body, ctx }) => presentMember(await createChild(db, config, circlePolicy.addChild(ctx), body)),
    setMemberPin: async ({ params, body, ctx }) =>
      presentMember(await setChildPin(db, config, circlePolicy.manageMembers(ctx), params.userId, body.pin)),
    createClaimLink: async ({ params, ctx }) => createClaimLink(db, circlePolicy.manageMembers(ctx), params.userId),
    unlockMemberPin: async ({ params, ctx }) => presentMember(await unlockChildPin(db, circlePolicy.manageMembers(ctx), params.userId)),
    accept: async ({ params, ctx }) => presentMember(await circles.acceptMember(db, circlePolicy.acceptMember(ctx), params.userId)),
    setRole: async ({ params, body, ctx }) =>
      presentMember(await circles.setMemberRole(db, circlePolicy.manageMembers(ctx), params.userId, body.role)),
    setImpersonator: async ({ params, body, ctx }) =>
      presentMember(await circles.setMemberImpersonator(db, circlePolicy.manageMembers(ctx), params.userId, body.impersonator)),
    removeMember: async ({ params, ctx }) => circles.removeMember(db, circlePolicy.manageMembers(ctx), params.userId),
    memberPoints: async ({ params, query, ctx }) => {
      const reader = circlePolicy.viewPoints(ctx, params.userId);
      const page = await listPoints(db, reader, params.userId, query);
      return {
        member: page.member,
        entries: page.entries.map((entry) => presentPointsEntry(entry, page.choreNames)),
        nextCursor: page.nextCursor,
      };
    },
    adjustPoints: async ({ params, body, ctx }) => {
      const admin = circlePolicy.adjustPoints(ctx);
      const entry = await adjustPoints(db, admin, params.userId, body);
      // An adjustment names no chore.
      return { entry: presentPointsEntry(entry, new Map()), points: entry.balance };
    },
    waivePenalty: async ({ params, body, ctx }) => {
      const admin = circlePolicy.waivePenalty(ctx);
      const entry = await waivePenalty(db, admin, params, body);
      // The chore's name is on the penalty row the page already shows.
      return { entry: presentPointsEntry(entry, new Map()), points: entry.balance };
    },
    awayPeriods: async ({ ctx }) => ({
      periods: (await listAwayPeriods(db.prisma, circlePolicy.view(ctx).circle.id)).map(presentAwayPeriod),
    }),
    // Whose days one may set is decided with the period (services/away.ts).
    createAwayPeriod: async ({ body, ctx }) => presentAwayPeriod(await createAwayPeriod(db, circlePolicy.view(ctx), body)),
    deleteAwayPeriod: async ({ params, ctx }) => deleteAwayPeriod(db, circlePolicy.view(ctx), params.id),
    // Any member: the numbers count only the chores the reader (or the member viewed as) may see.
    statistics: async ({ query, ctx }) => presentStatistics(await circleStatistics(db, circlePolicy.view(ctx), query)),
    audit: async ({ query, ctx }) => {
      const admin = circlePolicy.readAudit(ctx);
      const page = await listAudit(db.prisma, admin.circle.id, normaliseAuditQuery(query));
      const hiddenChores = await choresHiddenFrom(db.prisma, admin, page.events);
      return { events: page.events.map((event) => presentAuditEvent(event, hiddenChores)), nextCursor: page.nextCursor };
    },
    impersonationSessions: async ({ query, ctx }) => {
      const admin = circlePolicy.readAudit(ctx);
      const page = await listImpersonationSessions(db, admin.circle.id, query);
      return { sessions: page.rows.map(presentSessionReview), nextCursor: page.nextCursor };
    },
    exportImpersonationSessions: async ({ query, ctx }) => {
      const admin = circlePolicy.readAudit(ctx);
      const rows = await exportImpersonationSessions(db, admin.circle, query);
      await recordSessionsExport(db, admin, query, rows.length);
      return {
        content: presentSessionsCsv(rows),
        headers: { "Content-Disposition": `attachment; filename="chorus-sessions-${query.from}-to-${query.to}.csv"` },
      };
    },
    exportData: async ({ ctx }) => {
      const admin = circlePolicy.exportCircle(ctx);
      const file = presentCircleExport(await readCircleRecords(db, admin.circle.id));
      await recordCircleExport(db, admin, "json");
      return {
        content: JSON.stringify(file),
        headers: { "Content-Disposition": `attachment; filename="${exportFileName(file.exportedAt)}.json"` },
      };
    },
    exportCsv: async ({ query, ctx }) => {
      const admin = circlePolicy.exportCircle(ctx);
      const file = presentCircleExport(await readCircleRecords(db, admin.circle.id));
      await recordCircleExport(db, admin, query.kind);
      return {
        content: presentCircleCsv(file, query.kind),
        headers: { "Content-Disposition": `attachment; filename="${exportFileName(file.exportedAt)}-${query.kind}.csv"` },
      };
    },
    importData: async ({ body, ctx }) => importCircle(db, circlePolicy.importCircle(ctx), body),
  } satisfies Partial<GroupHandlers<ChorusContract["circles"]>>;
}
