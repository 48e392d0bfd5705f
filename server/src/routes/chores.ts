import type { ChorusContract } from "@chorus/shared";
import type { ActingContext, CircleContext } from "../context";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { chorePolicy } from "../policies/chores";
import { presentChore, presentHistoryEntry } from "../presenters/chores";
import { completeChore, runTimer, skipChore, undoLastOutcome } from "../services/chores/actions";
import { createChore, deleteChore, getChore, listChoreRows, updateChore } from "../services/chores/crud";
import { listHistory } from "../services/chores/history";
import type { ChoreJson, ChoreWithAssignees } from "../domain";
import { checkTimerRate } from "../services/rateLimits";
import { mayViewPhoto } from "../services/photos";

/** A chore presented with the abilities of the caller in `ctx`. */
export const presentFor = (ctx: CircleContext) => (chore: ChoreWithAssignees | ChoreJson) =>
  presentChore(chore, chorePolicy.abilities(ctx, chore));

/** Runs `work` in the caller's circle and presents the chore it returns. */
async function presented(ctx: ActingContext, work: (inCircle: CircleContext) => Promise<ChoreWithAssignees>) {
  const inCircle = chorePolicy.inCircle(ctx);
  return presentFor(inCircle)(await work(inCircle));
}

export function choreHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["chores"]> {
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
      return { chores: (await listChoreRows(db, inCircle, query)).map(presentFor(inCircle)) };
    },
    create: ({ body, ctx }) => presented(ctx, (inCircle) => createChore(db, inCircle, body)),
    get: ({ params, ctx }) => presented(ctx, (inCircle) => getChore(db, inCircle, params.id)),
    update: ({ params, body, ctx }) => presented(ctx, (inCircle) => updateChore(db, inCircle, params.id, body)),
    remove: async ({ params, ctx }) => deleteChore(db, chorePolicy.inCircle(ctx), params.id),
    do: ({ params, body, ctx }) => presented(ctx, (inCircle) => completeChore(db, inCircle, params.id, body)),
    skip: ({ params, body, ctx }) => presented(ctx, (inCircle) => skipChore(db, inCircle, params.id, body)),
    undo: ({ params, ctx }) => presented(ctx, (inCircle) => undoLastOutcome(db, inCircle, params.id)),
    start: timer("started"),
    pause: timer("paused"),
    history: async ({ params, query, ctx }) => {
      const inCircle = chorePolicy.inCircle(ctx);
      const { history, nextCursor } = await listHistory(db, inCircle, params.id, query);
      const canSeePhoto = (photo: { forUserId: number }) => mayViewPhoto(inCircle, photo);
      return { history: history.map((entry) => presentHistoryEntry(entry, canSeePhoto)), nextCursor };
    },
  };
}
