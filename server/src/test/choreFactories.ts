/**
 * Helpers for chore tests: chores made through the real API, field-level error checks
 * and the per-request SQL count.
 */
import type { Chore, ChorusClient, CreateChoreRequest } from "@chorus/shared";
import { readError, type TestServer } from "./harness";
import type { TestUser } from "./factories";

let sequence = 0;

/** A chore with a unique name; `overrides` replace any field. */
export function makeChore(client: ChorusClient, overrides: Partial<CreateChoreRequest> = {}): Promise<Chore> {
  sequence += 1;
  return client.chores.create({ name: `Chore ${sequence}`, ...overrides });
}

/** Expects a 400 validation_failed that names `field`. */
export async function expectInvalidField(promise: Promise<unknown>, field: string) {
  await expect(promise).rejects.toMatchObject({
    status: 400,
    code: "validation_failed",
    details: { fields: expect.objectContaining({ [field]: expect.any(String) }) },
  });
}

/** Sends a request as `user` and returns the status, the error (if any) and the SQL statement count. */
export async function rawRequest(server: TestServer, user: TestUser, method: string, path: string, body?: unknown) {
  const response = await server.fetch(path, {
    method,
    headers: { Authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const error = response.ok ? null : await readError(response);
  return { status: response.status, error, sqlStatements: Number(response.headers.get("x-sql-statements")) };
}

/** Points per user id, as the members list shows them. */
export async function pointsByUser(client: ChorusClient): Promise<Map<number, number>> {
  const { members } = await client.circles.members();
  return new Map(members.map((member) => [member.userId, member.points]));
}
