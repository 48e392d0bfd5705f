/**
 * The MCP server's inputs (decision 0038): the body of `POST /mcp` and each tool's
 * arguments, made from the API's own request schemas so a tool takes exactly what its
 * endpoint takes.
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { doChoreRequestSchema, skipChoreRequestSchema } from "./chores";
import { MAX_ID, roleSchema } from "./fields";

/** One JSON-RPC 2.0 message (or a batch); the MCP SDK's transport checks the rest. */
const jsonRpcMessageSchema = z.looseObject({ jsonrpc: z.literal("2.0", formMessages.jsonRpcVersion) });
export const mcpMessageSchema = z.union([jsonRpcMessageSchema, z.array(jsonRpcMessageSchema).min(1).max(50)]);

const choreIdSchema = z.int().positive().max(MAX_ID, formMessages.idRange).describe("The chore's id (see list_my_chores)");

const occurrenceNote =
  "Without dueDate the chore's current occurrence is resolved. To resolve the next one early, " +
  "name it: dueDate = the chore's nextDueDate (the API answers not_due_yet with details.dueDate otherwise).";

export const mcpDoChoreInputSchema = z.strictObject({
  choreId: choreIdSchema,
  note: doChoreRequestSchema.shape.note,
  dueDate: doChoreRequestSchema.shape.dueDate.describe(occurrenceNote),
  completedAt: doChoreRequestSchema.shape.completedAt.describe("When it was done, if earlier than now"),
});
export const mcpSkipChoreInputSchema = z.strictObject({
  choreId: choreIdSchema,
  note: skipChoreRequestSchema.shape.note,
  dueDate: skipChoreRequestSchema.shape.dueDate.describe(occurrenceNote),
});
export const mcpUndoChoreInputSchema = z.strictObject({ choreId: choreIdSchema });
export const mcpListChoresInputSchema = z.strictObject({
  includeArchived: z.boolean().optional().describe("Also list archived chores"),
});

const choreCountsShape = {
  overdue: z.number().describe("Past their due time"),
  dueToday: z.number().describe("Due later today, in the circle's time zone"),
};

/** The household summary tool's answer: counts over the chores the caller can see. */
export const mcpHouseholdSummarySchema = z.object({
  circle: z.object({ id: z.number(), name: z.string(), timezone: z.string() }),
  me: z.object({ userId: z.number(), displayName: z.string(), role: roleSchema.nullable() }),
  members: z.array(z.object({ userId: z.number(), displayName: z.string(), role: roleSchema, points: z.number(), ...choreCountsShape })),
  chores: z.object({ open: z.number().describe("Not archived, not finished"), ...choreCountsShape, unassigned: z.number() }),
});
export type McpHouseholdSummary = z.infer<typeof mcpHouseholdSummarySchema>;
