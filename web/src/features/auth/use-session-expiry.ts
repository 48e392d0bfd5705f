import { ChorusApiError } from "@chorus/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../components/notices";
import { useApi } from "../../lib/api-client";
import { useApiErrorListener } from "../../lib/use-api-error-listener";

/** A 401 anywhere means the session is gone (signed out elsewhere, expired): back to sign-in. */
export function useSessionExpiry() {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { t } = useTranslation("auth");
  useApiErrorListener(
    useCallback(
      (error: unknown) => {
        if (!(error instanceof ChorusApiError) || error.code !== "unauthenticated" || api.getSession().token === null) return;
        api.setToken(null);
        queryClient.clear();
        notify("info", t("sessionEnded"));
      },
      [api, queryClient, notify, t],
    ),
  );
}
