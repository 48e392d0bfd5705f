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
