import type { MfaStatus, Passkey } from "@chorus/shared";
import type { Passkey as PasskeyRow } from "../generated/prisma/client";

export function presentPasskey(passkey: PasskeyRow): Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  };
}

export function presentMfaStatus(status: Omit<MfaStatus, "passkeys"> & { passkeys: PasskeyRow[] }): MfaStatus {
  return { ...status, passkeys: status.passkeys.map(presentPasskey) };
}
