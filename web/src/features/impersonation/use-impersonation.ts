import {
  ChorusApiError,
  type ImpersonationEndReason,
  type ImpersonationEnded,
  type ImpersonationMode,
  type PasskeyProof,
  type SignInMethod,
  type User,
} from "@chorus/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useNotify } from "../../components/notices";
import { useApi, useApiSession } from "../../lib/api-client";
import { errorMessage, hasErrorCode, isImpersonationError } from "../../lib/errors";
import { useImpersonationEndedListener } from "../../lib/live-updates";
import { useApiErrorListener } from "../../lib/use-api-error-listener";
import { useActingForName, useActingUser } from "./api/get-acting-user";
import { useEndImpersonation } from "./api/end-impersonation";
import { useSetImpersonationMode } from "./api/set-impersonation-mode";
import { START_IMPERSONATION_KEY, useStartImpersonation } from "./api/start-impersonation";
import { useRequestActAs } from "./api/act-as-requests";

/** The password or PIN a step-up sends (decision 0020), or an answer from one of the caller's passkeys (decision 0046). */
export type StepUpSecret = { password: string } | { pin: string } | { passkey: PasskeyProof };

/** What a `step_up_required` answer asks for: the sign-in's secret, and whether a passkey would do instead. */
export interface StepUpAsked {
  method: SignInMethod;
  passkey: boolean;
}

/** A start (or a request, `asking`) the server wants confirmed with the sign-in's secret. */
export interface StepUp extends StepUpAsked {
  target: { userId: number; displayName: string };
  reason: string;
  mode: ImpersonationMode;
  asking?: boolean;
  /** Why the last secret was refused; null before one is sent. */
  error: unknown;
}

/** Which secret a `step_up_required` answer asks for, and whether a passkey would do. */
function askedFor(error: unknown): StepUpAsked | null {
  if (!(error instanceof ChorusApiError) || error.code !== "step_up_required") return null;
  const method = error.details?.signInMethod;
  return { method: method === "pin" || method === "oidc" ? method : "password", passkey: error.details?.passkey === true };
}

export function useImpersonation() {
  const api = useApi();
  const { actingAs } = useApiSession();
  const notify = useNotify();
  const startSession = useStartImpersonation();
  const askMember = useRequestActAs();
  const endSession = useEndImpersonation();

  const [stepUp, setStepUp] = useState<StepUp | null>(null);

  /**
   * Starts a session in the chosen mode. A sign-in older than the server's step-up window is
   * asked for its password or PIN, or a passkey (`stepUp`), then `start` is called again with it.
   */
  const start = useCallback(
    (target: { userId: number; displayName: string }, mode: ImpersonationMode, reason = "", secret?: StepUpSecret) => {
      startSession.mutate(
        { userId: target.userId, mode, ...(reason.trim() ? { reason: reason.trim() } : {}), ...secret },
        {
          onSuccess: () => {
            setStepUp(null);
            api.setActingAs(target.userId);
            notify(
              "success",
              mode === "view"
                ? `You are now viewing ${target.displayName}’s tasks, view only: nothing you do here changes them.`
                : `You are now viewing tasks as ${target.displayName}. ` +
                    `What you do counts for ${target.displayName} and is recorded as done by you.`,
            );
          },
          onError: (error) => {
            const asked = askedFor(error);
            if (asked) return setStepUp({ target, reason, mode, ...asked, error: null });
            // A refused secret is answered in the form it was typed in.
            if (secret) return setStepUp((current) => current && { ...current, error });
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
    (target: { userId: number; displayName: string }, mode: ImpersonationMode, reason = "", secret?: StepUpSecret) => {
      askMember.mutate(
        { userId: target.userId, mode, ...(reason.trim() ? { reason: reason.trim() } : {}), ...secret },
        {
          onSuccess: () => {
            setStepUp(null);
            notify("info", `Asked ${target.displayName}. You can view their tasks once they allow it.`);
          },
          onError: (error) => {
            const asked = askedFor(error);
            if (asked) return setStepUp({ target, reason, mode, ...asked, asking: true, error: null });
            if (secret) return setStepUp((current) => current && { ...current, error });
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

/**
 * The banner's switch between view only and view and act (PATCH /impersonation). Switching
 * to act on an older sign-in asks for its secret first (`stepUp`); switching back never does.
 */
export function useImpersonationModeSwitch(name: string) {
  const notify = useNotify();
  const setMode = useSetImpersonationMode();
  const [stepUp, setStepUp] = useState<(StepUpAsked & { error: unknown }) | null>(null);

  const switchTo = (mode: ImpersonationMode, secret?: StepUpSecret) =>
    setMode.mutate(
      { mode, ...secret },
      {
        onSuccess: () => {
          setStepUp(null);
          notify(
            "info",
            mode === "act"
              ? `You can now act for ${name}: what you do counts for ${name} and is recorded as done by you.`
              : `View only again: nothing you do changes ${name}’s tasks.`,
          );
        },
        onError: (error) => {
          const asked = askedFor(error);
          if (asked) return setStepUp({ ...asked, error: null });
          if (secret) return setStepUp((current) => current && { ...current, error });
          notify("error", `Could not switch: ${errorMessage(error)}`);
        },
      },
    );

  return { switchTo, switching: setMode.isPending, stepUp, cancelStepUp: () => setStepUp(null) };
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
    case "consent_changed":
      return `The session as ${name} ended: ${name} no longer lets others act for them.`;
    case "expired":
      // As when a request meets `impersonation_expired`: whichever comes first, the same words.
      return `"View tasks as" has ended: Your time acting as ${name} is up.`;
  }
}

/**
 * Ends "View tasks as" with a message, rather than leaving broken pages, when the server
 * refuses it (role or flag changed, member removed, feature turned off, time is up) or
 * no longer reports it, and at once when the live-update stream says its session ended
 * (Exit in another tab or on another device, expiry; decision 0024). A write refused
 * because the session is view only (switched in another tab) only says so and shows the
 * session as it is now. Mount once, inside the signed-in layout.
 */
export function useImpersonationGuard() {
  const api = useApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const actingUser = useActingUser();
  const name = useActingForName();
  const endSession = useEndImpersonation();
  const endMutate = endSession.mutate;

  useImpersonationEndedListener(
    useCallback(
      (event: ImpersonationEnded) => {
        // Another member by now, or switching in this very tab (the session being replaced is the old one).
        if (api.getSession().actingAs !== event.userId || queryClient.isMutating({ mutationKey: START_IMPERSONATION_KEY }) > 0) return;
        const acting = queryClient.getQueryData<User>(["me", event.userId]);
        const actingName = acting?.impersonatorUserId != null ? acting.displayName : "that member";
        // The server has ended the session already: nothing to DELETE.
        api.setActingAs(null);
        notify("info", impersonationEndedMessage(event.reason, actingName));
      },
      [api, queryClient, notify],
    ),
  );

  useApiErrorListener(
    useCallback(
      (error: unknown) => {
        if (api.getSession().actingAs === null) return;
        if (hasErrorCode(error, "impersonation_read_only")) {
          void queryClient.invalidateQueries({ queryKey: ["me"] });
          void queryClient.invalidateQueries({ queryKey: ["chores"] });
          notify("error", `Nothing was changed: you are viewing ${name}’s tasks, view only. Choose “Allow actions” in the banner to act.`);
          return;
        }
        if (!isImpersonationError(error)) return;
        api.setActingAs(null);
        endMutate();
        notify("error", `"View tasks as" has ended: ${error.message}`);
      },
      [api, notify, endMutate, queryClient, name],
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
