import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

/**
 * GET /users/me with the impersonation header: the member being viewed as, with
 * `impersonatorUserId` = you. The server's answer, not local state, drives the banner.
 */
export function useActingUser() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({ queryKey: ["me", actingAs], queryFn: () => api.acting.users.me(), enabled: actingAs !== null });
}

/**
 * The name that labels say an action is for ("Done for Alex"), or null when you act as
 * yourself. Until GET /users/me answers, the member's id stands in, as in the banner.
 */
export function useActingForName(): string | null {
  const { actingAs } = useApiSession();
  const actingUser = useActingUser();
  if (actingAs === null) return null;
  return actingUser.data?.impersonatorUserId != null ? actingUser.data.displayName : `member #${actingAs}`;
}
