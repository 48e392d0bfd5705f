import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useApi, useApiSession } from "../../../lib/api-client";

const membersQueryKey = (actingAs: number | null) => ["members", actingAs] as const;

export function useMembers() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: membersQueryKey(actingAs),
    queryFn: async () => (await api.acting.circles.members()).members,
  });
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
