import type { ThemeChoice, ThemeSetting } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useApi } from "../../../lib/api-client";
import { rememberTheme } from "../../../lib/theme";

const themeQueryKey = ["theme"] as const;

/** The signed-in person's colour scheme, always from their own sign-in: acting as a member keeps your screen. */
export function useTheme() {
  const api = useApi();
  return useQuery({ queryKey: themeQueryKey, queryFn: () => api.self.users.theme() });
}

/** Puts the account's choice on screen and in this device's cache (a choice made on another device arrives here). */
export function useThemeSync() {
  const theme = useTheme().data?.theme;
  useEffect(() => {
    if (theme) rememberTheme(theme);
  }, [theme]);
}

export function useSetTheme() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (theme: ThemeChoice) => api.self.users.setTheme({ theme }),
    // Shown at once (useThemeSync applies it); a failure puts the saved one back. A read still in
    // flight would land the old choice on top afterwards: cancel it first.
    onMutate: async (theme) => {
      await queryClient.cancelQueries({ queryKey: themeQueryKey });
      queryClient.setQueryData<ThemeSetting>(themeQueryKey, { theme });
    },
    onSuccess: (setting) => queryClient.setQueryData(themeQueryKey, setting),
    onError: () => void queryClient.invalidateQueries({ queryKey: themeQueryKey }),
  });
}
