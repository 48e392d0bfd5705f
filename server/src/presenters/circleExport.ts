/**
 * A circle's records as the export file (decision 0042) and as CSV, one kind per file.
 * Rows name each other by `ref`, their id on this instance.
 */
import { CIRCLE_EXPORT_FORMAT, CIRCLE_EXPORT_VERSION, type CircleExport, type CircleExportCsvKind } from "@chorus/shared";
import type { CircleRecords } from "../domain";
import { csvCell } from "./impersonation";

const iso = (value: Date) => value.toISOString();
const maybeIso = (value: Date | null) => (value === null ? null : value.toISOString());

export function presentCircleExport(records: CircleRecords, now = new Date()): CircleExport {
  const { circle } = records;
  const itemsOf = new Map<number, CircleRecords["checklistItems"]>();
  for (const item of records.checklistItems) itemsOf.set(item.choreId, [...(itemsOf.get(item.choreId) ?? []), item]);
  return {
    format: CIRCLE_EXPORT_FORMAT,
    version: CIRCLE_EXPORT_VERSION,
    exportedAt: iso(now),
    circle: {
      name: circle.name,
      timezone: circle.timezone,
      locale: circle.locale,
      impersonationEnabled: circle.impersonationEnabled,
      impersonationNoticeForChildren: circle.impersonationNoticeForChildren,
    },
    people: records.people.map((person) => ({
      ref: person.id,
      username: person.username,
      displayName: person.displayName,
      email: person.email,
      phone: person.phone,
      timezone: person.timezone,
      membership: person.membership && {
        role: person.membership.role,
        status: person.membership.status,
        impersonator: person.membership.impersonator,
        points: person.membership.points,
        joinedAt: iso(person.membership.createdAt),
      },
    })),
    chores: records.chores.map((chore) => ({
      ref: chore.id,
      name: chore.name,
      description: chore.description,
      frequency: chore.frequency as CircleExport["chores"][number]["frequency"],
      scheduleMode: chore.scheduleMode,
      nextDueDate: maybeIso(chore.nextDueDate),
      scheduleAnchor: maybeIso(chore.scheduleAnchor),
      currentFrom: maybeIso(chore.currentFrom),
      earlyFrom: maybeIso(chore.earlyFrom),
      assignedTo: chore.assignedToId,
      assignees: chore.assignees.map((assignee) => assignee.userId),
      assignmentStrategy: chore.assignmentStrategy,
      assignmentMode: chore.assignmentMode,
      onlyAssigneeCompletes: chore.onlyAssigneeCompletes,
      points: chore.points,
      priority: chore.priority,
      labels: chore.labels,
      isPrivate: chore.isPrivate,
      photoRequired: chore.photoRequired,
      status: chore.status,
      timerSeconds: chore.timerSeconds,
      timerRunningSince: maybeIso(chore.timerRunningSince),
      archived: chore.archived,
      penaltyPoints: chore.penaltyPoints,
      penaltyGraceMinutes: chore.penaltyGraceMinutes,
      activeMonths: chore.activeMonths,
      completionWindowMinutes: chore.completionWindowMinutes,
      finishedAt: maybeIso(chore.finishedAt),
      needsApproval: chore.needsApproval,
      checklistRequired: chore.checklistRequired,
      checklist: (itemsOf.get(chore.id) ?? []).map((item) => ({
        ref: item.id,
        position: item.position,
        text: item.text,
        createdAt: iso(item.createdAt),
      })),
      createdBy: chore.createdById,
      updatedBy: chore.updatedById,
      performedAs: chore.performedAsId,
      createdAt: iso(chore.createdAt),
      updatedAt: iso(chore.updatedAt),
    })),
    history: records.history.map((row) => ({
      ref: row.id,
      chore: row.choreId,
      action: row.action,
      updatedBy: row.updatedById,
      performedAs: row.performedAsId,
      note: row.note,
      points: row.points,
      dueDate: maybeIso(row.dueDate),
      forPart: row.forPart,
      createdAt: iso(row.createdAt),
    })),
    checklistTicks: records.checklistTicks.map((tick) => ({
      item: tick.itemId,
      dueDate: maybeIso(tick.dueDate),
      tickedBy: tick.tickedById,
      performedAs: tick.performedAsId,
      createdAt: iso(tick.createdAt),
    })),
    penalties: records.penalties.map((penalty) => ({
      ref: penalty.id,
      chore: penalty.choreId,
      user: penalty.userId,
      dueDate: iso(penalty.dueDate),
      points: penalty.points,
      createdAt: iso(penalty.createdAt),
    })),
    pointsLedger: records.pointsLedger.map((entry) => ({
      user: entry.userId,
      actor: entry.actorUserId,
      kind: entry.kind,
      amount: entry.amount,
      balance: entry.balance,
      chore: entry.choreId,
      history: entry.historyId,
      rewardRequest: entry.rewardRequestId,
      penalty: entry.penaltyId,
      reason: entry.reason,
      createdAt: iso(entry.createdAt),
    })),
    rewards: records.rewards.map((reward) => ({
      ref: reward.id,
      name: reward.name,
      cost: reward.cost,
      stock: reward.stock,
      availableTo: reward.availableTo,
      archivedAt: maybeIso(reward.archivedAt),
      createdBy: reward.createdById,
      createdAt: iso(reward.createdAt),
    })),
    rewardRequests: records.rewardRequests.map((request) => ({
      ref: request.id,
      reward: request.rewardId,
      user: request.userId,
      actor: request.actorUserId,
      status: request.status,
      cost: request.cost,
      decidedBy: request.decidedById,
      decidedAt: maybeIso(request.decidedAt),
      decisionNote: request.decisionNote,
      createdAt: iso(request.createdAt),
    })),
    audit: records.audit.map((event) => ({
      actor: event.actorUserId,
      subject: event.subjectUserId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      outcome: event.outcome,
      payload: event.payload as Record<string, unknown>,
      createdAt: iso(event.createdAt),
    })),
  };
}

type Cell = string | number | boolean | null;

/** The CSV of one kind: the export's rows flattened, people and chores named as well as numbered. */
export function presentCircleCsv(file: CircleExport, kind: CircleExportCsvKind): string {
  const person = new Map(file.people.map((p) => [p.ref, p.displayName]));
  const chore = new Map(file.chores.map((c) => [c.ref, c.name]));
  const named = (map: Map<number, string>, ref: number | null) => (ref === null ? null : (map.get(ref) ?? null));
  const tables: Record<CircleExportCsvKind, () => [string[], Cell[][]]> = {
    members: () => [
      ["userId", "username", "displayName", "email", "phone", "role", "status", "impersonator", "points", "joinedAt"],
      file.people
        .filter((p) => p.membership)
        .map((p) => [
          p.ref,
          p.username,
          p.displayName,
          p.email,
          p.phone,
          p.membership!.role,
          p.membership!.status,
          p.membership!.impersonator,
          p.membership!.points,
          p.membership!.joinedAt,
        ]),
    ],
    chores: () => [
      ["choreId", "name", "frequency", "nextDueDate", "assignedTo", "assignees", "points", "priority", "labels", "archived"],
      file.chores.map((c) => [
        c.ref,
        c.name,
        c.frequency.type,
        c.nextDueDate,
        named(person, c.assignedTo),
        c.assignees.map((ref) => person.get(ref) ?? ref).join("; "),
        c.points,
        c.priority,
        c.labels.join("; "),
        c.archived,
      ]),
    ],
    history: () => [
      ["historyId", "choreId", "chore", "action", "doneBy", "doneFor", "points", "dueDate", "note", "at"],
      file.history.map((h) => [
        h.ref,
        h.chore,
        named(chore, h.chore),
        h.action,
        named(person, h.updatedBy),
        named(person, h.performedAs),
        h.points,
        h.dueDate,
        h.note,
        h.createdAt,
      ]),
    ],
    points: () => [
      ["userId", "member", "kind", "amount", "balance", "chore", "reason", "by", "at"],
      file.pointsLedger.map((e) => [
        e.user,
        named(person, e.user),
        e.kind,
        e.amount,
        e.balance,
        named(chore, e.chore),
        e.reason,
        named(person, e.actor),
        e.createdAt,
      ]),
    ],
    audit: () => [
      ["at", "actor", "actingAs", "action", "entityType", "entityId", "outcome", "payload"],
      file.audit.map((a) => [
        a.createdAt,
        named(person, a.actor),
        named(person, a.subject),
        a.action,
        a.entityType,
        a.entityId,
        a.outcome,
        JSON.stringify(a.payload),
      ]),
    ],
  };
  const [header, rows] = tables[kind]();
  const lines = rows.map((row) => row.map((cell) => csvCell(typeof cell === "boolean" ? String(cell) : cell)).join(","));
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
