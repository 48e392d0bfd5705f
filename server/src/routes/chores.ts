import type { Chore, ChorusContract } from "@chorus/shared";
import type { ActingContext, CircleContext } from "../context";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { chorePolicy } from "../policies/chores";
import { photoPolicy } from "../policies/photos";
import { presentChore, presentHistoryEntry } from "../presenters/chores";
import { completeChore, runTimer, skipChore, undoLastOutcome } from "../services/chores/actions";
import { createChore, deleteChore, getChore, listChoreRows, updateChore } from "../services/chores/crud";
import { listHistory } from "../services/chores/history";
import type { ChoreJson, ChoreWithAssignees } from "../domain";
import { checkTimerRate } from "../services/rateLimits";
import { loadChecklists, tickChecklistItem } from "../services/chores/checklist";
import { loadAwayAssignees, loadResolvedParts } from "../services/chores/records";
import { claimChore, releaseChore } from "../services/chores/claims";
import type { Database } from "../db/database";

/**
 * Chores presented with the abilities of the caller in `ctx`, their checklists and (everyone
 * chores) their parts. The list and every action read chores with these in the same statement
 * (choreJsonColumns); only chores read otherwise cost one statement more each.
 */
export async function presentChores(db: Database, ctx: CircleContext, chores: (ChoreWithAssignees | ChoreJson)[]): Promise<Chore[]> {
  const unread = chores.filter((chore) => chore.checklist === undefined).map(({ id }) => id);
  const checklists = await loadChecklists(db, unread);
  const partsUnread = chores
    .filter((chore) => chore.resolvedParts === undefined && chore.assignmentMode === "everyone")
    .map(({ id }) => id);
  const [parts, away] = await Promise.all([loadResolvedParts(db.prisma, partsUnread), loadAwayAssignees(db.prisma, partsUnread)]);
  return chores.map((chore) => {
    const everyone = chore.assignmentMode === "everyone";
    const resolvedParts = everyone ? (chore.resolvedParts ?? parts.get(chore.id) ?? []) : null;
    return presentChore(chore, chorePolicy.abilities(ctx, chore, resolvedParts), {
      checklist: chore.checklist ?? checklists.get(chore.id) ?? [],
      resolvedParts,
      awayAssignees: everyone ? (chore.awayAssignees ?? away.get(chore.id) ?? []) : [],
    });
  });
}

export function choreHandlers({ db, notices }: AppDeps): GroupHandlers<ChorusContract["chores"]> {
  /** Runs `work` in the caller's circle and presents the chore it returns. */
  async function presented(ctx: ActingContext, work: (inCircle: CircleContext) => Promise<ChoreWithAssignees>) {
    const inCircle = chorePolicy.inCircle(ctx);
    const [chore] = await presentChores(db, inCircle, [await work(inCircle)]);
    return chore!;
  }
  const timer =
    (action: "started" | "paused") =>
    ({ params, ctx }: { params: { id: number }; ctx: ActingContext }) =>
      presented(ctx, async (inCircle) => {
        await checkTimerRate(db, inCircle);
        return runTimer(db, inCircle, params.id, action);
      });
  return {
    list: async ({ query, ctx }) => {
      const inCircle = chorePolicy.inCircle(ctx);
      return { chores: await presentChores(db, inCircle, await listChoreRows(db, inCircle, query)) };
    },
    create: ({ body, ctx }) => presented(ctx, (inCircle) => createChore(db, inCircle, body)),
    get: ({ params, ctx }) => presented(ctx, (inCircle) => getChore(db, inCircle, params.id)),
    update: ({ params, body, ctx }) => presented(ctx, (inCircle) => updateChore(db, inCircle, params.id, body)),
    remove: async ({ params, ctx }) => deleteChore(db, chorePolicy.inCircle(ctx), params.id),
    do: ({ params, body, ctx }) =>
      presented(ctx, async (inCircle) => {
        const chore = await completeChore(db, inCircle, params.id, body);
        // Committed and waiting for approval: the admins' and managers' notices can go (decision 0039).
        if (chore.pendingApprovalId !== null) notices.sendSoon();
        return chore;
      }),
    skip: ({ params, body, ctx }) => presented(ctx, (inCircle) => skipChore(db, inCircle, params.id, body)),
    claim: ({ params, ctx }) => presented(ctx, (inCircle) => claimChore(db, inCircle, params.id)),
    release: ({ params, ctx }) => presented(ctx, (inCircle) => releaseChore(db, inCircle, params.id)),
    tick: ({ params, body, ctx }) => presented(ctx, (inCircle) => tickChecklistItem(db, inCircle, params.id, params.itemId, body)),
    undo: ({ params, ctx }) => presented(ctx, (inCircle) => undoLastOutcome(db, inCircle, params.id)),
    start: timer("started"),
    pause: timer("paused"),
    history: async ({ params, query, ctx }) => {
      const inCircle = chorePolicy.inCircle(ctx);
      const { history, nextCursor } = await listHistory(db, inCircle, params.id, query);
      const canSeePhoto = (photo: { forUserId: number }) => photoPolicy.mayView(inCircle, photo);
      return { history: history.map((entry) => presentHistoryEntry(entry, canSeePhoto)), nextCursor };
    },
  };
}
