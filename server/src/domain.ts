/**
 * The domain data services return and presenters shape. Kept apart from both, so
 * presenters depend on no service and services on no presenter.
 */
import type { ActAsRequestStatus, CalendarState, ChecklistItem, ImpersonationMode, IsoWeekday, PointsKind } from "@chorus/shared";
import type { ImpersonationSessionRef } from "./context";
import type { Chore, ChoreApproval, ChoreAssignee, ChoreHistory, ChorePhoto, Device, RewardRequest } from "./generated/prisma/client";

/**
 * A chore with its assignees in rotation order; read through `choreJsonColumns` it also
 * carries its checklist for the current occurrence (otherwise `loadChecklists` reads it) and, for
 * an *everyone* chore, its resolved parts and the assignees away at its due time (otherwise
 * `loadResolvedParts` and `loadAwayAssignees`; null in the other modes).
 */
export type ChoreWithAssignees = Chore & {
  assignees: ChoreAssignee[];
  checklist?: ChecklistItem[];
  resolvedParts?: ResolvedPart[] | null;
  awayAssignees?: number[] | null;
};

/** An assignee's part of an *everyone* chore's current occurrence that was done or skipped (decision 0035). */
export interface ResolvedPart {
  userId: number;
  action: "completed" | "skipped";
}

/**
 * A history row as a history page reads it (services/chores/history.ts): its tablet, its
 * photo's facts (never the bytes) and, for an approved completion, its approver.
 */
export type HistoryRow = ChoreHistory & {
  viaDevice: Pick<Device, "id" | "name"> | null;
  photo: Pick<ChorePhoto, "id" | "forUserId" | "expiredAt"> | null;
  approvedById: number | null;
};

export const CHORE_DATE_FIELDS = [
  "nextDueDate",
  "scheduleAnchor",
  "currentFrom",
  "earlyFrom",
  "timerRunningSince",
  "finishedAt",
  "rejectedAt",
  "createdAt",
  "updatedAt",
] as const;
export type ChoreDateField = (typeof CHORE_DATE_FIELDS)[number];

/** A chore row as PostgreSQL's `row_to_json` writes it: timestamps as UTC strings without a zone. */
export type ChoreJson = Omit<ChoreWithAssignees, ChoreDateField> & { [K in ChoreDateField]: string | null };

/**
 * PostgreSQL's JSON text of a UTC `timestamp(3)` ("2026-12-02T13:45:00.12": no zone,
 * trailing zeros dropped) as `Date#toISOString` writes it ("2026-12-02T13:45:00.120Z"),
 * without making a Date: the chore list presents eight of these per chore on every poll.
 */
export function isoFromJson(value: string): string {
  if (value.length === 19) return `${value}.000Z`;
  if (value.length > 20 && value.length <= 23 && value[19] === ".") return `${value.padEnd(23, "0")}Z`;
  return new Date(`${value}Z`).toISOString();
}

/** One item of a member's "acted for me" list: an action someone did as them, or an impersonation session on them. */
export interface ActedForMeRow {
  kind: "chore_action" | "impersonation_session";
  id: number;
  atMs: number;
  actorUserId: number;
  actorName: string;
  action: "completed" | "skipped" | "started" | "paused" | null;
  choreId: number | null;
  choreName: string | null;
  note: string | null;
  points: number | null;
  reason: string | null;
  mode: "view" | "act" | null;
  expiresAtMs: number | null;
  endedAtMs: number | null;
  actionCount: number | null;
}

/** One impersonation session for review (decision 0022). */
export interface ImpersonationSessionReviewRow {
  id: number;
  mode: "view" | "act";
  reason: string | null;
  startedAtMs: number;
  expiresAtMs: number;
  endedAtMs: number | null;
  actorUserId: number;
  actorName: string;
  targetUserId: number;
  targetName: string;
  actionCount: number;
  refusalCount: number;
}

export interface ImpersonationSessionRow extends ImpersonationSessionRef {
  targetUserId: number;
  startedAt: Date;
}

/** An "ask me first" request (decision 0023) with both people's names; `grantedUntil` once granted. */
export interface ActAsRequestRow {
  id: number;
  sessionId: string;
  circleId: number;
  actorUserId: number;
  actorName: string;
  targetUserId: number;
  targetName: string;
  reason: string | null;
  mode: ImpersonationMode;
  status: ActAsRequestStatus;
  createdAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  grantedUntil: Date | null;
}
/** A points ledger row with its actor's and tablet's names (services/points.ts). */
export interface PointsEntryRow {
  id: number;
  kind: PointsKind;
  amount: number;
  balance: number;
  actorUserId: number | null;
  actorName: string | null;
  viaDeviceId: number | null;
  deviceName: string | null;
  choreId: number | null;
  rewardRequestId: number | null;
  rewardName: string | null;
  reason: string | null;
  createdAt: Date;
  penaltyId: number | null;
  penaltyDueDate: Date | null;
  penaltyPoints: number | null;
  penaltyWaived: boolean;
}

/** A reward request with its reward's name (services/rewards.ts). */
export type RewardRequestRow = RewardRequest & { reward: { id: number; name: string } };

/** One member's completions (late ones among them) and skips in one week (1-based, oldest first). */
export interface StatisticsHistoryRow {
  userId: number;
  week: number;
  completed: number;
  late: number;
  skipped: number;
  missed: number;
}

/** What the statistics are made of (decision 0029): the weeks, the members, and the grouped rows, weeks numbered from 1. */
export interface StatisticsRows {
  timezone: string;
  /** Mondays in the circle's zone, YYYY-MM-DD, oldest first. */
  weekStarts: string[];
  from: Date;
  to: Date;
  members: { userId: number; displayName: string }[];
  history: StatisticsHistoryRow[];
  points: { userId: number; week: number; points: number }[];
  topChores: { choreId: number; name: string; completions: number }[];
}

/** A completion waiting for approval (or decided), with the chore the queue shows (services/approvals.ts). */
export type ApprovalRow = ChoreApproval & {
  chore: { id: number; name: string; points: number };
  /** The photo sent with the completion (decision 0030). */
  photo: { id: number; expiredAt: Date | null } | null;
};

/** An away period or circle pause as services/away.ts reads it (decision 0034); `user` null for a pause. */
export interface AwayPeriodRow {
  id: number;
  userId: number | null;
  startsOn: Date;
  endsOn: Date;
  startsAt: Date;
  endsAt: Date;
  user: { id: number; displayName: string } | null;
}

/** A DATE column as YYYY-MM-DD. */
export const calendarDay = (date: Date) => date.toISOString().slice(0, 10);

/** The calendar view (docs/decisions/0036-calendar-view.md): a range of days' occurrences, ahead and behind. */
export interface CalendarPerson {
  userId: number;
  displayName: string;
}

export interface CalendarEntry {
  choreId: number;
  choreName: string;
  at: Date;
  state: CalendarState;
  member: CalendarPerson | null;
  rotates: boolean;
  shared: "everyone" | "anyone" | null;
  away: boolean;
  doneBy: CalendarPerson | null;
  doneAt: Date | null;
}

export interface CalendarRows {
  from: string;
  to: string;
  timezone: string;
  locale: string;
  weekStart: IsoWeekday;
  member: number | "everyone";
  entries: CalendarEntry[];
}

/** Everything of one circle an export carries (decision 0042), read in one transaction. */
export interface CircleRecords {
  circle: import("./generated/prisma/client").Circle;
  /** The members, and everyone else the records name (former members), with their membership if any. */
  people: (import("./generated/prisma/client").User & { membership: import("./generated/prisma/client").Membership | null })[];
  chores: ChoreWithAssignees[];
  checklistItems: import("./generated/prisma/client").ChoreChecklistItem[];
  checklistTicks: import("./generated/prisma/client").ChoreChecklistTick[];
  history: ChoreHistory[];
  penalties: import("./generated/prisma/client").ChorePenalty[];
  pointsLedger: import("./generated/prisma/client").PointsEntry[];
  rewards: import("./generated/prisma/client").Reward[];
  rewardRequests: RewardRequest[];
  audit: import("./generated/prisma/client").AuditEvent[];
}

/** One person an import made or matched. */
export interface ImportedPerson {
  ref: number;
  userId: number;
  username: string;
  isYou: boolean;
  emailDropped: boolean;
  phoneDropped: boolean;
}
