/**
 * The domain data services return and presenters shape. Kept apart from both, so
 * presenters depend on no service and services on no presenter.
 */
import type { ImpersonationSessionRef } from "./context";
import type { Chore, ChoreAssignee } from "./generated/prisma/client";

/** A chore with its assignees in rotation order. */
export type ChoreWithAssignees = Chore & { assignees: ChoreAssignee[] };

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
  expiresAtMs: number | null;
  endedAtMs: number | null;
}

export interface ImpersonationSessionRow extends ImpersonationSessionRef {
  targetUserId: number;
  startedAt: Date;
}
