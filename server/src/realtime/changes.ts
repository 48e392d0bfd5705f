/**
 * Publishing a change: a NOTIFY sent inside the write's own transaction. PostgreSQL
 * delivers it only when (and if) the transaction commits, to every process listening on
 * the database — and PGlite does the same within its one process — so a hint can never
 * announce a write that was rolled back, nor arrive before the data can be read.
 */
import { impersonationEndReasonSchema, liveEventTypeSchema } from "@chorus/shared";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";

export const CHANGES_CHANNEL = "chorus_changes";

const circleChangeSchema = z.object({
  type: liveEventTypeSchema.exclude(["impersonation"]),
  /** Circles whose members should hear about it (a move between circles touches two). */
  circleIds: z.array(z.number().int()),
  /**
   * People whose own membership changed (accepted, moved, removed): their streams get a
   * `circle` hint and then end, so they reconnect scoped to where they are now.
   */
  userIds: z.array(z.number().int()).optional(),
});

/**
 * An impersonation session of sign-in `sessionId` on `targetUserId` changed (decision 0024).
 * Only the streams viewing through it hear, on any process. `impersonation`: `open` is the
 * row now open for them (extended, switched, or restarted on the same member), and they are
 * told to reload; `impersonation_ended`: it ended, `endedBy` why, and they get the end and close.
 */
const impersonationScope = { sessionId: z.string(), targetUserId: z.number().int() };
const impersonationChangeSchema = z.union([
  z.object({
    type: z.literal("impersonation"),
    ...impersonationScope,
    open: z.object({ id: z.number().int(), expiresAt: z.iso.datetime() }),
  }),
  z.object({ type: z.literal("impersonation_ended"), ...impersonationScope, endedBy: impersonationEndReasonSchema.exclude(["expired"]) }),
]);

const changeSchema = z.union([circleChangeSchema, impersonationChangeSchema]);
export type Change = z.infer<typeof changeSchema>;
export type ImpersonationChange = z.infer<typeof impersonationChangeSchema>;

export async function publishChange(tx: Prisma.TransactionClient, change: Change): Promise<void> {
  await tx.$executeRaw`SELECT ${changeNotification(change)}`;
}

/** The NOTIFY of `change`, as an expression, for a write statement that sends it itself (chore actions, decision 0017). */
export function changeNotification(change: Change): Prisma.Sql {
  return Prisma.sql`pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`;
}

/** Reads a payload from the channel; anything malformed is ignored rather than trusted. */
export function parseChange(payload: string): Change | null {
  try {
    const parsed = changeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
