import { isAdminOrManager, mayImpersonate, type Member, type Role } from "@chorus/shared";

/** The server's rule (shared/src/rules/roles.ts), applied to active members. */
export function impersonatableMembers(members: readonly Member[], caller: { userId: number; role: Role | null }): Member[] {
  const callerRole = caller.role;
  if (!isAdminOrManager(callerRole) || callerRole === null) return [];
  return members
    .filter((member) => member.status === "active" && mayImpersonate({ userId: caller.userId, role: callerRole }, member))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
