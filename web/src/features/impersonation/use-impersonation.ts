import { ChorusApiError } from "@chorus/shared";
import { useCallback, useEffect, useState } from "react";
import { useNotify } from "../../components/notices";
import { useApi, useApiSession } from "../../lib/api-client";
import { errorMessage, isImpersonationError } from "../../lib/errors";
import { useApiErrorListener } from "../../lib/use-api-error-listener";
import { useActingUser } from "./api/get-acting-user";
import { useEndImpersonation } from "./api/end-impersonation";
import { useStartImpersonation } from "./api/start-impersonation";
import { useRequestActAs } from "./api/act-as-requests";

export function useImpersonation() {
  const api = useApi();
  const { actingAs } = useApiSession();
  const notify = useNotify();
  const startSession = useStartImpersonation();
  const askMember = useRequestActAs();
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

  /**
   * Asks a member who asks to be asked first (decision 0023); their grant opens the session,
   * then `enterGranted` uses it. The request needs the same step-up as a start.
   */
  const ask = useCallback(
    (target: { userId: number; displayName: string }, reason?: string, secret?: StepUpSecret) => {
      askMember.mutate(
        { userId: target.userId, mode: "act", ...(reason?.trim() ? { reason: reason.trim() } : {}), ...secret },
        {
          onSuccess: () => {
            setStepUp(null);
            notify("info", `Asked ${target.displayName}. You can view their tasks once they allow it.`);
          },
          onError: (error) => {
            if (error instanceof ChorusApiError && error.code === "step_up_required") {
              const method = error.details?.signInMethod === "pin" ? "pin" : "password";
              setStepUp({ target, reason: reason ?? "", method, asking: true });
              return;
            }
            notify("error", `Could not ask ${target.displayName}: ${errorMessage(error)}`);
          },
        },
      );
    },
    [askMember, notify],
  );

  /** Views as a member who granted this sign-in's request: the session is already open. */
  const enterGranted = useCallback(
    (target: { userId: number; displayName: string }) => {
      api.setActingAs(target.userId);
      notify("success", `${target.displayName} allowed it: you are now viewing tasks as ${target.displayName}.`);
    },
    [api, notify],
  );

  const stop = useCallback(() => {
    endSession.mutate();
    api.setActingAs(null);
    notify("info", "You are back to your own tasks.");
  }, [api, notify, endSession]);

  return {
    actingAs,
    start,
    ask,
    enterGranted,
    stop,
    starting: startSession.isPending || askMember.isPending,
    stepUp,
    cancelStepUp: () => setStepUp(null),
  };
}

/** The password or PIN a step-up sends (decision 0020). */
export type StepUpSecret = { password: string } | { pin: string };

/** A start (or a request, `asking`) the server wants confirmed with the sign-in's secret. */
export interface StepUp {
  target: { userId: number; displayName: string };
  reason: string;
  method: "password" | "pin";
  asking?: boolean;
}

/**
 * Ends "View tasks as" with a message, rather than leaving broken pages, when the server
 * refuses it (role or flag changed, member removed, feature turned off, time is up) or
 * no longer reports it. Mount once, inside the signed-in layout.
 */
export function useImpersonationGuard() {
  const api = useApi();
  const notify = useNotify();
  const actingUser = useActingUser();
  const endSession = useEndImpersonation();
  const endMutate = endSession.mutate;

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
