/**
 * `pnpm mcp`: the Chorus MCP server over stdio, for desktop MCP clients (decision 0038).
 * Calls a running Chorus at CHORUS_URL with the API token in CHORUS_TOKEN, through the
 * typed SDK client, so the server applies its access rules and audit as for any script.
 * stdout carries the protocol: messages for people go to stderr.
 */
import { createClient } from "@chorus/shared";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createChorusMcpServer, MCP_SERVER_INFO } from "./tools";

function fail(message: string): never {
  process.stderr.write(`chorus-mcp: ${message}\n`);
  process.exit(2);
}

async function main() {
  const baseUrl = process.env.CHORUS_URL;
  const token = process.env.CHORUS_TOKEN;
  if (!baseUrl || !URL.canParse(baseUrl)) fail("set CHORUS_URL to the Chorus server's address, like http://localhost:3000");
  if (!token) fail("set CHORUS_TOKEN to an API token (Account → API tokens)");
  const chorus = createClient({
    baseUrl,
    token,
    headers: { "User-Agent": `${MCP_SERVER_INFO.name}-mcp/${MCP_SERVER_INFO.version} (stdio)` },
  });
  await createChorusMcpServer(chorus).connect(new StdioServerTransport());
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
