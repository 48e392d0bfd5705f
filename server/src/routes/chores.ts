import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { chorePolicy } from "../policies/chores";
import { presentChore, presentHistoryEntry } from "../presenters/chores";
import { completeChore, runTimer, skipChore, undoLastOutcome } from "../services/chores/actions";
import { createChore, deleteChore, getChore, listChoreRows, updateChore } from "../services/chores/crud";
import { listHistory } from "../services/chores/history";
import { checkTimerRate } from "../services/rateLimits";

export function choreHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["chores"]> {
  const timer = (action: "started" | "paused") => async ({ params, ctx }: { params: { id: number }; ctx: Parameters<typeof chorePolicy.inCircle>[0] }) => {
    const inCircle = chorePolicy.inCircle(ctx);
    await checkTimerRate(db, inCircle);
    return presentChore(await runTimer(db, inCircle, params.id, action));
  };
  return {
    list: async ({ query, ctx }) => ({ chores: (await listChoreRows(db, chorePolicy.inCircle(ctx), query)).map(presentChore) }),
    create: async ({ body, ctx }) => presentChore(await createChore(db, chorePolicy.inCircle(ctx), body)),
    get: async ({ params, ctx }) => presentChore(await getChore(db, chorePolicy.inCircle(ctx), params.id)),
    update: async ({ params, body, ctx }) => presentChore(await updateChore(db, chorePolicy.inCircle(ctx), params.id, body)),
    remove: async ({ params, ctx }) => deleteChore(db, chorePolicy.inCircle(ctx), params.id),
    do: async ({ params, body, ctx }) => presentChore(await completeChore(db, chorePolicy.inCircle(ctx), params.id, body)),
    skip: async ({ params, body, ctx }) => presentChore(await skipChore(db, chorePolicy.inCircle(ctx), params.id, body)),
    undo: async ({ params, ctx }) => presentChore(await undoLastOutcome(db, chorePolicy.inCircle(ctx), params.id)),
    start: timer("started"),
    pause: timer("paused"),
    history: async ({ params, query, ctx }) => {
      const { history, nextCursor } = await listHistory(db, chorePolicy.inCircle(ctx), params.id, query);
      return { history: history.map(presentHistoryEntry), nextCursor };
    },
  };
}
