import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { circlePolicy } from "../policies/circle";
import { presentCalendar } from "../presenters/calendar";
import { circleCalendar } from "../services/calendar";

/** The calendar view (decision 0036). */
export function calendarHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["calendar"]> {
  return {
    get: async ({ query, ctx }) => presentCalendar(await circleCalendar(db, circlePolicy.view(ctx), query)),
  };
}
