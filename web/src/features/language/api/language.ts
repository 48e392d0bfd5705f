import type { LanguageChoice } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useApi } from "../../../lib/api-client";
import { rememberLanguage } from "../../../lib/i18n";

const languageQueryKey = ["language"] as const;

/** The signed-in person's language, always from their own sign-in: acting as a member keeps your screen. */
export function useLanguage() {
  const api = useApi();
  return useQuery({ queryKey: languageQueryKey, queryFn: () => api.self.users.language() });
}

/** Puts the account's language on screen and in this device's cache (a choice made on another device arrives here). */
export function useLanguageSync() {
  const language = useLanguage().data?.language;
  useEffect(() => {
    if (language) void rememberLanguage(language);
  }, [language]);
}

export function useSetLanguage() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: LanguageChoice) => api.self.users.setLanguage({ language }),
    onSuccess: (setting) => queryClient.setQueryData(languageQueryKey, setting),
  });
}
