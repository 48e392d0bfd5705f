/**
 * The typed Chorus API client, used by the web app, the tests and scripts. Every call is
 * derived from the endpoint contract (../contract/endpoints.ts): `chorus.chores.do(id, body)`
 * is `POST /chores/:id/do`, with path parameters first, then the body (or the query of a GET).
 * Answers and live events are checked against the contract's schemas.
 *
 *   const chorus = createClient({ baseUrl: "http://localhost:3000", token });
 *   chorus.setImpersonateUserId(42);      // act as member 42 (admins/managers only)
 *   await chorus.chores.list();           // …sees what member 42 sees
 *   chorus.clearImpersonation();
 */
import { contract } from "../contract/endpoints";
import { liveEventSchema } from "../schemas/events";
import { actingClientFrom, clientFrom, type ClientOptions, type EventParser } from "./transport";

export * from "./transport";

const checkEvent: EventParser = (json) => {
  const parsed = liveEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
};

export function createClient(options: ClientOptions) {
  return clientFrom(contract, checkEvent, options);
}

/**
 * A client that can only call endpoints declared with an `impersonation` mode: what a web app
 * holds for "View tasks as", so calling anything else while acting is a type error.
 */
export function createActingClient(options: ClientOptions) {
  return actingClientFrom(contract, checkEvent, options);
}
