/**
 * A chore's history, newest first, a page at a time. Rows are ordered by when the action
 * counts (a completion may be back-dated), so the cursor carries that time and the row id.
 */
import { LATEST_API_DATE, MAX_ID } from "@chorus/shared";
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import type { HistoryRow } from "../../domain";
import { chorePolicy } from "../../policies/chores";
import { invalidField } from "./records";

const DEFAULT_PAGE = 50;

interface Position {
  createdAt: Date;
  id: number;
}

const encodeCursor = (row: Position) => Buffer.from(`${row.createdAt.getTime()}.${row.id}`).toString("base64url");

function decodeCursor(cursor: string): Position {
  const match = /^(\d{1,15})\.(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
  // Only positions a real row can have: PostgreSQL integer ids, times the API can store.
  if (!match || Number(match[1]) >= LATEST_API_DATE || Number(match[2]) > MAX_ID) {
    throw invalidField("before", "Use the nextCursor of the previous page", "query");
  }
  return { createdAt: new Date(Number(match[1])), id: Number(match[2]) };
}

export async function listHistory(
  db: Database,
  ctx: CircleContext,
  choreId: number,
  page: { before?: string | undefined; limit?: number | undefined },
): Promise<{ history: HistoryRow[]; nextCursor: string | null }> {
  const after = page.before === undefined ? null : decodeCursor(page.before);
  const limit = page.limit ?? DEFAULT_PAGE;
  const chore = await db.prisma.chore.findFirst({
    where: { id: choreId, circleId: ctx.circle.id },
    select: { circleId: true, createdById: true, isPrivate: true, assignees: { select: { userId: true } } },
  });
  chorePolicy.view(ctx, chore);
  const rows = await db.prisma.choreHistory.findMany({
    where: {
      choreId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { viaDevice: { select: { id: true, name: true } }, photo: { select: { id: true, forUserId: true, expiredAt: true } } },
  });
  const shown = rows.slice(0, limit);
  // Who approved the completions that needed it (decision 0027).
  const completed = shown.filter((row) => row.action === "completed").map((row) => row.id);
  const approvals =
    completed.length === 0
      ? []
      : await db.prisma.choreApproval.findMany({ where: { historyId: { in: completed } }, select: { historyId: true, decidedById: true } });
  const approvedBy = new Map(approvals.map((approval) => [approval.historyId, approval.decidedById]));
  const history = shown.map((row) => Object.assign(row, { approvedById: approvedBy.get(row.id) ?? null }));
  return { history, nextCursor: rows.length > limit ? encodeCursor(history[history.length - 1]!) : null };
}
