/**
 * Clients built from the schema-free route table: the same calls and types as
 * `createClient` / `createActingClient`, but answers are taken as the server sent them
 * instead of being checked against the contract's schemas. For the web app, which then
 * downloads neither zod nor the schemas (decision 0018); the server's tests check every
 * answer with the checking client.
 */
import { routes } from "../contract/routes";
import type { LiveEvent } from "../schemas/events";
import { actingClientFrom, clientFrom, type ClientOptions, type EventParser } from "./transport";

// Every type the contract declares: a new one that is not listed here does not compile.
const KNOWN: Record<LiveEvent["type"], true> = {
  chores: true,
  members: true,
  circle: true,
  impersonation: true,
  impersonation_sessions: true,
  closed: true,
  impersonation_ended: true,
};
const LIVE_EVENT_TYPES: ReadonlySet<unknown> = new Set(Object.keys(KNOWN));

/** Events the client does not know are dropped, as the checking client drops them. */
const plainEvent: EventParser = (json) =>
  typeof json === "object" && json !== null && LIVE_EVENT_TYPES.has((json as { type?: unknown }).type) ? (json as LiveEvent) : null;

export function createUncheckedClient(options: ClientOptions) {
  return clientFrom(routes, plainEvent, options);
}

export function createUncheckedActingClient(options: ClientOptions) {
  return actingClientFrom(routes, plainEvent, options);
}
