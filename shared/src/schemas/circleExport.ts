/**
 * A circle's export (decision 0042): everything a household would miss on another
 * instance, in one versioned JSON document. Rows name each other by `ref`, the id they had
 * where they were exported; an import gives them new ids. The import endpoint takes this
 * same schema, so a foreign or newer file is a 400 naming the field.
 */
import { z } from "zod";
import { CIRCLE_EXPORT_VERSION } from "./limits";
import { formMessages } from "./messages";
import { membershipStatusSchema, roleSchema, timezoneSchema, usernameSchema } from "./fields";
import { localeSchema } from "./calendar";
import {
  assignmentModeSchema,
  assignmentStrategySchema,
  choreStatusSchema,
  frequencySchema,
  historyActionSchema,
  scheduleModeSchema,
} from "./chores";
import { pointsKindSchema } from "./points";

export { CIRCLE_EXPORT_VERSION } from "./limits";

export const CIRCLE_EXPORT_FORMAT = "chorus-circle-export";

const ref = z.int().positive();
const when = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);
/** Bounds each list so a file cannot ask the server to build millions of rows. */
const list = <T extends z.ZodType>(item: T, max = 100_000) => z.array(item).max(max);

export const exportedPersonSchema = z.strictObject({
  ref,
  username: usernameSchema,
  displayName: text(200),
  email: text(254).nullable(),
  phone: text(32).nullable(),
  // Checked as where they were made: a zone this server does not know would break every schedule.
  timezone: timezoneSchema,
  /** Null for someone the circle's records name who is no longer in it (a former member). */
  membership: z
    .strictObject({ role: roleSchema, status: membershipStatusSchema, impersonator: z.boolean(), points: z.int(), joinedAt: when })
    .nullable(),
});

export const exportedChoreSchema = z.strictObject({
  ref,
  name: text(100),
  description: text(5000),
  frequency: frequencySchema,
  scheduleMode: scheduleModeSchema,
  nextDueDate: when.nullable(),
  scheduleAnchor: when.nullable(),
  currentFrom: when.nullable(),
  earlyFrom: when.nullable(),
  assignedTo: ref.nullable(),
  assignees: list(ref, 1000),
  assignmentStrategy: assignmentStrategySchema,
  assignmentMode: assignmentModeSchema,
  onlyAssigneeCompletes: z.boolean(),
  points: z.int(),
  priority: z.int().min(0).max(4),
  labels: list(text(100), 100),
  isPrivate: z.boolean(),
  photoRequired: z.boolean(),
  status: choreStatusSchema,
  timerSeconds: z.int().min(0),
  timerRunningSince: when.nullable(),
  archived: z.boolean(),
  penaltyPoints: z.int().nullable(),
  penaltyGraceMinutes: z.int().min(0),
  activeMonths: list(z.int().min(1).max(12), 12),
  completionWindowMinutes: z.int().nullable(),
  finishedAt: when.nullable(),
  needsApproval: z.boolean(),
  checklistRequired: z.boolean(),
  checklist: list(z.strictObject({ ref, position: z.int(), text: text(500), createdAt: when }), 1000),
  createdBy: ref,
  updatedBy: ref,
  performedAs: ref,
  createdAt: when,
  updatedAt: when,
});

export const exportedHistorySchema = z.strictObject({
  ref,
  chore: ref,
  action: historyActionSchema,
  updatedBy: ref,
  performedAs: ref,
  note: text(5000).nullable(),
  points: z.int(),
  dueDate: when.nullable(),
  forPart: z.boolean(),
  createdAt: when,
});

export const exportedChecklistTickSchema = z.strictObject({
  item: ref,
  dueDate: when.nullable(),
  tickedBy: ref,
  performedAs: ref,
  createdAt: when,
});

export const exportedPenaltySchema = z.strictObject({ ref, chore: ref, user: ref, dueDate: when, points: z.int(), createdAt: when });

export const exportedPointsEntrySchema = z.strictObject({
  user: ref,
  actor: ref.nullable(),
  kind: pointsKindSchema,
  amount: z.int(),
  balance: z.int(),
  chore: ref.nullable(),
  history: ref.nullable(),
  rewardRequest: ref.nullable(),
  penalty: ref.nullable(),
  reason: text(5000).nullable(),
  createdAt: when,
});

export const exportedRewardSchema = z.strictObject({
  ref,
  name: text(200),
  cost: z.int(),
  stock: z.int().nullable(),
  availableTo: list(ref, 1000),
  archivedAt: when.nullable(),
  createdBy: ref,
  createdAt: when,
});

export const exportedRewardRequestSchema = z.strictObject({
  ref,
  reward: ref,
  user: ref,
  actor: ref,
  status: z.enum(["pending", "approved", "declined", "refunded"]),
  cost: z.int(),
  decidedBy: ref.nullable(),
  decidedAt: when.nullable(),
  decisionNote: text(5000).nullable(),
  createdAt: when,
});

/** Audit events keep their entity ids and payloads as written: they record what happened where it happened. */
export const exportedAuditEventSchema = z.strictObject({
  actor: ref.nullable(),
  subject: ref.nullable(),
  action: text(200),
  entityType: text(200).nullable(),
  entityId: text(200).nullable(),
  outcome: z.enum(["allowed", "denied"]),
  payload: z.record(z.string(), z.unknown()),
  createdAt: when,
});

export const circleExportSchema = z.strictObject({
  format: z.literal(CIRCLE_EXPORT_FORMAT, formMessages.notCircleExport),
  version: z.int().min(1).max(CIRCLE_EXPORT_VERSION, formMessages.circleExportTooNew),
  exportedAt: when,
  circle: z.strictObject({
    name: text(100),
    timezone: timezoneSchema,
    locale: localeSchema,
    impersonationEnabled: z.boolean(),
    impersonationNoticeForChildren: z.boolean(),
  }),
  people: list(exportedPersonSchema, 10_000),
  chores: list(exportedChoreSchema, 10_000),
  history: list(exportedHistorySchema),
  checklistTicks: list(exportedChecklistTickSchema),
  penalties: list(exportedPenaltySchema),
  pointsLedger: list(exportedPointsEntrySchema),
  rewards: list(exportedRewardSchema, 10_000),
  rewardRequests: list(exportedRewardRequestSchema),
  audit: list(exportedAuditEventSchema),
});
export type CircleExport = z.infer<typeof circleExportSchema>;

export const circleExportCsvKindSchema = z.enum(["members", "chores", "history", "points", "audit"]);
export type CircleExportCsvKind = z.infer<typeof circleExportCsvKindSchema>;
export const circleExportCsvQuerySchema = z.strictObject({ kind: circleExportCsvKindSchema });

/** What an import made: each person's new account, and the emails and phones left off because another account has them. */
export const circleImportResultSchema = z.object({
  circleId: z.number(),
  people: z.array(
    z.object({
      ref: z.number(),
      userId: z.number(),
      username: z.string(),
      /** The importing admin's own account, matched by their email. */
      isYou: z.boolean(),
      emailDropped: z.boolean(),
      phoneDropped: z.boolean(),
    }),
  ),
  counts: z.record(z.string(), z.number()),
});
export type CircleImportResult = z.infer<typeof circleImportResultSchema>;
