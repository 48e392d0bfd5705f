/**
 * The OpenAPI 3.1 document of `/api/v1`, derived from the contract: each operation with its
 * schemas, the credentials it takes and whether an admin or manager may act as a member
 * on it (`x-chorus-access`), so Home Assistant, scripts and generated clients see what
 * the server enforces.
 */
import { z } from "zod";
import { errorStatus } from "../errors";
import type { Contract, Credential, Endpoint } from "./endpoint";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

/** Express's `/chores/:id` is OpenAPI's `/chores/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");

const SECURITY: Partial<Record<Credential, string>> = {
  session: "session",
  apiToken: "apiToken",
  tablet: "tabletDevice",
  tabletMember: "tabletDevice",
};

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: Object.keys(errorStatus) },
        message: { type: "string" },
        details: { type: "object" },
      },
    },
  },
};

function parameters(endpoint: Endpoint): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!schema) continue;
    const object = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      list.push({ name, in: where, required: where === "path" || (object.required ?? []).includes(name), schema: property });
    }
  }
  if (endpoint.access.impersonation) {
    for (const name of ["X-Impersonate-User-ID", "X-Impersonate-User-Email", "X-Impersonate-User-Phone"]) {
      list.push({
        name,
        in: "header",
        required: false,
        description: "Act as this member of your circle (admins and managers; at most one selector)",
        schema: { type: "string" },
      });
    }
  }
  if (endpoint.access.credentials.includes("tabletMember")) {
    list.push({
      name: "X-Chorus-Member-ID",
      in: "header",
      required: false,
      description: "With a tablet's token: the member picked on screen",
      schema: { type: "string" },
    });
    list.push({
      name: "X-Chorus-Member-PIN",
      in: "header",
      required: false,
      description: "That member's PIN, when they have one",
      schema: { type: "string" },
    });
  }
  return list;
}

function responses(endpoint: Endpoint): JsonSchema {
  const { produces } = endpoint;
  const error = {
    description: "The error, with a stable code",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  switch (produces.kind) {
    case "json":
      return {
        [produces.status]: { description: "OK", content: { "application/json": { schema: toSchema(produces.schema, "output") } } },
        default: error,
      };
    case "empty":
      return { 204: { description: "Done" }, default: error };
    case "events":
      return {
        200: {
          description: "Server-Sent Events; each `data:` line is one JSON object",
          content: { "text/event-stream": { schema: toSchema(produces.schema, "output") } },
        },
        default: error,
      };
    case "document":
      return { 200: { description: "OK", content: { [produces.contentType]: { schema: { type: "string" } } } }, default: error };
    case "mcp":
      return {
        200: { description: "The JSON-RPC answer", content: { "application/json": { schema: { type: "object" } } } },
        202: { description: "A notification or response, accepted" },
        default: error,
      };
    case "image":
      return {
        200: { description: "The image", content: { "image/*": { schema: { type: "string", format: "binary" } } } },
        default: error,
      };
  }
}

export function openApiDocument(contract: Contract, info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [groupName, group] of Object.entries(contract)) {
    for (const [name, endpoint] of Object.entries(group)) {
      const { credentials, impersonation = false } = endpoint.access;
      const security = credentials.flatMap((credential) => (SECURITY[credential] ? [{ [SECURITY[credential]]: [] }] : []));
      const operation: JsonSchema = {
        operationId: `${groupName}.${name}`,
        tags: [groupName],
        summary: endpoint.summary,
        parameters: parameters(endpoint),
        responses: responses(endpoint),
        security:
          credentials.includes("public") || credentials.includes("calendarFeed")
            ? []
            : [...new Map(security.map((s) => [JSON.stringify(s), s])).values()],
        "x-chorus-access": { credentials: [...credentials], impersonation },
      };
      if (endpoint.body)
        operation.requestBody = { required: true, content: { "application/json": { schema: toSchema(endpoint.body, "input") } } };
      if (endpoint.upload)
        operation.requestBody = { required: true, content: { "image/*": { schema: { type: "string", format: "binary" } } } };
      (paths[openApiPath(endpoint.path)] ??= {})[endpoint.method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Chorus API",
      version: info.version,
      description:
        "Household chores with circle-scoped acting as a member. `x-chorus-access` on each operation names the credentials " +
        "it accepts and whether an impersonation selector header is allowed (`impersonation`: `view` in any impersonation session, " +
        "`act` only in one that may act, `false` never); everything else is refused.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A sign-in: POST /auth/login" },
        apiToken: { type: "http", scheme: "bearer", description: "An API token for scripts: POST /users/me/tokens (never acts as anyone)" },
        tabletDevice: { type: "http", scheme: "bearer", description: "A shared tablet's device token" },
      },
    },
  };
}
