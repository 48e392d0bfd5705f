/**
 * The typed Chorus API client, used by the web app, the tests and scripts.
 *
 *   const chorus = createClient({ baseUrl: "http://localhost:3000", token });
 *   chorus.setImpersonateUserId(42);      // act as member 42 (admins/managers only)
 *   await chorus.chores.list();           // …sees what member 42 sees
 *   chorus.clearImpersonation();
 */
import type { z } from "zod";
import { type ErrorCode, isErrorCode } from "../errors";
import {
  apiTokenListSchema,
  authResponseSchema,
  createdApiTokenSchema,
  healthSchema,
  userSchema,
  type CreateApiTokenRequest,
  type LoginRequest,
  type PinLoginRequest,
  type SignupRequest,
} from "../schemas/accounts";
import { createdDeviceSchema, deviceListSchema, tabletSchema, type CreateDeviceRequest } from "../schemas/devices";
import type { Role } from "../schemas/fields";
import { auditPageSchema, type AuditQuery } from "../schemas/audit";
import {
  choreListSchema,
  choreSchema,
  historyListSchema,
  type ChoreListQuery,
  type CreateChoreRequest,
  type DoChoreRequest,
  type HistoryQuery,
  type SkipChoreRequest,
  type UpdateChoreRequest,
} from "../schemas/chores";
import { calendarFeedStatusSchema, createdCalendarFeedSchema } from "../schemas/calendarFeed";
import {
  actAsSessionSchema,
  actedForMePageSchema,
  type ActedForMeQuery,
  type StartImpersonationRequest,
} from "../schemas/impersonation";
import {
  pushSubscriptionSchema,
  reminderSettingsSchema,
  reminderTestResultSchema,
  updatedReminderSettingsSchema,
  vapidPublicKeySchema,
  type DeletePushSubscriptionRequest,
  type PushSubscriptionRequest,
  type UpdateReminderSettingsRequest,
} from "../schemas/reminders";
import {
  circleSchema,
  joinCircleResponseSchema,
  joinRequestListSchema,
  memberListSchema,
  memberSchema,
  type CreateChildRequest,
  type CreateCircleRequest,
  type UpdateCircleRequest,
} from "../schemas/circles";
import { liveEventSchema, type LiveEvent } from "../schemas/events";

export const IMPERSONATION_HEADERS = {
  id: "X-Impersonate-User-ID",
  email: "X-Impersonate-User-Email",
  phone: "X-Impersonate-User-Phone",
} as const;

/** Sent by a shared tablet (device token) to say who was picked on screen, and their PIN. */
export const TABLET_MEMBER_HEADERS = { id: "X-Chorus-Member-ID", pin: "X-Chorus-Member-PIN" } as const;

export type ImpersonationTarget =
  | { by: "id"; value: number }
  | { by: "email"; value: string }
  | { by: "phone"; value: string };

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

type Query = Record<string, string | number | undefined>;

export interface LiveEventHandlers {
  /** The stream is open: from now on no change goes unannounced. */
  onOpen?(): void;
  onEvent(event: LiveEvent): void;
  /** Aborting ends the stream quietly. */
  signal?: AbortSignal;
}

export function createClient(options: ClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let token = options.token ?? null;
  let impersonation: ImpersonationTarget | null = null;
  let tabletMember: { userId: number; pin: string | null } | null = null;

  function headersFor(accept: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept, ...options.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (impersonation) headers[IMPERSONATION_HEADERS[impersonation.by]] = String(impersonation.value);
    if (tabletMember) {
      headers[TABLET_MEMBER_HEADERS.id] = String(tabletMember.userId);
      if (tabletMember.pin !== null) headers[TABLET_MEMBER_HEADERS.pin] = tabletMember.pin;
    }
    return headers;
  }

  /**
   * Reads `GET /events` (Server-Sent Events) with fetch rather than EventSource, so the
   * Authorization and impersonation headers are sent. Resolves when the server ends the
   * stream or `signal` aborts it; rejects like any request when it cannot be opened.
   */
  async function streamEvents(handlers: LiveEventHandlers): Promise<void> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1/events`, { headers: headersFor("text/event-stream"), signal: handlers.signal });
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
          const parsed = data ? liveEventSchema.safeParse(safeJson(data)) : null;
          if (parsed?.success) handlers.onEvent(parsed.data);
        }
      }
    } catch (cause) {
      if (handlers.signal?.aborted) return;
      throw new ChorusApiError(0, "network_error", `Lost the connection to Chorus: ${(cause as Error).message}`);
    }
  }

  async function request<S extends z.ZodType | null>(
    method: string,
    path: string,
    schema: S,
    init: { body?: unknown; query?: Query } = {},
  ): Promise<S extends z.ZodType ? z.infer<S> : void> {
    const url = new URL(`${baseUrl}/api/v1${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers = headersFor("application/json");
    if (init.body !== undefined) headers["Content-Type"] = "application/json";

    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (cause) {
      throw new ChorusApiError(0, "network_error", `Could not reach Chorus: ${(cause as Error).message}`);
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw toApiError(response.status, json);
    if (schema === null) return undefined as never;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ChorusApiError(response.status, "unexpected_response", `Unexpected response from ${method} ${path}`);
    }
    return parsed.data as never;
  }

  const get = <S extends z.ZodType>(path: string, schema: S, query?: Query) => request("GET", path, schema, { query });

  return {
    setToken(next: string | null) {
      token = next;
    },
    getToken: () => token,

    /** Act as another member of your circle on the next requests (replaces any earlier target). */
    setImpersonateUserId(id: number) {
      impersonation = { by: "id", value: id };
    },
    setImpersonateUserEmail(email: string) {
      impersonation = { by: "email", value: email };
    },
    setImpersonateUserPhone(phone: string) {
      impersonation = { by: "phone", value: phone };
    },
    clearImpersonation() {
      impersonation = null;
    },
    getImpersonation: (): ImpersonationTarget | null => impersonation,

    /** With a device token: act for the member picked on the tablet (their PIN if they have one). */
    setTabletMember(userId: number, pin: string | null = null) {
      tabletMember = { userId, pin };
    },
    clearTabletMember() {
      tabletMember = null;
    },

    health: () => get("/health", healthSchema),

    auth: {
      signup: (body: SignupRequest) => request("POST", "/auth/signup", authResponseSchema, { body }),
      login: (body: LoginRequest) => request("POST", "/auth/login", authResponseSchema, { body }),
      pinLogin: (body: PinLoginRequest) => request("POST", "/auth/pin-login", authResponseSchema, { body }),
      logout: () => request("POST", "/auth/logout", null),
    },

    users: {
      me: () => get("/users/me", userSchema),
      createToken: (body: CreateApiTokenRequest) => request("POST", "/users/me/tokens", createdApiTokenSchema, { body }),
      listTokens: () => get("/users/me/tokens", apiTokenListSchema),
      revokeToken: (id: number) => request("DELETE", `/users/me/tokens/${id}`, null),
      /** What others did as you: chore actions and act-as sessions, newest first. */
      actedForMe: (query: ActedForMeQuery = {}) => get("/users/me/acted-for-me", actedForMePageSchema, query as Query),
      markActedForMeRead: () => request("POST", "/users/me/acted-for-me/read", null),
      calendarFeed: () => get("/users/me/ical-feed", calendarFeedStatusSchema),
      /** Makes a new secret calendar link, replacing any earlier one. */
      createCalendarFeed: () => request("POST", "/users/me/ical-feed", createdCalendarFeedSchema),
      revokeCalendarFeed: () => request("DELETE", "/users/me/ical-feed", null),
    },

    /**
     * Act-as sessions: start one explicitly (with a reason for the audit log) before
     * sending the selector header, and end it when done. Without a start, the first
     * request with a header starts one.
     */
    impersonation: {
      start: (body: StartImpersonationRequest) => request("POST", "/impersonation", actAsSessionSchema, { body }),
      end: () => request("DELETE", "/impersonation", null),
      /** With the selector header set: the act-as session on that member ends a full limit from now. */
      extend: () => request("POST", "/impersonation/extend", actAsSessionSchema),
    },

    circles: {
      current: () => get("/circles/current", circleSchema),
      create: (body: CreateCircleRequest) => request("POST", "/circles", circleSchema, { body }),
      update: (body: UpdateCircleRequest) => request("PATCH", "/circles/current", circleSchema, { body }),
      join: (inviteCode: string) => request("POST", "/circles/join", joinCircleResponseSchema, { body: { inviteCode } }),
      /** The caller's own pending join requests, newest first. */
      joinRequests: () => get("/circles/join", joinRequestListSchema),
      withdrawJoinRequest: (circleId: number) => request("DELETE", `/circles/join/${circleId}`, null),
      members: (search?: string) => get("/circles/current/members", memberListSchema, { search }),
      accept: (userId: number) => request("POST", `/circles/current/members/${userId}/accept`, memberSchema),
      setRole: (userId: number, role: Role) =>
        request("PUT", `/circles/current/members/${userId}/role`, memberSchema, { body: { role } }),
      setImpersonator: (userId: number, impersonator: boolean) =>
        request("PUT", `/circles/current/members/${userId}/impersonator`, memberSchema, { body: { impersonator } }),
      removeMember: (userId: number) => request("DELETE", `/circles/current/members/${userId}`, null),
      /** A child's account (no email) in your circle; admins and managers. */
      addChild: (body: CreateChildRequest) => request("POST", "/circles/current/members", memberSchema, { body }),
      setMemberPin: (userId: number, pin: string) =>
        request("PUT", `/circles/current/members/${userId}/pin`, memberSchema, { body: { pin } }),
      devices: () => get("/circles/current/devices", deviceListSchema),
      createDevice: (body: CreateDeviceRequest) => request("POST", "/circles/current/devices", createdDeviceSchema, { body }),
      revokeDevice: (id: number) => request("DELETE", `/circles/current/devices/${id}`, null),
      audit: (query: AuditQuery = {}) => get("/circles/current/audit", auditPageSchema, query as Query),
    },

    events: {
      /** Live-update hints for the caller's circle; see LiveEventHandlers. */
      stream: streamEvents,
    },

    /** With a device token: the tablet's name, circle and member tiles. */
    tablet: {
      current: () => get("/devices/current", tabletSchema),
    },

    chores: {
      list: (query: ChoreListQuery = {}) => get("/chores", choreListSchema, query as Query),
      create: (body: CreateChoreRequest) => request("POST", "/chores", choreSchema, { body }),
      get: (id: number) => get(`/chores/${id}`, choreSchema),
      update: (id: number, body: UpdateChoreRequest) => request("PUT", `/chores/${id}`, choreSchema, { body }),
      remove: (id: number) => request("DELETE", `/chores/${id}`, null),
      do: (id: number, body: DoChoreRequest = {}) => request("POST", `/chores/${id}/do`, choreSchema, { body }),
      skip: (id: number, body: SkipChoreRequest = {}) => request("POST", `/chores/${id}/skip`, choreSchema, { body }),
      /** Takes back your latest do or skip of the chore (within 10 minutes, if nothing happened since). */
      undo: (id: number) => request("POST", `/chores/${id}/undo`, choreSchema),
      start: (id: number) => request("PUT", `/chores/${id}/start`, choreSchema),
      pause: (id: number) => request("PUT", `/chores/${id}/pause`, choreSchema),
      history: (id: number, query: HistoryQuery = {}) => get(`/chores/${id}/history`, historyListSchema, query as Query),
    },

    /** The signed-in person's own reminders (never while impersonating). */
    reminders: {
      vapidPublicKey: () => get("/reminders/vapid-public-key", vapidPublicKeySchema),
      settings: () => get("/users/me/reminders", reminderSettingsSchema),
      updateSettings: (body: UpdateReminderSettingsRequest) =>
        request("PUT", "/users/me/reminders", updatedReminderSettingsSchema, { body }),
      /** Sends a test reminder on every configured channel now. */
      test: () => request("POST", "/users/me/reminders/test", reminderTestResultSchema),
      subscribePush: (body: PushSubscriptionRequest) => request("POST", "/users/me/push-subscriptions", pushSubscriptionSchema, { body }),
      unsubscribePush: (body: DeletePushSubscriptionRequest) => request("DELETE", "/users/me/push-subscriptions", null, { body }),
    },
  };
}

export type ChorusClient = ReturnType<typeof createClient>;

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
