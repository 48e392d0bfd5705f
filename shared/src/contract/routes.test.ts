import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Route } from "../sdk/transport";
import type { Contract } from "./endpoint";
import { contract } from "./endpoints";
import { routes } from "./routes";

/** What routes.ts must say about each endpoint: the contract without its schemas. */
function routeOf(endpoint: Contract[string][string]): Route {
  const { kind } = endpoint.produces;
  const { credentials, impersonation } = endpoint.access;
  return {
    method: endpoint.method,
    path: endpoint.path,
    ...(endpoint.query ? { query: true } : {}),
    ...(endpoint.body ? { body: true } : {}),
    ...(endpoint.upload ? { upload: endpoint.upload } : {}),
    produces: endpoint.produces.kind === "document" ? { kind, contentType: endpoint.produces.contentType } : { kind },
    access: impersonation ? { credentials, impersonation } : { credentials },
  };
}

const expected = Object.fromEntries(
  Object.entries(contract as Contract).map(([group, endpoints]) => [
    group,
    Object.fromEntries(Object.entries(endpoints).map(([name, endpoint]) => [name, routeOf(endpoint)])),
  ]),
);

const file = path.join(__dirname, "routes.ts");

function render(): string {
  const source = readFileSync(file, "utf8");
  const head = source.slice(0, source.indexOf("export const routes"));
  const literal = (value: unknown) =>
    JSON.stringify(value)
      .replace(/"(\w+)":/g, "$1: ")
      .replace(/","/g, '", "')
      .replace(/,(?=\w+: )/g, ", ")
      .replace(/\{(?=[^\s}])/g, "{ ")
      .replace(/(?<=[^\s{])\}/g, " }");
  const groups = Object.entries(expected).map(
    ([group, endpoints]) =>
      `  ${group}: {\n${Object.entries(endpoints)
        .map(([name, route]) => `    ${name}: ${literal(route)},\n`)
        .join("")}  },\n`,
  );
  return `${head}export const routes = {\n${groups.join("")}} as const satisfies Record<keyof ChorusContract, Record<string, Route>>;\n`;
}

test("routes.ts is the contract without its schemas (UPDATE_ROUTES=1 pnpm test rewrites it)", () => {
  if (process.env.UPDATE_ROUTES === "1") writeFileSync(file, render());
  expect(routes).toEqual(expected);
});
