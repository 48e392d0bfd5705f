/**
 * The Chorus MCP server (decision 0038): one definition for both transports. Every tool
 * calls the Chorus API through the typed SDK client it is given, holding the caller's API
 * token, so each call passes the same declared access, policies and audit as any other
 * API client's, and acts as the token's user only (no tool takes someone to act as).
 */
import {
  ChorusApiError,
  choreListSchema,
  choreSchema,
  createChoreRequestSchema,
  mcpDoChoreInputSchema,
  mcpHouseholdSummarySchema,
  mcpListChoresInputSchema,
  mcpSkipChoreInputSchema,
  mcpUndoChoreInputSchema,
  type Chore,
  type ChorusClient,
  type McpHouseholdSummary,
} from "@chorus/shared";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { DateTime } from "luxon";
import { z } from "zod";

export const MCP_SERVER_INFO = { name: "chorus", version: "1.0.0" } as const;
/** Where a tool error carries the API's `{ code, message, details? }`. */
export const MCP_ERROR_META = "chorus/error";

const choreResultSchema = z.object({ chore: choreSchema });

function answer(text: string, structuredContent: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent };
}

/** The API's refusal as a tool error, with its stable code; anything else the SDK reports as an error itself. */
async function calling(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ChorusApiError)) throw error;
    const { code, message, details } = error;
    const detailText = details ? ` ${JSON.stringify(details)}` : "";
    // Structured content must match the tool's output schema, so the error's parts travel in _meta.
    return {
      isError: true,
      content: [{ type: "text", text: `${code}: ${message}${detailText}` }],
      _meta: { [MCP_ERROR_META]: { code, message, ...(details ? { details } : {}) } },
    };
  }
}

function describeChore(chore: Chore, now = Date.now()): string {
  const due = chore.nextDueDate
    ? `due ${chore.nextDueDate}${Date.parse(chore.nextDueDate) < now ? " (overdue)" : ""}`
    : chore.finishedAt
      ? "done"
      : "no due date";
  const early = chore.currentFrom && Date.parse(chore.currentFrom) > now ? `, done ahead until ${chore.currentFrom}` : "";
  return `#${chore.id} ${chore.name}: ${due}${early}, ${chore.points} points${chore.archived ? ", archived" : ""}`;
}

const choreAnswer = (verb: string, chore: Chore) => answer(`${verb}. Now: ${describeChore(chore)}`, { chore });

/** Counts open chores: overdue, and due later today in the circle's zone. */
function countDue(chores: Chore[], timezone: string, now: DateTime) {
  const endOfToday = now.setZone(timezone).endOf("day").toMillis();
  const nowMillis = now.toMillis();
  let overdue = 0;
  let dueToday = 0;
  for (const chore of chores) {
    if (!chore.nextDueDate) continue;
    const due = Date.parse(chore.nextDueDate);
    if (due < nowMillis) overdue += 1;
    else if (due <= endOfToday) dueToday += 1;
  }
  return { overdue, dueToday };
}

async function householdSummary(chorus: ChorusClient): Promise<McpHouseholdSummary> {
  const [me, circle, { members }, { chores }] = await Promise.all([
    chorus.users.me(),
    chorus.circles.current(),
    chorus.circles.members(),
    chorus.chores.list(),
  ]);
  const now = DateTime.now();
  const open = chores.filter((chore) => !chore.archived && !chore.finishedAt);
  return {
    circle: { id: circle.id, name: circle.name, timezone: circle.timezone },
    me: { userId: me.id, displayName: me.displayName, role: me.role },
    members: members
      .filter((member) => member.status === "active")
      .map((member) => {
        const { overdue, dueToday } = countDue(
          open.filter((chore) => chore.assignedTo === member.userId),
          circle.timezone,
          now,
        );
        return { userId: member.userId, displayName: member.displayName, role: member.role, points: member.points, overdue, dueToday };
      }),
    chores: { open: open.length, ...countDue(open, circle.timezone, now), unassigned: open.filter((c) => c.assignedTo === null).length },
  };
}

function describeSummary(summary: McpHouseholdSummary): string {
  const { circle, chores } = summary;
  const lines = [
    `${circle.name} (${circle.timezone}): ${chores.open} open chores, ${chores.overdue} overdue, ${chores.dueToday} due later today.`,
    ...summary.members.map(
      (m) => `- ${m.displayName} (${m.role}): ${m.points} points, ${m.overdue} overdue, ${m.dueToday} due later today`,
    ),
  ];
  return lines.join("\n");
}

export function createChorusMcpServer(chorus: ChorusClient): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, {
    instructions: "Chorus is a household chore manager. Tools act as the owner of the API token, never as anyone else.",
  });

  server.registerTool(
    "list_my_chores",
    {
      title: "List my chores",
      description: "The chores assigned to me, with their id, next due date and points.",
      inputSchema: mcpListChoresInputSchema,
      outputSchema: choreListSchema,
      annotations: { readOnlyHint: true },
    },
    ({ includeArchived }) =>
      calling(async () => {
        const list = await chorus.chores.list({ assignedTo: "me", ...(includeArchived ? { includeArchived: "true" } : {}) });
        const now = Date.now();
        const text = list.chores.length === 0 ? "No chores assigned to you." : list.chores.map((c) => describeChore(c, now)).join("\n");
        return answer(text, list);
      }),
  );

  server.registerTool(
    "do_chore",
    {
      title: "Do a chore",
      description: "Mark a chore done (its current occurrence, or the named next one), crediting its points to me.",
      inputSchema: mcpDoChoreInputSchema,
      outputSchema: choreResultSchema,
    },
    ({ choreId, ...body }) => calling(async () => choreAnswer("Done", await chorus.chores.do(choreId, body))),
  );

  server.registerTool(
    "skip_chore",
    {
      title: "Skip a chore",
      description: "Skip a chore's current occurrence (or the named next one) without points.",
      inputSchema: mcpSkipChoreInputSchema,
      outputSchema: choreResultSchema,
    },
    ({ choreId, ...body }) => calling(async () => choreAnswer("Skipped", await chorus.chores.skip(choreId, body))),
  );

  server.registerTool(
    "undo_chore",
    {
      title: "Undo a do or skip",
      description: "Take back my latest do or skip of a chore (within 10 minutes, if nothing happened to the chore since).",
      inputSchema: mcpUndoChoreInputSchema,
      outputSchema: choreResultSchema,
    },
    ({ choreId }) => calling(async () => choreAnswer("Undone", await chorus.chores.undo(choreId, {}))),
  );

  server.registerTool(
    "create_chore",
    {
      title: "Create a chore",
      description: "Create a chore in my circle. Only name is required; by default it is a one-off assigned to me.",
      inputSchema: createChoreRequestSchema,
      outputSchema: choreResultSchema,
    },
    (body) => calling(async () => choreAnswer("Created", await chorus.chores.create(body))),
  );

  server.registerTool(
    "household_summary",
    {
      title: "Household summary",
      description: "My circle's members with their points, and how many chores are overdue or due later today.",
      outputSchema: mcpHouseholdSummarySchema,
      annotations: { readOnlyHint: true },
    },
    () =>
      calling(async () => {
        const summary = await householdSummary(chorus);
        return answer(describeSummary(summary), summary);
      }),
  );

  return server;
}
