import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useApi, useApiSession, type Api } from "../../../lib/api-client";

export const membersQuery = (api: Api, actingAs: number | null) => ({
  queryKey: ["members", actingAs] as const,
  queryFn: async () => (await api.acting.circles.members()).members,
});

export function useMembers() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery(membersQuery(api, actingAs));
}

/** User id → display name; people who left the circle show as "User #id". */
export function useMemberNames(): (userId: number | null) => string {
  const members = useMembers().data;
  return useCallback(
    (userId) => {
      if (userId === null) return "Nobody";
      return members?.find((member) => member.userId === userId)?.displayName ?? `User #${userId}`;
    },
    [members],
  );
}
