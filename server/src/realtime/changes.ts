/**
 * Publishing a change: a NOTIFY sent inside the write's own transaction. PostgreSQL
 * delivers it only when (and if) the transaction commits, to every process listening on
 * the database — and PGlite does the same within its one process — so a hint can never
 * announce a write that was rolled back, nor arrive before the data can be read.
 */
import type { LiveEventType } from "@chorus/shared";
import type { Prisma } from "../generated/prisma/client";

export const CHANGES_CHANNEL = "chorus_changes";

export interface Change {
  type: LiveEventType;
  /** Circles whose members should hear about it (a move between circles touches two). */
  circleIds: number[];
  /**
   * People whose own membership changed (accepted, moved, removed): their streams get a
   * `circle` hint and then end, so they reconnect scoped to where they are now.
   */
  userIds?: number[];
}

export async function publishChange(tx: Prisma.TransactionClient, change: Change): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`;
}

/** Reads a payload from the channel; anything malformed is ignored rather than trusted. */
export function parseChange(payload: string): Change | null {
  try {
    const value = JSON.parse(payload) as Partial<Change>;
    if (typeof value.type !== "string" || !Array.isArray(value.circleIds)) return null;
    return value as Change;
  } catch {
    return null;
  }
}
