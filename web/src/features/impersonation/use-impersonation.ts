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
import { useTranslation } from "react-i18next";
import { useNotify } from "../../components/notices";
import { useApi, useApiSession } from "../../lib/api-client";
import { errorMessage, hasErrorCode, isImpersonationError } from "../../lib/errors";
import { i18next } from "../../lib/i18n";
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
  const { t } = useTranslation("impersonation");
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
            notify("success", t(mode === "view" ? "notices.startedView" : "notices.startedAct", { name: target.displayName }));
          },
          onError: (error) => {
            const asked = askedFor(error);
            if (asked) return setStepUp({ target, reason, mode, ...asked, error: null });
            // A refused secret is answered in the form it was typed in.
            if (secret) return setStepUp((current) => current && { ...current, error });
            notify("error", t("notices.startFailed", { name: target.displayName, error: errorMessage(error) }));
          },
        },
      );
    },
    [api, notify, startSession, t],
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
            notify("info", t("notices.asked", { name: target.displayName }));
          },
          onError: (error) => {
            const asked = askedFor(error);
            if (asked) return setStepUp({ target, reason, mode, ...asked, asking: true, error: null });
            if (secret) return setStepUp((current) => current && { ...current, error });
            notify("error", t("notices.askFailed", { name: target.displayName, error: errorMessage(error) }));
          },
        },
      );
    },
    [askMember, notify, t],
  );

  /** Views as a member who granted this sign-in's request: the session is already open. */
  const enterGranted = useCallback(
    (target: { userId: number; displayName: string }) => {
      api.setActingAs(target.userId);
      notify("success", t("notices.granted", { name: target.displayName }));
    },
    [api, notify, t],
  );

  const stop = useCallback(() => {
    endSession.mutate();
    api.setActingAs(null);
    notify("info", t("notices.back"));
  }, [api, notify, endSession, t]);

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
  const { t } = useTranslation("impersonation");
  const setMode = useSetImpersonationMode();
  const [stepUp, setStepUp] = useState<(StepUpAsked & { error: unknown }) | null>(null);

  const switchTo = (mode: ImpersonationMode, secret?: StepUpSecret) =>
    setMode.mutate(
      { mode, ...secret },
      {
        onSuccess: () => {
          setStepUp(null);
          notify("info", t(mode === "act" ? "notices.nowActing" : "notices.viewOnlyAgain", { name }));
        },
        onError: (error) => {
          const asked = askedFor(error);
          if (asked) return setStepUp({ ...asked, error: null });
          if (secret) return setStepUp((current) => current && { ...current, error });
          notify("error", t("notices.switchFailed", { error: errorMessage(error) }));
        },
      },
    );

  return { switchTo, switching: setMode.isPending, stepUp, cancelStepUp: () => setStepUp(null) };
}

/** What a tab says when its impersonation session ended elsewhere or ran out (decision 0024). */
export function impersonationEndedMessage(reason: ImpersonationEndReason, name: string): string {
  // "expired" says what a request meeting `impersonation_expired` says: whichever comes first, the same words.
  return i18next.t(`impersonation:ended.${reason}`, { name });
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
  const { t } = useTranslation("impersonation");
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
        const actingName = acting?.impersonatorUserId != null ? acting.displayName : t("notices.thatMember");
        // The server has ended the session already: nothing to DELETE.
        api.setActingAs(null);
        notify("info", impersonationEndedMessage(event.reason, actingName));
      },
      [api, queryClient, notify, t],
    ),
  );

  useApiErrorListener(
    useCallback(
      (error: unknown) => {
        if (api.getSession().actingAs === null) return;
        if (hasErrorCode(error, "impersonation_read_only")) {
          void queryClient.invalidateQueries({ queryKey: ["me"] });
          void queryClient.invalidateQueries({ queryKey: ["chores"] });
          notify("error", t("notices.readOnly", { name }));
          return;
        }
        if (!isImpersonationError(error)) return;
        api.setActingAs(null);
        endMutate();
        notify("error", t("notices.ended", { message: error.message }));
      },
      [api, notify, endMutate, queryClient, name, t],
    ),
  );

  const notImpersonating = actingUser.data !== undefined && actingUser.data.impersonatorUserId === null;
  useEffect(() => {
    if (notImpersonating && api.getSession().actingAs !== null) {
      api.setActingAs(null);
      notify("error", t("notices.notTreated"));
    }
  }, [notImpersonating, api, notify, t]);
}
