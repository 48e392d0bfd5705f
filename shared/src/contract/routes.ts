/**
 * Every endpoint of the contract (endpoints.ts) without its schemas: method, path, what it
 * produces, whether it allows impersonation. The web app builds its SDK client from this
 * table so that a phone downloads no zod and no schemas (decision 0018); the server, the
 * tests and scripts use the contract itself and check every answer. Generated:
 * routes.test.ts fails when this table and the contract disagree, and
 * `UPDATE_ROUTES=1 pnpm test` (in shared/) rewrites it.
 */
import type { Route } from "../sdk/transport";
import type { ChorusContract } from "./endpoints";

export const routes = {
  health: {
    get: { method: "GET", path: "/health", produces: { kind: "json" }, access: { credentials: ["public"] } },
  },
  meta: {
    openApi: { method: "GET", path: "/openapi.json", produces: { kind: "json" }, access: { credentials: ["public"] } },
  },
  auth: {
    signup: { method: "POST", path: "/auth/signup", body: true, produces: { kind: "json" }, access: { credentials: ["public"] } },
    login: { method: "POST", path: "/auth/login", body: true, produces: { kind: "json" }, access: { credentials: ["public"] } },
    pinLogin: { method: "POST", path: "/auth/pin-login", body: true, produces: { kind: "json" }, access: { credentials: ["public"] } },
    logout: { method: "POST", path: "/auth/logout", produces: { kind: "empty" }, access: { credentials: ["session", "apiToken"] } },
  },
  users: {
    me: {
      method: "GET",
      path: "/users/me",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    createToken: { method: "POST", path: "/users/me/tokens", body: true, produces: { kind: "json" }, access: { credentials: ["session"] } },
    listTokens: { method: "GET", path: "/users/me/tokens", produces: { kind: "json" }, access: { credentials: ["session", "apiToken"] } },
    revokeToken: {
      method: "DELETE",
      path: "/users/me/tokens/:id",
      produces: { kind: "empty" },
      access: { credentials: ["session", "apiToken"] },
    },
    actedForMe: {
      method: "GET",
      path: "/users/me/acted-for-me",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    markActedForMeRead: {
      method: "POST",
      path: "/users/me/acted-for-me/read",
      produces: { kind: "empty" },
      access: { credentials: ["session", "apiToken"] },
    },
    calendarFeed: {
      method: "GET",
      path: "/users/me/ical-feed",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    createCalendarFeed: { method: "POST", path: "/users/me/ical-feed", produces: { kind: "json" }, access: { credentials: ["session"] } },
    revokeCalendarFeed: {
      method: "DELETE",
      path: "/users/me/ical-feed",
      produces: { kind: "empty" },
      access: { credentials: ["session"] },
    },
  },
  impersonation: {
    start: {
      method: "POST",
      path: "/impersonation",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    end: { method: "DELETE", path: "/impersonation", produces: { kind: "empty" }, access: { credentials: ["session", "apiToken"] } },
    extend: {
      method: "POST",
      path: "/impersonation/extend",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    setMode: {
      method: "PATCH",
      path: "/impersonation",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
  },
  circles: {
    current: {
      method: "GET",
      path: "/circles/current",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    create: { method: "POST", path: "/circles", body: true, produces: { kind: "json" }, access: { credentials: ["session", "apiToken"] } },
    update: {
      method: "PATCH",
      path: "/circles/current",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    join: {
      method: "POST",
      path: "/circles/join",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    lookupInvite: { method: "POST", path: "/invites/lookup", body: true, produces: { kind: "json" }, access: { credentials: ["public"] } },
    joinRequests: { method: "GET", path: "/circles/join", produces: { kind: "json" }, access: { credentials: ["session", "apiToken"] } },
    withdrawJoinRequest: {
      method: "DELETE",
      path: "/circles/join/:circleId",
      produces: { kind: "empty" },
      access: { credentials: ["session", "apiToken"] },
    },
    members: {
      method: "GET",
      path: "/circles/current/members",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    addChild: {
      method: "POST",
      path: "/circles/current/members",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    setMemberPin: {
      method: "PUT",
      path: "/circles/current/members/:userId/pin",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    unlockMemberPin: {
      method: "POST",
      path: "/circles/current/members/:userId/pin/unlock",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    accept: {
      method: "POST",
      path: "/circles/current/members/:userId/accept",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    setRole: {
      method: "PUT",
      path: "/circles/current/members/:userId/role",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    setImpersonator: {
      method: "PUT",
      path: "/circles/current/members/:userId/impersonator",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    removeMember: {
      method: "DELETE",
      path: "/circles/current/members/:userId",
      produces: { kind: "empty" },
      access: { credentials: ["session", "apiToken"] },
    },
    memberPoints: {
      method: "GET",
      path: "/circles/current/members/:userId/points",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    adjustPoints: {
      method: "POST",
      path: "/circles/current/members/:userId/points/adjustments",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    devices: { method: "GET", path: "/circles/current/devices", produces: { kind: "json" }, access: { credentials: ["session"] } },
    createDevice: {
      method: "POST",
      path: "/circles/current/devices",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session"] },
    },
    revokeDevice: {
      method: "DELETE",
      path: "/circles/current/devices/:id",
      produces: { kind: "empty" },
      access: { credentials: ["session"] },
    },
    audit: {
      method: "GET",
      path: "/circles/current/audit",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
  },
  tablet: {
    current: { method: "GET", path: "/devices/current", produces: { kind: "json" }, access: { credentials: ["tablet"] } },
  },
  events: {
    stream: {
      method: "GET",
      path: "/events",
      produces: { kind: "events" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
  },
  chores: {
    list: {
      method: "GET",
      path: "/chores",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken", "tabletMember"], impersonation: "view" },
    },
    create: { method: "POST", path: "/chores", body: true, produces: { kind: "json" }, access: { credentials: ["session", "apiToken"] } },
    get: {
      method: "GET",
      path: "/chores/:id",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
    update: {
      method: "PUT",
      path: "/chores/:id",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    remove: { method: "DELETE", path: "/chores/:id", produces: { kind: "empty" }, access: { credentials: ["session", "apiToken"] } },
    do: {
      method: "POST",
      path: "/chores/:id/do",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken", "tabletMember"], impersonation: "act" },
    },
    skip: {
      method: "POST",
      path: "/chores/:id/skip",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken", "tabletMember"], impersonation: "act" },
    },
    undo: {
      method: "POST",
      path: "/chores/:id/undo",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "act" },
    },
    start: {
      method: "PUT",
      path: "/chores/:id/start",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "act" },
    },
    pause: {
      method: "PUT",
      path: "/chores/:id/pause",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "act" },
    },
    history: {
      method: "GET",
      path: "/chores/:id/history",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
  },
  reminders: {
    vapidPublicKey: {
      method: "GET",
      path: "/reminders/vapid-public-key",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    settings: { method: "GET", path: "/users/me/reminders", produces: { kind: "json" }, access: { credentials: ["session", "apiToken"] } },
    updateSettings: {
      method: "PUT",
      path: "/users/me/reminders",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    test: {
      method: "POST",
      path: "/users/me/reminders/test",
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    subscribePush: {
      method: "POST",
      path: "/users/me/push-subscriptions",
      body: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"] },
    },
    unsubscribePush: {
      method: "DELETE",
      path: "/users/me/push-subscriptions",
      body: true,
      produces: { kind: "empty" },
      access: { credentials: ["session", "apiToken"] },
    },
  },
  feeds: {
    calendar: {
      method: "GET",
      path: "/ical/:token.ics",
      produces: { kind: "document", contentType: "text/calendar" },
      access: { credentials: ["calendarFeed"] },
    },
  },
  pages: {
    tasks: {
      method: "GET",
      path: "/pages/tasks",
      query: true,
      produces: { kind: "json" },
      access: { credentials: ["session", "apiToken"], impersonation: "view" },
    },
  },
} as const satisfies Record<keyof ChorusContract, Record<string, Route>>;
