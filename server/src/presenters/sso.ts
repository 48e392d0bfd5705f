import type { SsoIdentity } from "@chorus/shared";
import type { OidcIdentity } from "../generated/prisma/client";

export function presentSsoIdentity(row: OidcIdentity): SsoIdentity {
  return { id: row.id, issuer: row.issuer, email: row.email, createdAt: row.createdAt.toISOString() };
}
