/**
 * The calendar view (docs/decisions/0036-calendar-view.md): a range of days in the circle's
 * time zone, with the occurrences projected from each chore's schedule ahead and those
 * recorded in its history (done, skipped, missed) behind.
 */
import { z } from "zod";
import { MAX_CALENDAR_DAYS } from "./limits";
import { formMessages } from "./messages";
import { idParamSchema, isoDateTimeSchema } from "./fields";

export { MAX_CALENDAR_DAYS } from "./limits";

export const DEFAULT_LOCALE = "en-US";

function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** A BCP 47 language tag ("en-GB", "de-DE", "ar-EG"), stored in its canonical spelling. */
export const localeSchema = z
  .string()
  .max(35, formMessages.localeMax)
  .refine((tag) => canonicalLocale(tag) !== null, formMessages.localeUnknown)
  .transform((tag) => canonicalLocale(tag)!);

/** `me`, a member's user id, or `everyone` (the chores the reader may see). */
export const calendarMemberSchema = z.union([z.literal("me"), z.literal("everyone"), idParamSchema]);
export type CalendarMember = z.output<typeof calendarMemberSchema>;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export const calendarQuerySchema = z
  .strictObject({
    /** First and last day shown (inclusive), in the circle's time zone. */
    from: z.iso.date(formMessages.calendarDayFormat),
    to: z.iso.date(formMessages.calendarDayFormat),
    member: calendarMemberSchema.optional(),
  })
  .superRefine((query, issues) => {
    const days = dayNumber(query.to) - dayNumber(query.from) + 1;
    if (days < 1) issues.addIssue({ code: "custom", path: ["to"], message: formMessages.calendarEndBeforeStart });
    else if (days > MAX_CALENDAR_DAYS) issues.addIssue({ code: "custom", path: ["to"], message: formMessages.calendarTooLong });
  });
export type CalendarQuery = z.input<typeof calendarQuerySchema>;

export const calendarStateSchema = z.enum(["upcoming", "overdue", "done", "skipped", "missed"]);
export type CalendarState = z.infer<typeof calendarStateSchema>;

const personSchema = z.object({ userId: z.number(), displayName: z.string() });

export const calendarOccurrenceSchema = z.object({
  choreId: z.number(),
  choreName: z.string(),
  /** When it is placed: its due time (for an undated one-off done, when it was done). */
  at: isoDateTimeSchema,
  /** `at`'s day in the circle's time zone (YYYY-MM-DD). */
  day: z.iso.date(),
  state: calendarStateSchema,
  /**
   * Whose occurrence it is: the member it was done, skipped or missed for; ahead, the current
   * assignee for the next one. Null when nobody is assigned, or when it `rotates`.
   */
  member: personSchema.nullable(),
  /** Ahead only: a rotating chore's later occurrence, whose assignee is decided when the one before is done. */
  rotates: z.boolean(),
  /**
   * Ahead only: a shared chore's occurrence (decision 0035) — every assignee does their part
   * (`everyone`) or the first to claim it has it (`anyone`); in a member's calendar it is theirs.
   */
  shared: z.enum(["everyone", "anyone"]).nullable(),
  /** Ahead only: its assignee is away (or the circle paused) then, so it is not due for them (decision 0034). */
  away: z.boolean(),
  /** Done or skipped: who did it (differs from `member` when done for them) and when. */
  doneBy: personSchema.nullable(),
  doneAt: isoDateTimeSchema.nullable(),
});
export type CalendarOccurrence = z.infer<typeof calendarOccurrenceSchema>;

export const calendarSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timezone: z.string(),
  locale: z.string(),
  /** The locale's first day of the week, ISO weekday 1 (Monday) … 7 (Sunday). */
  weekStart: z.int().min(1).max(7),
  /** Whose calendar: a member's user id, or everyone. */
  member: z.union([z.number(), z.literal("everyone")]),
  /** Ordered by `at`, then chore. */
  occurrences: z.array(calendarOccurrenceSchema),
});
export type Calendar = z.infer<typeof calendarSchema>;
