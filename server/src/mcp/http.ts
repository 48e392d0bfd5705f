/**
 * `POST /mcp`: the MCP server over streamable HTTP, stateless (decision 0038). Loaded on
 * the first MCP request only, so a server nobody asks over MCP never loads the MCP SDK.
 *
 * The acting module has already admitted an API token, acting as its own user. The tools
 * call the API over loopback, at the address this very request arrived on, with that same
 * token: every call is a request of its own through the whole pipeline — declared access,
 * policies, audit with the token's user as actor, request log — exactly as for any client.
 */
import { createClient } from "@chorus/shared";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isIPv6 } from "node:net";
import { presentedBearerToken } from "../acting/headers";
import type { ActingContext } from "../context";
import type { ExchangeReply } from "../http/route";
import { createChorusMcpServer, MCP_SERVER_INFO } from "./tools";

export function mcpExchange(message: unknown, ctx: ActingContext): ExchangeReply {
  return async (req, res) => {
    const { localAddress, localPort } = req.socket;
    if (!localAddress || !localPort) throw new Error("The MCP request's connection has no local address");
    const host = isIPv6(localAddress) ? `[${localAddress}]` : localAddress;
    const chorus = createClient({
      baseUrl: `http://${host}:${localPort}`,
      token: presentedBearerToken(req),
      headers: {
        "User-Agent": `${MCP_SERVER_INFO.name}-mcp/${MCP_SERVER_INFO.version} (http; ${ctx.request.userAgent ?? "no user agent"})`,
        // The caller's address for the audit log, where TRUST_PROXY trusts this loopback hop.
        ...(ctx.request.ip ? { "X-Forwarded-For": ctx.request.ip } : {}),
      },
    });
    const server = createChorusMcpServer(chorus);
    // Stateless: a new server and transport per request, answers as JSON (no stream to keep open).
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void server.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, message);
  };
}
