import type { Member, Role } from "@chorus/shared";

const RANK: Record<Role, number> = { admin: 3, manager: 2, member: 1 };

/** The same rule the server enforces: active members of a strictly lower role, never yourself. */
export function impersonatableMembers(members: readonly Member[], caller: { userId: number; role: Role | null }): Member[] {
  const callerRole = caller.role;
  if (callerRole !== "admin" && callerRole !== "manager") return [];
  return members
    .filter((member) => member.status === "active" && member.userId !== caller.userId && RANK[member.role] < RANK[callerRole])
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
