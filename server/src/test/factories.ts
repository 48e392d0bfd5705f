/**
 * Test factories: make users and circles through the real API, each with unique names,
 * so tests never share state.
 */
import type { ChorusClient, Role, User } from "@chorus/shared";
import type { TestServer } from "./harness";

let sequence = 0;

/** Users signed up through the API always have an email (children's accounts do not sign up). */
export type SignedUpUser = User & { email: string };

export interface TestUser {
  user: SignedUpUser;
  token: string;
  /** An SDK client signed in as this user. */
  client: ChorusClient;
  password: string;
}

export function uniqueName(prefix = "user"): string {
  sequence += 1;
  return `${prefix}${process.pid}_${sequence}`;
}

export async function signUp(
  server: TestServer,
  overrides: Partial<{ username: string; email: string; phone: string; displayName: string; timezone: string; password: string }> = {},
): Promise<TestUser> {
  const username = overrides.username ?? uniqueName();
  const password = overrides.password ?? "correct horse battery";
  const { token, user } = await server.client().auth.signup({
    username,
    email: overrides.email ?? `${username}@example.test`,
    password,
    displayName: overrides.displayName ?? `Name ${username}`,
    ...(overrides.phone ? { phone: overrides.phone } : {}),
    ...(overrides.timezone ? { timezone: overrides.timezone } : {}),
  });
  return { user: withEmail(user), token, client: server.client(token), password };
}

/** Signs up a user and brings them into `admin`'s circle with `role`. */
export async function addMember(
  server: TestServer,
  admin: TestUser,
  role: Role = "member",
  overrides: Parameters<typeof signUp>[1] = {},
): Promise<TestUser> {
  const joiner = await signUp(server, overrides);
  const circle = await admin.client.circles.current();
  await joiner.client.circles.join({ inviteCode: circle.inviteCode! });
  await admin.client.circles.accept(joiner.user.id);
  if (role !== "member") await admin.client.circles.setRole(joiner.user.id, { role: role });
  const user = withEmail(await joiner.client.users.me());
  return { ...joiner, user };
}

function withEmail(user: User): SignedUpUser {
  if (user.email === null) throw new Error(`${user.username} has no email`);
  return { ...user, email: user.email };
}

export interface TestCircle {
  admin: TestUser;
  manager: TestUser;
  member: TestUser;
}

/** A household with one admin, one manager and one member. */
export async function createHousehold(server: TestServer, timezone?: string): Promise<TestCircle> {
  const admin = await signUp(server, timezone ? { timezone } : {});
  const manager = await addMember(server, admin, "manager");
  const member = await addMember(server, admin, "member");
  return { admin, manager, member };
}

/** Expects `promise` to fail with an API error of `status` and `code`. */
export async function expectApiError(promise: Promise<unknown>, status: number, code: string) {
  await expect(promise).rejects.toMatchObject({ status, code });
}
