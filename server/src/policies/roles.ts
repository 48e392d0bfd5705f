import type { Role } from "@chorus/shared";

const rank: Record<Role, number> = { admin: 3, manager: 2, member: 1 };

export function outranks(a: Role, b: Role): boolean {
  return rank[a] > rank[b];
}

export function isAdminOrManager(role: Role | null): boolean {
  return role === "admin" || role === "manager";
}
