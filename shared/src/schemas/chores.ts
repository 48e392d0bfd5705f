import { z } from "zod";
import { MAX_CHECKLIST_ITEMS, MAX_CHECKLIST_ITEM_LENGTH, MAX_PENALTY_POINTS } from "./limits";
import { formMessages } from "./messages";
import { MAX_ID, idParamSchema, isoDateTimeSchema, pageCursorQuery, pageLimitQuery, userIdSchema } from "./fields";
import { historyPhotoSchema, photoIdSchema } from "./photos";
import { choreApprovalStateSchema } from "./approvals";

export { MAX_CHECKLIST_ITEMS, MAX_CHECKLIST_ITEM_LENGTH, MAX_PENALTY_POINTS } from "./limits";

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.int().min(1, formMessages.weekdayRange).max(7, formMessages.weekdayRange);

export const frequencySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("once") }),
  z.strictObject({ type: z.literal("daily") }),
  z.strictObject({
    type: z.literal("weekly"),
    weekdays: z
      .array(weekdaySchema)
      .min(1, formMessages.weekdaysEmpty)
      .max(7)
      .refine((days) => new Set(days).size === days.length, formMessages.weekdaysRepeated),
  }),
  z.strictObject({
    type: z.literal("monthly"),
    /** 29-31 fall back to the month's last day in shorter months. */
    dayOfMonth: z.int().min(1, formMessages.dayOfMonthRange).max(31, formMessages.dayOfMonthRange),
  }),
  /** Every year on the month and day of the schedule's anchor (29 Feb → 28 Feb in common years). */
  z.strictObject({ type: z.literal("yearly") }),
  z.strictObject({
    type: z.literal("interval"),
    every: z.int().min(1, formMessages.intervalMin).max(366, formMessages.intervalMax),
    unit: z.enum(["days", "weeks", "months"]),
  }),
]);
export type Frequency = z.infer<typeof frequencySchema>;
export type FrequencyType = Frequency["type"];

export const scheduleModeSchema = z.enum(["rolling", "fixed"]);
export type ScheduleMode = z.infer<typeof scheduleModeSchema>;

export const assignmentStrategySchema = z.enum(["round_robin", "least_completed", "random", "keep"]);
export type AssignmentStrategy = z.infer<typeof assignmentStrategySchema>;

/**
 * How a chore is shared (decision 0035): `rotation`, one current assignee at a time, passed on by
 * the strategy; `everyone`, each assignee does their own part of every occurrence; `anyone`, an
 * open pool: the first assignee to claim or do it has it.
 */
export const assignmentModeSchema = z.enum(["rotation", "everyone", "anyone"]);
export type AssignmentMode = z.infer<typeof assignmentModeSchema>;

/** One assignee's part of an *everyone* chore's current occurrence. */
/** `away`: still open, but its member is away at the due time (or the circle paused), so it holds nobody back. */
export const chorePartSchema = z.object({ userId: z.number(), state: z.enum(["open", "done", "skipped", "away"]) });
export type ChorePart = z.infer<typeof chorePartSchema>;

export const choreStatusSchema = z.enum(["idle", "in_progress", "paused"]);
export type ChoreStatus = z.infer<typeof choreStatusSchema>;

export const historyActionSchema = z.enum(["completed", "skipped", "started", "paused", "missed"]);
export type HistoryAction = z.infer<typeof historyActionSchema>;

export const choreNameSchema = z.string().max(100, formMessages.choreNameMax).regex(/\S/, formMessages.nameBlank);

export const labelSchema = z
  .string()
  .min(1, formMessages.labelEmpty)
  .max(32, formMessages.labelMax)
  .regex(/^\S(.*\S)?$/, formMessages.labelSpaces);

/** The largest penalty and the longest grace period a mandatory chore may have (decision 0028). */
export const MAX_PENALTY_GRACE_MINUTES = 7 * 24 * 60;

/**
 * A mandatory chore's penalty: `points` are taken from the assignee when an occurrence is
 * still neither done nor skipped `graceMinutes` after its due time. Null: not mandatory.
 */
export const chorePenaltySchema = z.strictObject({
  points: z.int(formMessages.penaltyWhole).min(1, formMessages.penaltyRange).max(MAX_PENALTY_POINTS, formMessages.penaltyRange),
  graceMinutes: z.int(formMessages.graceWhole).min(0, formMessages.graceNegative).max(MAX_PENALTY_GRACE_MINUTES, formMessages.graceMax),
});
export type ChorePenalty = z.infer<typeof chorePenaltySchema>;

/** A calendar month: 1 = January … 12 = December. */
export const monthSchema = z.int(formMessages.monthWhole).min(1, formMessages.monthRange).max(12, formMessages.monthRange);

/**
 * The months a repeating chore is scheduled in (decision 0033): any set, so a season may wrap
 * the year (October–March) or have gaps. Outside them the chore is not due; its schedule moves
 * on to the rule's next date inside them. Null: all year. Answers list the months ascending,
 * and null for all twelve.
 */
export const activeMonthsSchema = z
  .array(monthSchema)
  .min(1, formMessages.monthsEmpty)
  .max(12)
  .refine((months) => new Set(months).size === months.length, formMessages.monthsRepeated)
  .nullable();
export type ActiveMonths = z.infer<typeof activeMonthsSchema>;

export const checklistItemTextSchema = z
  .string()
  .max(MAX_CHECKLIST_ITEM_LENGTH, formMessages.checklistItemMax)
  .regex(/\S/, formMessages.checklistItemBlank);

/**
 * The whole checklist, in order, as a chore edit sends it: an item with `id` keeps its ticks
 * (renamed or moved), one without is new, and an item left out is removed with its ticks.
 */
export const checklistEditSchema = z
  .array(z.strictObject({ id: z.int().positive().max(MAX_ID, formMessages.idRange).optional(), text: checklistItemTextSchema }))
  .max(MAX_CHECKLIST_ITEMS, formMessages.checklistMax)
  .refine((items) => {
    const ids = items.flatMap(({ id }) => (id === undefined ? [] : [id]));
    return new Set(ids).size === ids.length;
  }, formMessages.checklistRepeated);
export type ChecklistEdit = z.infer<typeof checklistEditSchema>;

/** The longest completion window (decision 0031): 31 days, in minutes. */
export const MAX_COMPLETION_WINDOW_MINUTES = 31 * 24 * 60;

/**
 * How long after its due time an occurrence may still be done before it counts as missed
 * (decision 0031). Null: until the next occurrence is due (a one-off chore is then never missed).
 */
export const completionWindowSchema = z
  .int(formMessages.completionWindowWhole)
  .min(1, formMessages.completionWindowMin)
  .max(MAX_COMPLETION_WINDOW_MINUTES, formMessages.completionWindowMax);

const choreFields = {
  name: choreNameSchema,
  description: z.string().max(2000, formMessages.descriptionMax),
  frequency: frequencySchema,
  scheduleMode: scheduleModeSchema,
  nextDueDate: isoDateTimeSchema.nullable(),
  assignees: z
    .array(userIdSchema)
    .max(50, formMessages.assigneesMax)
    .refine((ids) => new Set(ids).size === ids.length, formMessages.assigneesRepeated),
  assignedTo: userIdSchema.nullable(),
  assignmentStrategy: assignmentStrategySchema,
  assignmentMode: assignmentModeSchema,
  /** Only the current assignee (rotation) or the claimer (anyone) may complete it (decision 0035). */
  onlyAssigneeCompletes: z.boolean(),
  points: z.int().min(0, formMessages.pointsRange).max(10000, formMessages.pointsRange),
  priority: z.int().min(0, formMessages.priorityRange).max(4, formMessages.priorityRange),
  labels: z
    .array(labelSchema)
    .max(20, formMessages.labelsMax)
    .refine((labels) => new Set(labels).size === labels.length, formMessages.labelsRepeated),
  isPrivate: z.boolean(),
  penalty: chorePenaltySchema.nullable(),
  completionWindowMinutes: completionWindowSchema.nullable(),
  /** A completion must attach a photo (decision 0030). */
  photoRequired: z.boolean(),
  /** A member's completion waits for an admin or manager (decision 0027). */
  needsApproval: z.boolean(),
  activeMonths: activeMonthsSchema,
  checklist: checklistEditSchema,
  /** Every checklist item must be ticked for the occurrence before it is done (decision 0032). */
  checklistRequired: z.boolean(),
};

/**
 * Creating a chore: only `name` is required. Defaults: frequency once, fixed schedule, no
 * due date, assignees = the person the chore is created for, strategy keep, 0 points,
 * priority 0, no labels, not private, no approval needed, all year.
 */
export const createChoreRequestSchema = z.strictObject({
  name: choreFields.name,
  description: choreFields.description.optional(),
  frequency: choreFields.frequency.optional(),
  scheduleMode: choreFields.scheduleMode.optional(),
  nextDueDate: choreFields.nextDueDate.optional(),
  assignees: choreFields.assignees.optional(),
  assignedTo: choreFields.assignedTo.optional(),
  assignmentStrategy: choreFields.assignmentStrategy.optional(),
  assignmentMode: choreFields.assignmentMode.optional(),
  onlyAssigneeCompletes: choreFields.onlyAssigneeCompletes.optional(),
  points: choreFields.points.optional(),
  priority: choreFields.priority.optional(),
  labels: choreFields.labels.optional(),
  isPrivate: choreFields.isPrivate.optional(),
  penalty: choreFields.penalty.optional(),
  completionWindowMinutes: choreFields.completionWindowMinutes.optional(),
  photoRequired: choreFields.photoRequired.optional(),
  needsApproval: choreFields.needsApproval.optional(),
  activeMonths: choreFields.activeMonths.optional(),
  checklist: choreFields.checklist.optional(),
  checklistRequired: choreFields.checklistRequired.optional(),
});
export type CreateChoreRequest = z.infer<typeof createChoreRequestSchema>;

/** PUT /chores/:id changes the fields it names and leaves the rest. */
export const updateChoreRequestSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(choreFields).map(([key, schema]) => [key, schema.optional()])),
    archived: z.boolean().optional(),
  } as { [K in keyof typeof choreFields]: z.ZodOptional<(typeof choreFields)[K]> } & {
    archived: z.ZodOptional<z.ZodBoolean>;
  })
  .refine((body) => Object.keys(body).length > 0, formMessages.choreChangeEmpty);
export type UpdateChoreRequest = z.infer<typeof updateChoreRequestSchema>;

const noteSchema = z.string().max(1000, formMessages.choreNoteMax);

/**
 * `dueDate`, when sent, is the occurrence the client saw: if the chore has moved on
 * (someone else completed it meanwhile) the server answers 409 stale_occurrence instead
 * of silently completing the next one. The current occurrence (see the chore's
 * `currentFrom`) can be resolved without naming it; the one after it ("early") must be
 * named, and is refused with 409 not_due_yet when the chore is already one occurrence ahead.
 */
export const doChoreRequestSchema = z.strictObject({
  note: noteSchema.optional(),
  completedAt: isoDateTimeSchema.optional(),
  dueDate: isoDateTimeSchema.nullable().optional(),
  /** A photo uploaded for this chore (POST /chores/:id/photos); required when the chore's `photoRequired`. */
  photoId: photoIdSchema.optional(),
});
export type DoChoreRequest = z.infer<typeof doChoreRequestSchema>;

export const skipChoreRequestSchema = z.strictObject({
  note: noteSchema.optional(),
  dueDate: isoDateTimeSchema.nullable().optional(),
  /** An *everyone* chore: skip the whole occurrence, every open part (admins and managers); otherwise one's own part. */
  whole: z.boolean().optional(),
});
export type SkipChoreRequest = z.infer<typeof skipChoreRequestSchema>;

export const timerRequestSchema = z.strictObject({});

/** POST /chores/:id/claim and /release have no options: they act for the request's member. */
export const claimChoreRequestSchema = z.strictObject({});

/** POST /chores/:id/undo takes back the chore's latest do or skip; it has no options. */
export const undoChoreRequestSchema = z.strictObject({});

export const choreListQuerySchema = z.strictObject({
  assignedTo: z.union([z.literal("me"), idParamSchema], "assignedTo is 'me' or a user id").optional(),
  includeArchived: z.enum(["true", "false"]).optional(),
  /** `now`: only chores whose current occurrence's due time has passed and that still wait to be done (for scripts and sensors). */
  due: z.literal("now", "due is 'now'").optional(),
});
/** What clients send: assignedTo is "me" or a user id, which may be given as a number (the SDK turns it into a string). */
export type ChoreListQuery = Omit<z.input<typeof choreListQuerySchema>, "assignedTo"> & { assignedTo?: number | string };

/**
 * What the caller, with the same credential and acting selection, may do with this chore:
 * the server's policy and the endpoints' declared access, so clients never re-derive them.
 * While impersonating, only `canAct` can be true (editing and deleting refuse impersonation).
 */
export const choreAbilitiesSchema = z.object({
  /** Do, skip, undo, start and pause. */
  canAct: z.boolean(),
  /**
   * Done would be accepted for the caller's member now: `canAct`, and an everyone chore's own part
   * still open, and `onlyAssigneeCompletes` met (decision 0035).
   */
  canComplete: z.boolean(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  /** An everyone chore's whole occurrence the caller may skip, every open part at once (`{whole: true}`; admins and managers). */
  canSkipWhole: z.boolean(),
  /** An unclaimed anyone chore the caller's member may claim (decision 0035). */
  canClaim: z.boolean(),
  /** A claimed anyone chore whose claim the caller may release: the claimer, an admin or a manager. */
  canRelease: z.boolean(),
});
export type ChoreAbilities = z.infer<typeof choreAbilitiesSchema>;

/** Who ticked a checklist item for the current occurrence, and when (decision 0032). */
export const checklistTickSchema = z.object({
  tickedBy: z.number(),
  performedAs: z.number(),
  tickedAt: isoDateTimeSchema,
});

/** A checklist item with its tick for the chore's current occurrence (null: not ticked yet). */
export const checklistItemSchema = z.object({ id: z.number(), text: z.string(), tick: checklistTickSchema.nullable() });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/**
 * PUT /chores/:id/checklist/:itemId ticks (or unticks) an item for the current occurrence;
 * `dueDate`, when sent, is the occurrence the client saw (409 stale_occurrence once it moved on).
 */
export const tickChecklistItemRequestSchema = z.strictObject({
  ticked: z.boolean(),
  dueDate: isoDateTimeSchema.nullable().optional(),
});
export type TickChecklistItemRequest = z.infer<typeof tickChecklistItemRequestSchema>;

export const choreSchema = z.object({
  id: z.number(),
  circleId: z.number(),
  name: z.string(),
  description: z.string(),
  frequency: frequencySchema,
  scheduleMode: scheduleModeSchema,
  nextDueDate: isoDateTimeSchema.nullable(),
  /**
   * From when the occurrence at `nextDueDate` is current, so do and skip need no
   * `dueDate` and are not early (docs/decisions/0007); null: current since the chore was
   * created or its schedule last edited. Before it the current occurrence is already done
   * and resolving this one is early: clients ask first, and send `dueDate`.
   */
  currentFrom: isoDateTimeSchema.nullable(),
  /** From when this occurrence may be done early at all; before it, do and skip are refused (409 not_due_yet). */
  earlyFrom: isoDateTimeSchema.nullable(),
  assignees: z.array(z.number()),
  /** Rotation: the current assignee; anyone: who claimed it (null: open to every assignee); everyone: null. */
  assignedTo: z.number().nullable(),
  assignmentStrategy: assignmentStrategySchema,
  assignmentMode: assignmentModeSchema,
  onlyAssigneeCompletes: z.boolean(),
  /** An *everyone* chore: each assignee's part of the current occurrence, in assignee order; null in the other modes. */
  parts: z.array(chorePartSchema).nullable(),
  points: z.number(),
  priority: z.number(),
  labels: z.array(z.string()),
  isPrivate: z.boolean(),
  /** Set on a mandatory chore (decision 0028). */
  penalty: chorePenaltySchema.nullable(),
  /** Minutes after the due time an occurrence may still be done before it is missed; null: until the next is due (0031). */
  completionWindowMinutes: z.number().nullable(),
  photoRequired: z.boolean(),
  status: choreStatusSchema,
  timerSeconds: z.number(),
  timerRunningSince: isoDateTimeSchema.nullable(),
  archived: z.boolean(),
  finishedAt: isoDateTimeSchema.nullable(),
  /** Ascending; null: all year (decision 0033). */
  activeMonths: z.array(z.number()).nullable(),
  needsApproval: z.boolean(),
  /** The current occurrence's approval: waiting, or rejected with a note; null otherwise (decision 0027). */
  approval: choreApprovalStateSchema.nullable(),
  /** In order, ticked for the occurrence at `nextDueDate`; a new occurrence starts unticked. */
  checklist: z.array(checklistItemSchema),
  checklistRequired: z.boolean(),
  version: z.number(),
  createdBy: z.number(),
  updatedBy: z.number(),
  performedAs: z.number(),
  /** The shared tablet the last action came through, or null. */
  viaDeviceId: z.number().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  abilities: choreAbilitiesSchema,
});
export type Chore = z.infer<typeof choreSchema>;

export const choreListSchema = z.object({ chores: z.array(choreSchema) });

export const historyEntrySchema = z.object({
  id: z.number(),
  choreId: z.number(),
  action: historyActionSchema,
  updatedBy: z.number(),
  performedAs: z.number(),
  /** The shared tablet the action came through ("via Kitchen tablet for Alex"), or null. */
  viaDevice: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Who approved this completion, when it needed approval (decision 0027); else null. */
  approvedBy: z.number().nullable(),
  note: z.string().nullable(),
  points: z.number(),
  dueDate: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
  photo: historyPhotoSchema.nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/**
 * History comes newest first, a page at a time; `before` is the `nextCursor` of the page
 * before (opaque: it encodes the position in time order, not just an id).
 */
export const historyQuerySchema = z.strictObject({
  before: pageCursorQuery,
  limit: pageLimitQuery(200),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;

export const historyListSchema = z.object({ history: z.array(historyEntrySchema), nextCursor: z.string().nullable() });
export type HistoryPage = z.infer<typeof historyListSchema>;
