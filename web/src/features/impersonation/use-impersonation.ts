import { useCallback, useEffect } from "react";
import { useNotify } from "../../components/notices";
import { useApi, useApiSession } from "../../lib/api-client";
import { isImpersonationError } from "../../lib/errors";
import { useApiErrorListener } from "../../lib/use-api-error-listener";
import { useActingUser } from "./api/get-acting-user";

export function useImpersonation() {
  const api = useApi();
  const { actingAs } = useApiSession();
  const notify = useNotify();

  const start = useCallback(
    (target: { userId: number; displayName: string }) => {
      api.setActingAs(target.userId);
      notify("success", `You are now viewing tasks as ${target.displayName}. What you do counts for ${target.displayName} and is recorded as done by you.`);
    },
    [api, notify],
  );

  const stop = useCallback(() => {
    api.setActingAs(null);
    notify("info", "You are back to your own tasks.");
  }, [api, notify]);

  return { actingAs, start, stop };
}

/**
 * Ends "View tasks as" with a message, rather than leaving broken pages, when the server
 * refuses it (role or flag changed, member removed, feature turned off) or no longer
 * reports it. Mount once, inside the signed-in layout.
 */
export function useImpersonationGuard() {
  const api = useApi();
  const notify = useNotify();
  const actingUser = useActingUser();

  useApiErrorListener(
    useCallback(
      (error: unknown) => {
        if (!isImpersonationError(error) || api.getSession().actingAs === null) return;
        api.setActingAs(null);
        notify("error", `"View tasks as" has ended: ${error.message}`);
      },
      [api, notify],
    ),
  );

  const notImpersonating = actingUser.data !== undefined && actingUser.data.impersonatorUserId === null;
  useEffect(() => {
    if (notImpersonating && api.getSession().actingAs !== null) {
      api.setActingAs(null);
      notify("error", `"View tasks as" has ended: the server no longer treats you as acting for that member.`);
    }
  }, [notImpersonating, api, notify]);
}
