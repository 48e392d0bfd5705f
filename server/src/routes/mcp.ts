import { contract, type ChorusContract } from "@chorus/shared";
import { ApiError } from "../errors";
import type { GroupHandlers } from "../http/route";

/** `POST /mcp` (decision 0038): the MCP SDK is loaded with the first MCP request, not at start-up. */
export function mcpHandlers(): GroupHandlers<ChorusContract["mcp"]> {
  return {
    call: async ({ body, ctx }) => {
      const { mcpExchange } = await import("../mcp/http");
      return mcpExchange(body, ctx);
    },
    stream: async () => {
      throw new ApiError("method_not_allowed", "This MCP server is stateless and sends no stream; POST each request", {
        allow: [contract.mcp.call.method],
      });
    },
  };
}
