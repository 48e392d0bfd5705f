/**
 * Component-test helpers: a fake `fetch` answering by "METHOD /path" and a render that
 * wraps the UI in the app's real providers with that fake behind the real SDK.
 */
import { createActingClient, createClient, type ErrorCode } from "@chorus/shared";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { AppProvider } from "../app/provider";
import { createApi, type Api } from "../lib/api-client";
import { createQueryClient } from "../lib/query-client";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** `body` is sent as JSON; `document` as it is (a CSV, a calendar); `blob` as an image. */
export type FakeReply = { status: number; body?: unknown; document?: string; blob?: Blob };
export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export function ok(body: unknown): FakeReply {
  return { status: 200, body };
}

export function apiError(status: number, code: ErrorCode, message: string, details?: Record<string, unknown>): FakeReply {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** A fetch that records every request and answers from `routes` ("GET /users/me"); 404 otherwise. */
function createFakeFetch(routes: Record<string, FakeHandler>) {
  const requests: FakeRequest[] = [];
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const request: FakeRequest = {
      method: init?.method ?? "GET",
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries(init?.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value])),
      // JSON is parsed; an upload (a File) is kept as it was sent.
      body: typeof init?.body === "string" ? JSON.parse(init.body) : (init?.body ?? undefined),
    };
    requests.push(request);
    const handler = routes[`${request.method} ${request.path}`];
    const reply = handler ? await handler(request) : apiError(404, "not_found", `No fake for ${request.method} ${request.path}`);
    const text = reply.document ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
    return { ok: reply.status < 400, status: reply.status, text: async () => text, blob: async () => reply.blob } as Response;
  };
  return { fetch: fakeFetch, requests };
}

export interface RenderWithApiOptions {
  routes: Record<string, FakeHandler>;
  /** The stored sign-in token; null for signed out. */
  token?: string | null;
  actingAs?: number | null;
  path?: string;
}

export function renderWithApi(ui: ReactElement, options: RenderWithApiOptions) {
  localStorage.clear();
  sessionStorage.clear();
  if (options.token !== null) localStorage.setItem("chorus.token", options.token ?? "test-token");
  if (options.actingAs != null) sessionStorage.setItem("chorus.actingAsUserId", String(options.actingAs));
  const fake = createFakeFetch(options.routes);
  const api: Api = createApi({ baseUrl: "http://chorus.test", fetch: fake.fetch, clients: { createClient, createActingClient } });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } });
  const result = render(
    <AppProvider api={api} queryClient={queryClient}>
      <MemoryRouter initialEntries={[options.path ?? "/"]}>{ui}</MemoryRouter>
    </AppProvider>,
  );
  return { ...result, api, queryClient, requests: fake.requests };
}
