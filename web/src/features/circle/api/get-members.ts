import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("circle");
  return useCallback(
    (userId) => {
      if (userId === null) return t("memberNames.nobody");
      return members?.find((member) => member.userId === userId)?.displayName ?? t("memberNames.formerMember", { id: userId });
    },
    [members, t],
  );
}
