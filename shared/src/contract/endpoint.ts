/**
 * How one endpoint is declared: method, path, the schemas of its params, query, body and
 * response, and its access. The server mounts these declarations, the SDK and the
 * OpenAPI document are derived from them, and the acting module decides every request
 * from the declared access alone.
 */
import type { z } from "zod";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The credentials an endpoint may be called with. Anything not listed is refused.
 * - `public`: no credential at all (sign-up, sign-in, health).
 * - `session`: a user's sign-in (a JWT bound to a server-side session).
 * - `apiToken`: a user's API token, for scripts.
 * - `tablet`: a shared tablet's device token, for the tablet's own page.
 * - `tabletMember`: a shared tablet's device token acting for the member picked on screen.
 * - `calendarFeed`: the secret in a calendar-feed URL.
 */
export type Credential = "public" | "session" | "apiToken" | "tablet" | "tabletMember" | "calendarFeed";

/** Named rate limits; the server decides their allowances (configuration). */
export type RateLimitName = "signIn" | "join" | "reminderTest";

export type ImpersonationAccess = "view" | "act";

export interface Access {
  readonly credentials: readonly Credential[];
  /**
   * An admin or manager may send an impersonation selector header and be served as the
   * member (DESIGN §5). Absent means no: the selector is refused, never ignored.
   * `view`: allowed in every impersonation session (reads, and the session's own upkeep);
   * `act`: writes for the member, refused in a view-only session (decision 0020).
   */
  readonly impersonation?: ImpersonationAccess;
  readonly rateLimit?: RateLimitName;
}

/** What a successful call answers with. */
export type Produces =
  | { readonly kind: "json"; readonly status: 200 | 201; readonly schema: z.ZodType }
  | { readonly kind: "empty" }
  /** A Server-Sent Events stream whose events each carry one `schema` object. */
  | { readonly kind: "events"; readonly schema: z.ZodType }
  /** A document that is not JSON, such as a calendar. */
  | { readonly kind: "document"; readonly contentType: string }
  /** An image, whose type the server names in Content-Type. */
  | { readonly kind: "image" }
  /** A Model Context Protocol exchange (streamable HTTP): the MCP SDK's transport writes the JSON-RPC answer. */
  | { readonly kind: "mcp" };

export interface Endpoint {
  readonly method: Method;
  /** In the router's spelling: `/chores/:id/do`. */
  readonly path: string;
  readonly summary: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is an image's bytes, not JSON: any Content-Type, the server judges the content. */
  readonly upload?: "image";
  /** A JSON body larger than the usual 100 kB limit (an import), in bytes. */
  readonly maxBodyBytes?: number;
  readonly produces: Produces;
  readonly access: Access;
}

/** A group of endpoints, named as the SDK names them (`chores.do`). */
export type EndpointGroup = Readonly<Record<string, Endpoint>>;
export type Contract = Readonly<Record<string, EndpointGroup>>;

/** Keeps each declaration's literal types, so the server and SDK are typed from it. */
export const endpoint = <const E extends Endpoint>(declaration: E): E => declaration;

export const json = <S extends z.ZodType>(schema: S, status: 200 | 201 = 200) => ({ kind: "json", status, schema }) as const;
export const empty = { kind: "empty" } as const;

/** Where the contract's paths are mounted. */
export const API_PREFIX = "/api/v1";

const PATH_PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(PATH_PARAM)].map((match) => match[1]!);
}

/** The endpoint's path with its parameters filled in (encoded), relative to API_PREFIX. */
export function fillPath(endpoint: Pick<Endpoint, "path">, params: Record<string, string | number>): string {
  return endpoint.path.replace(PATH_PARAM, (_match, name: string) => encodeURIComponent(String(params[name])));
}

/** `"METHOD /path"`: how logs, audit payloads and messages name an endpoint. */
export const endpointKey = (e: Pick<Endpoint, "method" | "path">) => `${e.method} ${e.path}`;

export type ParamsOf<E extends Endpoint> = E["params"] extends z.ZodObject ? z.output<E["params"]> : Record<string, never>;
export type QueryOf<E extends Endpoint> = E["query"] extends z.ZodType ? z.output<E["query"]> : undefined;
export type BodyOf<E extends Endpoint> = E["body"] extends z.ZodType ? z.output<E["body"]> : undefined;
/** What the server must answer with: the response schema's input (before parsing). */
export type ResponseOf<E extends Endpoint> = E["produces"] extends { kind: "json"; schema: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;
/** What a client gets back: the response schema's output. */
export type ResultOf<E extends Endpoint> = E["produces"] extends { kind: "json"; schema: infer S extends z.ZodType }
  ? z.output<S>
  : E["produces"] extends { kind: "document" }
    ? string
    : E["produces"] extends { kind: "image" }
      ? Blob
      : void;

/** Whether an endpoint may be called while impersonating (in either mode), at the type level. */
export type AllowsImpersonation<E extends Endpoint> = E["access"] extends { impersonation: ImpersonationAccess } ? true : false;
