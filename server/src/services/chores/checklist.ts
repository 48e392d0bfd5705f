/**
 * Checklists (decision 0032): a chore's ordered items, edited with the chore, and their
 * ticks, each for one occurrence (its due date). Ticks of earlier occurrences stay as
 * history; the chore presents the ticks of the occurrence at `nextDueDate`, so a new
 * occurrence starts unticked without anything being reset.
 */
import type { ChecklistEdit, ChecklistItem, TickChecklistItemRequest } from "@chorus/shared";
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import type { ChoreWithAssignees } from "../../domain";
import { ApiError } from "../../errors";
import { publishChange } from "../../realtime/changes";
import { recordAudit } from "../audit";
import { lockActionable, staleOccurrence } from "./actions";
import { choreInclude, invalidField, type Tx } from "./records";

/** Each chore's checklist, by chore id, with the ticks of its current occurrence. */
export type Checklists = Map<number, ChecklistItem[]>;

interface ItemRow {
  id: number;
  choreId: number;
  text: string;
  tickedById: number | null;
  performedAsId: number | null;
  tickedAt: Date | null;
}

/** One statement for any number of chores: the list every screen and tablet polls stays one round trip more. */
export async function loadChecklists(db: Database, choreIds: readonly number[]): Promise<Checklists> {
  const checklists: Checklists = new Map();
  if (choreIds.length === 0) return checklists;
  const rows = await db.prisma.$queryRaw<ItemRow[]>`
    SELECT i."id", i."choreId", i."text", t."tickedById", t."performedAsId", t."createdAt" AS "tickedAt"
    FROM "ChoreChecklistItem" i
    JOIN "Chore" c ON c."id" = i."choreId"
    LEFT JOIN "ChoreChecklistTick" t ON t."itemId" = i."id" AND t."dueDate" IS NOT DISTINCT FROM c."nextDueDate"
    WHERE i."choreId" = ANY(${[...choreIds]}::int[])
    ORDER BY i."choreId", i."position"`;
  for (const row of rows) {
    const items = checklists.get(row.choreId) ?? [];
    items.push({
      id: row.id,
      text: row.text,
      tick:
        row.tickedById === null || row.tickedAt === null
          ? null
          : { tickedBy: row.tickedById, performedAs: row.performedAsId!, tickedAt: row.tickedAt.toISOString() },
    });
    checklists.set(row.choreId, items);
  }
  return checklists;
}

/**
 * Stores `edit` as the chore's whole checklist, in its order: kept items (by id) are renamed
 * and moved, new ones created, missing ones deleted with their ticks. An id that is not
 * this chore's item is refused.
 */
export async function saveChecklist(tx: Tx, chore: { id: number; circleId: number }, edit: ChecklistEdit): Promise<void> {
  const existing = await tx.choreChecklistItem.findMany({ where: { choreId: chore.id }, select: { id: true } });
  const existingIds = new Set(existing.map(({ id }) => id));
  if (edit.some(({ id }) => id !== undefined && !existingIds.has(id))) {
    throw invalidField("checklist", "Each item with an id must be one of this chore's checklist items");
  }
  const keptIds = edit.flatMap(({ id }) => (id === undefined ? [] : [id]));
  await tx.choreChecklistItem.deleteMany({ where: { choreId: chore.id, id: { notIn: keptIds } } });
  for (const [position, item] of edit.entries()) {
    if (item.id === undefined) {
      await tx.choreChecklistItem.create({ data: { circleId: chore.circleId, choreId: chore.id, position, text: item.text } });
    } else {
      await tx.choreChecklistItem.update({ where: { id: item.id }, data: { position, text: item.text } });
    }
  }
}

/**
 * Ticks or unticks one item for the current occurrence, for the subject (the member, an
 * admin or manager acting as them, or the tablet for the picked member). The chore is locked,
 * so parallel ticks of one item run one after the other: the first writes the tick, the
 * others find it there and change nothing (the unique key on item and due date backs this up).
 */
export async function tickChecklistItem(
  db: Database,
  ctx: CircleContext,
  choreId: number,
  itemId: number,
  request: TickChecklistItemRequest,
): Promise<ChoreWithAssignees> {
  return db.prisma.$transaction(async (tx) => {
    const { chore } = await lockActionable(tx, ctx, choreId);
    const item = await tx.choreChecklistItem.findFirst({ where: { id: itemId, choreId: chore.id } });
    if (!item) throw new ApiError("not_found", "This chore has no such checklist item");
    const dueDate = chore.nextDueDate;
    if (request.dueDate !== undefined && (request.dueDate === null ? null : Date.parse(request.dueDate)) !== (dueDate?.getTime() ?? null)) {
      throw staleOccurrence();
    }
    const tick = await tx.choreChecklistTick.findFirst({ where: { itemId: item.id, dueDate } });
    if (request.ticked === (tick !== null)) return chore;
    if (tick) {
      await tx.choreChecklistTick.delete({ where: { id: tick.id } });
    } else {
      await tx.choreChecklistTick.create({
        data: {
          circleId: ctx.circle.id,
          choreId: chore.id,
          itemId: item.id,
          dueDate,
          tickedById: ctx.actor.id,
          performedAsId: ctx.subject.id,
          viaDeviceId: ctx.device?.id ?? null,
        },
      });
    }
    const updated = await tx.chore.update({
      where: { id: chore.id },
      data: { version: { increment: 1 } },
      include: choreInclude,
    });
    await recordAudit(tx, ctx, {
      action: request.ticked ? "chore.checklist_ticked" : "chore.checklist_unticked",
      entityType: "chore",
      entityId: chore.id,
      payload: { itemId: item.id, text: item.text, dueDate: dueDate?.toISOString() ?? null },
    });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
    return updated;
  });
}
