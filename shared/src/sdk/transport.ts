/**
 * The SDK's transport: headers, errors, the event stream and one function per endpoint,
 * built from a table of routes. It imports no zod at run time, so the web app can use it
 * with the schema-free route table (unchecked.ts) and download no schemas; client.ts
 * builds the usual, checking clients from the contract.
 */
import type { z } from "zod";
import {
  API_PREFIX,
  fillPath,
  pathParamNames,
  type AllowsImpersonation,
  type Contract,
  type Endpoint,
  type EndpointGroup,
  type Access,
  type Method,
  type Produces,
  type ResultOf,
} from "../contract/endpoint";
import type { ChorusContract } from "../contract/endpoints";
import { type ErrorCode, isErrorCode } from "../errors";
import type { LiveEvent } from "../schemas/events";

export const IMPERSONATION_HEADERS = {
  id: "X-Impersonate-User-ID",
  email: "X-Impersonate-User-Email",
  phone: "X-Impersonate-User-Phone",
} as const;

/** Sent by a shared tablet (device token) to say who was picked on screen, and their PIN. */
export const TABLET_MEMBER_HEADERS = { id: "X-Chorus-Member-ID", pin: "X-Chorus-Member-PIN" } as const;

export type ImpersonationTarget = { by: "id"; value: number } | { by: "email"; value: string } | { by: "phone"; value: string };

export class ChorusApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network_error" | "unexpected_response",
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ChorusApiError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  /** Extra headers sent with every request (for example a User-Agent in scripts). */
  headers?: Record<string, string>;
}

export interface LiveEventHandlers {
  /** The stream is open: from now on no change goes unannounced. */
  onOpen?: () => void;
  onEvent: (event: LiveEvent) => void;
  /** Aborting ends the stream quietly. */
  signal?: AbortSignal;
}

/** `/chores/:id/do` → ["id"]; `/ical/:token.ics` → ["token"]. */
type ParamNames<P extends string> = P extends `${string}:${infer Rest}`
  ? Rest extends `${infer Name}/${infer Tail}`
    ? [StripSuffix<Name>, ...ParamNames<`/${Tail}`>]
    : [StripSuffix<Rest>]
  : [];
type StripSuffix<N extends string> = N extends `${infer Name}.${string}` ? Name : N;
type ToArgs<N extends unknown[]> = N extends [unknown, ...infer Rest] ? [number | string, ...ToArgs<Rest>] : [];
type PathArgs<P extends string> = ToArgs<ParamNames<P>>;

/** Query values may be given as numbers; they are sent as text. */
type QueryInput<T> = { [K in keyof T]?: T[K] | number };
type InputArgs<E extends Endpoint> = E["upload"] extends "image"
  ? [image: Blob | Uint8Array<ArrayBuffer>]
  : E["body"] extends z.ZodType
    ? {} extends z.input<E["body"]>
      ? [body?: z.input<E["body"]>]
      : [body: z.input<E["body"]>]
    : E["query"] extends z.ZodType
      ? [query?: QueryInput<z.input<E["query"]>>]
      : [];

/** One endpoint as a function: path parameters in order, then the body or query. */
export type Call<E extends Endpoint> = E["produces"] extends { kind: "events" }
  ? (handlers: LiveEventHandlers) => Promise<void>
  : (...args: [...PathArgs<E["path"]>, ...InputArgs<E>]) => Promise<ResultOf<E>>;

/** Endpoints an MCP client talks to (decision 0038) are not calls of this JSON client. */
type JsonApiKeys<G extends EndpointGroup> = { [K in keyof G]: G[K]["produces"] extends { kind: "mcp" } ? never : K }[keyof G];
const isJsonApi = (endpoint: Route) => endpoint.produces.kind !== "mcp";

type Calls<C extends Contract> = {
  [G in keyof C as JsonApiKeys<C[G]> extends never ? never : G]: { [K in JsonApiKeys<C[G]>]: Call<C[G][K]> };
};

type ImpersonationKeys<G extends EndpointGroup> = { [K in keyof G]: AllowsImpersonation<G[K]> extends true ? K : never }[keyof G];
/** Only the endpoints whose declaration allows acting as a member. */
type ImpersonationCalls<C extends Contract> = {
  [G in keyof C as ImpersonationKeys<C[G]> extends never ? never : G]: { [K in ImpersonationKeys<C[G]>]: Call<C[G][K]> };
};

/**
 * What the transport needs of an endpoint: the contract's declarations (endpoints.ts) fit,
 * and so does the schema-free route table (routes.ts), whose answers go unchecked.
 */
export interface Route {
  readonly method: Method;
  readonly path: string;
  /** Present (a schema, or `true` in the route table) when the endpoint takes a body or a query. */
  readonly body?: unknown;
  readonly query?: unknown;
  /** The body is an image's bytes (sent as they are, not as JSON). */
  readonly upload?: "image";
  readonly produces: { readonly kind: Produces["kind"]; readonly schema?: z.ZodType; readonly contentType?: string };
  readonly access: Pick<Access, "credentials" | "impersonation">;
}

/** Turns one event's JSON into a live event, or null to drop it. */
export type EventParser = (json: unknown) => LiveEvent | null;

function createTransport(
  table: Readonly<Record<string, Readonly<Record<string, Route>>>>,
  parseEvent: EventParser,
  options: ClientOptions,
) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const state = {
    token: options.token ?? null,
    impersonation: null as ImpersonationTarget | null,
    tabletMember: null as { userId: number; pin: string | null } | null,
  };

  function headersFor(accept: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept, ...options.headers };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    if (state.impersonation) headers[IMPERSONATION_HEADERS[state.impersonation.by]] = String(state.impersonation.value);
    if (state.tabletMember) {
      headers[TABLET_MEMBER_HEADERS.id] = String(state.tabletMember.userId);
      if (state.tabletMember.pin !== null) headers[TABLET_MEMBER_HEADERS.pin] = state.tabletMember.pin;
    }
    return headers;
  }

  /**
   * Reads a Server-Sent Events endpoint with fetch rather than EventSource, so the
   * Authorization and impersonation headers are sent. Resolves when the server ends the
   * stream or `signal` aborts it; rejects like any request when it cannot be opened.
   */
  async function streamEvents(url: string, handlers: LiveEventHandlers): Promise<void> {
    let response: Response;
    try {
      response = await doFetch(url, { headers: headersFor("text/event-stream"), signal: handlers.signal });
    } catch (cause) {
      if (handlers.signal?.aborted) return;
      throw new ChorusApiError(0, "network_error", `Could not reach Chorus: ${(cause as Error).message}`);
    }
    if (!response.ok || !response.body) {
      const text = await response.text();
      throw toApiError(response.status, text ? safeJson(text) : undefined);
    }
    handlers.onOpen?.();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += value;
        // Events end with a blank line; comment lines (":") are keep-alives.
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(5).trimStart())
            .join("\n");
          const event = data ? parseEvent(safeJson(data)) : null;
          if (event) handlers.onEvent(event);
        }
      }
    } catch (cause) {
      if (handlers.signal?.aborted) return;
      throw new ChorusApiError(0, "network_error", `Lost the connection to Chorus: ${(cause as Error).message}`);
    }
  }

  /** Calls one endpoint: fills in its path, sends its body or query, checks the answer against its schema if the table has one. */
  async function call(endpoint: Route, args: unknown[]): Promise<unknown> {
    const names = pathParamNames(endpoint.path);
    const params = Object.fromEntries(names.map((name, index) => [name, args[index] as string | number]));
    const url = new URL(`${baseUrl}${API_PREFIX}${fillPath(endpoint, params)}`);
    const input = args[names.length];
    const { produces } = endpoint;
    if (produces.kind === "events") return streamEvents(url.toString(), input as LiveEventHandlers);
    const sendsBody = (endpoint.body !== undefined || endpoint.upload !== undefined) && input !== undefined;
    if (endpoint.query && input !== undefined) {
      for (const [key, value] of Object.entries(input as Record<string, string | number | boolean | undefined>)) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
    }
    const accept =
      produces.kind === "image"
        ? "image/*"
        : produces.kind === "document" && produces.contentType
          ? produces.contentType
          : "application/json";
    const headers = headersFor(accept);
    // An image goes as it is; the server judges it by its content, whatever type is named.
    if (sendsBody) headers["Content-Type"] = endpoint.upload ? "application/octet-stream" : "application/json";

    let response: Response;
    try {
      const body = !sendsBody ? undefined : endpoint.upload ? (input as Blob | Uint8Array<ArrayBuffer>) : JSON.stringify(input);
      response = await doFetch(url, { method: endpoint.method, headers, body });
    } catch (cause) {
      throw new ChorusApiError(0, "network_error", `Could not reach Chorus: ${(cause as Error).message}`);
    }
    if (response.ok && produces.kind === "image") return response.blob();
    const text = await response.text();
    if (!response.ok) throw toApiError(response.status, text ? safeJson(text) : undefined);
    if (produces.kind === "document") return text;
    if (produces.kind === "empty") return undefined;
    const json = text ? safeJson(text) : undefined;
    const parsed = produces.schema ? produces.schema.safeParse(json) : { success: json !== undefined, data: json };
    if (!parsed.success) {
      throw new ChorusApiError(response.status, "unexpected_response", `Unexpected response from ${endpoint.method} ${endpoint.path}`);
    }
    return parsed.data;
  }

  function derive(keep: (endpoint: Route) => boolean): Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> {
    const groups: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
    for (const [groupName, group] of Object.entries(table)) {
      for (const [name, endpoint] of Object.entries(group)) {
        if (!keep(endpoint)) continue;
        (groups[groupName] ??= {})[name] = (...args: unknown[]) => call(endpoint, args);
      }
    }
    return groups;
  }

  const controls = {
    setToken(next: string | null) {
      state.token = next;
    },
    getToken: () => state.token,

    /** Act as another member of your circle on the next requests (replaces any earlier target). */
    setImpersonateUserId(id: number) {
      state.impersonation = { by: "id", value: id };
    },
    setImpersonateUserEmail(email: string) {
      state.impersonation = { by: "email", value: email };
    },
    setImpersonateUserPhone(phone: string) {
      state.impersonation = { by: "phone", value: phone };
    },
    clearImpersonation() {
      state.impersonation = null;
    },
    getImpersonation: (): ImpersonationTarget | null => state.impersonation,
  };

  return { state, derive, controls };
}

/** A client over `table` (the contract, or its schema-free route table); typed from the contract either way. */
export function clientFrom(
  table: Readonly<Record<string, Readonly<Record<string, Route>>>>,
  parseEvent: EventParser,
  options: ClientOptions,
) {
  const { state, derive, controls } = createTransport(table, parseEvent, options);
  return {
    ...controls,
    /** With a device token: act for the member picked on the tablet (their PIN if they have one). */
    setTabletMember(userId: number, pin: string | null = null) {
      state.tabletMember = { userId, pin };
    },
    clearTabletMember() {
      state.tabletMember = null;
    },
    // The calls are built from the table at run time; their types from the contract.
    ...(derive(isJsonApi) as unknown as Calls<ChorusContract>),
  };
}

/** As `clientFrom`, with only the endpoints declared with an `impersonation` mode. */
export function actingClientFrom(
  table: Readonly<Record<string, Readonly<Record<string, Route>>>>,
  parseEvent: EventParser,
  options: ClientOptions,
) {
  const { derive, controls } = createTransport(table, parseEvent, options);
  return {
    ...controls,
    ...(derive((endpoint) => endpoint.access.impersonation !== undefined) as unknown as ImpersonationCalls<ChorusContract>),
  };
}

export type ActingClient = ReturnType<typeof actingClientFrom>;

export type ChorusClient = ReturnType<typeof clientFrom>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, json: unknown): ChorusApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === "string") {
    return new ChorusApiError(status, error.code, error.message, error.details as Record<string, unknown> | undefined);
  }
  return new ChorusApiError(status, "unexpected_response", `Chorus answered ${status}`);
}
