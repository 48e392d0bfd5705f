import { ChorusApiError, type ImpersonationEndReason, type ImpersonationEnded, type User } from "@chorus/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useNotify } from "../../components/notices";
import { useApi, useApiSession } from "../../lib/api-client";
import { errorMessage, isImpersonationError } from "../../lib/errors";
import { useImpersonationEndedListener } from "../../lib/live-updates";
import { useApiErrorListener } from "../../lib/use-api-error-listener";
import { useActingUser } from "./api/get-acting-user";
import { useEndImpersonation } from "./api/end-impersonation";
import { START_IMPERSONATION_KEY, useStartImpersonation } from "./api/start-impersonation";

export function useImpersonation() {
  const api = useApi();
  const { actingAs } = useApiSession();
  const notify = useNotify();
  const startSession = useStartImpersonation();
  const endSession = useEndImpersonation();

  const [stepUp, setStepUp] = useState<StepUp | null>(null);

  /**
   * Starts a session that may act (the web app's "View tasks as" does and views; the
   * view-only choice is issue 16's next step). A sign-in older than the server's step-up
   * window is asked for its password or PIN (`stepUp`), then `start` is called again with it.
   */
  const start = useCallback(
    (target: { userId: number; displayName: string }, reason?: string, secret?: StepUpSecret) => {
      startSession.mutate(
        { userId: target.userId, mode: "act", ...(reason?.trim() ? { reason: reason.trim() } : {}), ...secret },
        {
          onSuccess: () => {
            setStepUp(null);
            api.setActingAs(target.userId);
            notify(
              "success",
              `You are now viewing tasks as ${target.displayName}. ` +
                `What you do counts for ${target.displayName} and is recorded as done by you.`,
            );
          },
          onError: (error) => {
            if (error instanceof ChorusApiError && error.code === "step_up_required") {
              const method = error.details?.signInMethod === "pin" ? "pin" : "password";
              setStepUp({ target, reason: reason ?? "", method });
              return;
            }
            notify("error", `Could not view tasks as ${target.displayName}: ${errorMessage(error)}`);
          },
        },
      );
    },
    [api, notify, startSession],
  );

  const stop = useCallback(() => {
    endSession.mutate();
    api.setActingAs(null);
    notify("info", "You are back to your own tasks.");
  }, [api, notify, endSession]);

  return { actingAs, start, stop, starting: startSession.isPending, stepUp, cancelStepUp: () => setStepUp(null) };
}

/** The password or PIN a step-up sends (decision 0020). */
export type StepUpSecret = { password: string } | { pin: string };

/** A start the server wants confirmed with the sign-in's secret. */
export interface StepUp {
  target: { userId: number; displayName: string };
  reason: string;
  method: "password" | "pin";
}

/** What a tab says when its impersonation session ended elsewhere or ran out (decision 0024). */
export function impersonationEndedMessage(reason: ImpersonationEndReason, name: string): string {
  switch (reason) {
    case "request":
      return `You stopped acting as ${name} in another tab or on another device.`;
    case "replaced":
      return `The session as ${name} ended: you started acting as someone else in another tab.`;
    case "signed_out":
      return `The session as ${name} ended: you signed out in another tab.`;
    case "expired":
      // As when a request meets `impersonation_expired`: whichever comes first, the same words.
      return `"View tasks as" has ended: Your time acting as ${name} is up.`;
  }
}

/**
 * Ends "View tasks as" with a message, rather than leaving broken pages, when the server
 * refuses it (role or flag changed, member removed, feature turned off, time is up) or
 * no longer reports it, and at once when the live-update stream says its session ended
 * (Exit in another tab or on another device, expiry; decision 0024). Mount once, inside the signed-in layout.
 */
export function useImpersonationGuard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const actingUser = useActingUser();
  const endSession = useEndImpersonation();
  const endMutate = endSession.mutate;

  useImpersonationEndedListener(
    useCallback(
      (event: ImpersonationEnded) => {
        // Another member by now, or switching in this very tab (the session being replaced is the old one).
        if (api.getSession().actingAs !== event.userId || queryClient.isMutating({ mutationKey: START_IMPERSONATION_KEY }) > 0) return;
        const acting = queryClient.getQueryData<User>(["me", event.userId]);
        const name = acting?.impersonatorUserId != null ? acting.displayName : "that member";
        // The server has ended the session already: nothing to DELETE.
        api.setActingAs(null);
        notify("info", impersonationEndedMessage(event.reason, name));
      },
      [api, queryClient, notify],
    ),
  );

  useApiErrorListener(
    useCallback(
      (error: unknown) => {
        if (!isImpersonationError(error) || api.getSession().actingAs === null) return;
        api.setActingAs(null);
        endMutate();
        notify("error", `"View tasks as" has ended: ${error.message}`);
      },
      [api, notify, endMutate],
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
