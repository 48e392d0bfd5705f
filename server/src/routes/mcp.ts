import type { ChorusContract } from "@chorus/shared";
import type { GroupHandlers } from "../http/route";

/** `POST /mcp` (decision 0038): the MCP SDK is loaded with the first MCP request, not at start-up. */
export function mcpHandlers(): GroupHandlers<ChorusContract["mcp"]> {
  return {
    call: async ({ body, ctx }) => {
      const { mcpExchange } = await import("../mcp/http");
      return mcpExchange(body, ctx);
    },
  };
}
