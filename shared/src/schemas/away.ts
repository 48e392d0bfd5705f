/**
 * Away mode (docs/decisions/0034-away-mode.md): days a member is away, or the whole circle
 * is paused (holidays). While it lasts their chores are not due for them, rotation passes
 * them over, reminders pause and penalties do not apply.
 */
import { z } from "zod";
import { AWAY_MAX_DAYS } from "./limits";
import { formMessages } from "./messages";
import { isoDateTimeSchema, userIdSchema } from "./fields";

export { AWAY_MAX_DAYS } from "./limits";

/** How far ahead (days from today) a period may start. */
export const AWAY_MAX_LEAD_DAYS = 730;
/** Periods not yet over that one member (or the circle's pause) may have at a time. */
export const AWAY_MAX_PERIODS = 20;

const awayDaySchema = z.iso.date(formMessages.awayDayFormat);
/** The range check needs both days well-formed; a bad day is reported on its own field only. */
const whenDaysValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const awayPeriodSchema = z.object({
  id: z.number(),
  /** Null: the whole circle is paused. */
  member: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  /** The first and last away day, inclusive, in the circle's time zone (YYYY-MM-DD). */
  startsOn: z.string(),
  endsOn: z.string(),
  /** When those days begin and end, as instants. */
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
});
export type AwayPeriod = z.infer<typeof awayPeriodSchema>;

/** Periods not yet over, soonest first. */
export const awayPeriodListSchema = z.object({ periods: z.array(awayPeriodSchema) });
export type AwayPeriodList = z.infer<typeof awayPeriodListSchema>;

export const createAwayPeriodRequestSchema = z
  .strictObject({
    /** Whose away days: a member, or null for a circle-wide pause (admins). */
    userId: userIdSchema.nullable(),
    startsOn: awayDaySchema,
    endsOn: awayDaySchema,
  })
  .refine(({ startsOn, endsOn }) => startsOn <= endsOn, {
    message: formMessages.awayEndBeforeStart,
    path: ["endsOn"],
    ...whenDaysValid,
  })
  .refine(({ startsOn, endsOn }) => (Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000 < AWAY_MAX_DAYS, {
    message: formMessages.awayTooLong,
    path: ["endsOn"],
    ...whenDaysValid,
  });
export type CreateAwayPeriodRequest = z.input<typeof createAwayPeriodRequestSchema>;
