import type { ChecklistItem, Chore, ChoreAbilities, ChorePart, ChoreApprovalState, Frequency, HistoryEntry } from "@chorus/shared";
import { isoFromJson, type ChoreJson, type ChoreWithAssignees, type HistoryRow, type ResolvedPart } from "../domain";

/** A timestamp as a Date, or as the list statement's JSON text (see isoFromJson). */
const iso = (date: Date | string | null) => (date === null ? null : typeof date === "string" ? isoFromJson(date) : date.toISOString());

/**
 * A chore as a service returned it, or a row of the list statement's JSON (timestamps still
 * text), with the caller's abilities (chorePolicy.abilities, decided where the acting context is known)
 * its checklist for the current occurrence (loadChecklists) and an everyone chore's resolved parts.
 */
export function presentChore(
  chore: ChoreWithAssignees | ChoreJson,
  abilities: ChoreAbilities,
  {
    checklist,
    resolvedParts,
    awayAssignees,
  }: { checklist: ChecklistItem[]; resolvedParts: ResolvedPart[] | null; awayAssignees: readonly number[] },
): Chore {
  return {
    id: chore.id,
    circleId: chore.circleId,
    name: chore.name,
    description: chore.description,
    // Stored only after validation by frequencySchema; not parsed again on every list of every poll.
    frequency: chore.frequency as Frequency,
    scheduleMode: chore.scheduleMode,
    nextDueDate: iso(chore.nextDueDate),
    currentFrom: iso(chore.currentFrom),
    earlyFrom: iso(chore.earlyFrom),
    assignees: chore.assignees.map(({ userId }) => userId),
    assignedTo: chore.assignedToId,
    assignmentStrategy: chore.assignmentStrategy,
    assignmentMode: chore.assignmentMode,
    onlyAssigneeCompletes: chore.onlyAssigneeCompletes,
    parts: resolvedParts && presentParts(chore, resolvedParts, awayAssignees),
    points: chore.points,
    priority: chore.priority,
    labels: chore.labels,
    isPrivate: chore.isPrivate,
    penalty: chore.penaltyPoints === null ? null : { points: chore.penaltyPoints, graceMinutes: chore.penaltyGraceMinutes },
    completionWindowMinutes: chore.completionWindowMinutes,
    photoRequired: chore.photoRequired,
    status: chore.status,
    timerSeconds: chore.timerSeconds,
    timerRunningSince: iso(chore.timerRunningSince),
    archived: chore.archived,
    finishedAt: iso(chore.finishedAt),
    activeMonths: chore.activeMonths.length === 0 ? null : chore.activeMonths,
    needsApproval: chore.needsApproval,
    approval: approvalState(chore),
    checklist,
    checklistRequired: chore.checklistRequired,
    version: chore.version,
    createdBy: chore.createdById,
    updatedBy: chore.updatedById,
    performedAs: chore.performedAsId,
    viaDeviceId: chore.viaDeviceId,
    createdAt: iso(chore.createdAt)!,
    updatedAt: iso(chore.updatedAt)!,
    abilities,
  };
}

/**
 * Every assignee's part of an *everyone* chore's current occurrence, in assignee order (decision
 * 0035); an open part of someone away at its due time holds nobody back (decision 0034).
 */
function presentParts(chore: ChoreWithAssignees | ChoreJson, resolved: ResolvedPart[], away: readonly number[]): ChorePart[] {
  const states = new Map(resolved.map(({ userId, action }) => [userId, action === "completed" ? ("done" as const) : ("skipped" as const)]));
  return chore.assignees.map(({ userId }) => ({ userId, state: states.get(userId) ?? (away.includes(userId) ? "away" : "open") }));
}

/** Waiting for approval, or the rejection the member should read (decision 0027). */
function approvalState(chore: ChoreWithAssignees | ChoreJson): ChoreApprovalState | null {
  if (chore.pendingApprovalId !== null) return { status: "pending", approvalId: chore.pendingApprovalId };
  if (chore.rejectionNote !== null && chore.rejectedById !== null && chore.rejectedAt !== null) {
    return { status: "rejected", note: chore.rejectionNote, rejectedBy: chore.rejectedById, rejectedAt: iso(chore.rejectedAt)! };
  }
  return null;
}

/** `canSeePhoto`: the reader may see this row's photo (photoPolicy.mayView); for others it is null. */
export function presentHistoryEntry(entry: HistoryRow, canSeePhoto: (photo: { forUserId: number }) => boolean): HistoryEntry {
  const { photo } = entry;
  return {
    id: entry.id,
    choreId: entry.choreId,
    action: entry.action,
    updatedBy: entry.updatedById,
    performedAs: entry.performedAsId,
    viaDevice: entry.viaDevice && { id: entry.viaDevice.id, name: entry.viaDevice.name },
    approvedBy: entry.approvedById,
    note: entry.note,
    points: entry.points,
    dueDate: iso(entry.dueDate),
    createdAt: entry.createdAt.toISOString(),
    photo:
      photo && canSeePhoto(photo)
        ? { id: photo.id, url: photo.expiredAt ? null : `/photos/${photo.id}`, expiredAt: iso(photo.expiredAt) }
        : null,
  };
}
