/**
 * The circle's statistics (docs/decisions/0029-statistics.md): completions and points per
 * member per week, on time or late, skips, missed occurrences, and the most done chores — counting only chores
 * the reader may see.
 */
import { z } from "zod";
import { MAX_STATISTICS_WEEKS } from "./limits";
import { formMessages } from "./messages";
import { idParamSchema, isoDateTimeSchema } from "./fields";

export { MAX_STATISTICS_WEEKS } from "./limits";

export const DEFAULT_STATISTICS_WEEKS = 8;

export const statisticsQuerySchema = z.strictObject({
  /** How many weeks, this one included, in the circle's time zone. */
  weeks: z
    .string()
    .regex(/^[1-9][0-9]?$/, formMessages.weeksRange)
    .transform(Number)
    .pipe(z.int().max(MAX_STATISTICS_WEEKS, formMessages.weeksRange))
    .optional(),
  /** Only this member's numbers (and their top chores). */
  memberId: idParamSchema.optional(),
});
export type StatisticsQuery = z.input<typeof statisticsQuerySchema>;

/** One member's week. `completed` = `onTime` + `late`; late means done after the occurrence's due time. */
export const statisticsWeekSchema = z.object({
  /** The Monday the week starts on, in the circle's time zone (YYYY-MM-DD). */
  weekStart: z.iso.date(),
  completed: z.number(),
  onTime: z.number(),
  late: z.number(),
  skipped: z.number(),
  /** Occurrences that passed undone (decision 0031), in the week they were missed. */
  missed: z.number(),
  /** Net points from chores: earned, less undone and chore penalties, in the week of the completion. */
  points: z.number(),
});
export type StatisticsWeek = z.infer<typeof statisticsWeekSchema>;

export const statisticsSchema = z.object({
  timezone: z.string(),
  /** Oldest first; every member has one entry per week, zeros included. */
  weekStarts: z.array(z.iso.date()),
  /** From the start of the oldest week up to when the numbers were read. */
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  members: z.array(
    z.object({
      userId: z.number(),
      displayName: z.string(),
      weeks: z.array(statisticsWeekSchema),
    }),
  ),
  /** The most completed chores in the range, most first (at most 5). */
  topChores: z.array(z.object({ choreId: z.number(), name: z.string(), completions: z.number() })),
});
export type Statistics = z.infer<typeof statisticsSchema>;
