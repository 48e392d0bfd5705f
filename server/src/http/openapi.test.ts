import { spawn } from "node:child_process";
import { contract, endpointKey, openApiPath } from "@chorus/shared";
import { startTestServer, type TestServer } from "../test/harness";
import { apiRoutes } from "../test/routeTable";

/** Runs the maintained validator in its own Node process: it ships as an ES module only, which Jest's CommonJS run cannot load. */
async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors: unknown[] }> {
  const script = `
    import { Validator } from "@seriousme/openapi-schema-validator";
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    const result = await new Validator().validate(JSON.parse(text));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors ?? [] }));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: __dirname, stdio: ["pipe", "pipe", "inherit"] });
  child.stdin.end(JSON.stringify(document));
  let output = "";
  for await (const chunk of child.stdout) output += chunk;
  return JSON.parse(output) as { valid: boolean; errors: unknown[] };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Operation {
  operationId: string;
  "x-chorus-access": { credentials: string[]; impersonation: boolean };
  parameters: { name: string; in: string }[];
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document, public and cacheable by no one", async () => {
    const response = await server.fetch("/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string };
    expect(document.openapi).toBe("3.1.0");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await validateOpenApi(document)).toEqual({ valid: true, errors: [] });
    // The validator does refuse a broken document.
    expect((await validateOpenApi({ ...document, info: undefined })).valid).toBe(false);
  });

  it("lists every endpoint of the contract with its access, impersonation and tablet use", async () => {
    const { paths } = (await server.client().meta.openApi()) as { paths: Record<string, Record<string, Operation>> };
    const listed = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = apiRoutes().map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(listed.sort()).toEqual(declared.sort());
    for (const route of apiRoutes()) {
      const operation = paths[openApiPath(route.path)]![route.method.toLowerCase()]!;
      expect([endpointKey(route), operation["x-chorus-access"]]).toEqual([
        endpointKey(route),
        { credentials: [...route.access.credentials], impersonation: route.access.impersonation ?? false },
      ]);
      const selectorHeader = operation.parameters.some(
        (parameter) => parameter.in === "header" && parameter.name === "X-Impersonate-User-ID",
      );
      expect([endpointKey(route), selectorHeader]).toEqual([endpointKey(route), route.access.impersonation !== undefined]);
    }
    expect(paths["/chores/{id}/do"]!.post!.operationId).toBe("chores.do");
    expect(Object.keys(contract.chores)).toContain("do");
  });
});
