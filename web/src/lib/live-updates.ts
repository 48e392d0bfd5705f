/**
 * Keeps open screens current: follows the server's live-update stream (GET /events) and
 * marks the matching cached queries stale, so whatever is on screen refetches. The stream
 * carries hints only; the data always comes from the usual requests, as the viewer.
 */
import { ChorusApiError, type ActingClient, type ImpersonationEnded, type LiveEventType } from "@chorus/shared";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { useApi, useApiSession, type Api } from "./api-client";

const STALE_AFTER: Record<LiveEventType, QueryKey[] | "everything"> = {
  // Completions move points on the members list, the leaderboard and points histories, and may be done for someone;
  // a completion that needs approval joins the queue, and a decision leaves it (decision 0027).
  chores: [["chores"], ["members"], ["points"], ["actedForMe"], ["approvals"], ["statistics"], ["calendar"]],
  // Roles change what people may see and do; a removal unassigns chores; adjustments and rewards move points;
  // "ask me first" requests and their answers (decision 0023) and the act-as settings travel as members hints too.
  members: [
    ["members"],
    ["circle"],
    ["me"],
    ["joinRequests"],
    ["chores"],
    ["points"],
    ["rewards"],
    ["rewardRequests"],
    ["act-as-requests"],
    ["statistics"],
    ["approvals"],
    // Away days and pauses (decision 0034) mark the calendar's occurrences.
    ["calendar"],
  ],
  // The circle's settings, or the viewer's own membership.
  circle: "everything",
  // The impersonation session was extended or switched in another tab: its end, and what may be done.
  impersonation: [["me"], ["chores"]],
  // Someone started or ended acting as a member: their "Done for you" feed and the admins' review.
  impersonation_sessions: [["actedForMe"], ["audit"]],
};

function markStale(queryClient: QueryClient, type: LiveEventType | "everything") {
  const keys = type === "everything" ? "everything" : STALE_AFTER[type];
  if (keys === "everything") void queryClient.invalidateQueries();
  else for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** After the server closed a stream because too many were open: 30 s, doubling up to 10 minutes. */
export const crowdedPauseMs = (times: number) => Math.min(10 * 60_000, 30_000 * 2 ** (times - 1));

/**
 * Reads the stream until `signal` aborts, reconnecting when it ends: at once when the
 * server closed it (the viewer moved circle, a server restarted), with growing pauses
 * while Chorus cannot be reached. After any gap everything is refetched, since hints may
 * have been missed. A refusal (signed out, impersonation no longer allowed) stops it: the
 * app's own requests meet the same answer and deal with it. Too many streams (more tabs
 * than the server allows one sign-in, or a full server) means long, growing pauses: an
 * immediate reconnect would only close another tab's stream, and so on in a loop; the
 * refetch on window focus keeps this tab current meanwhile. When the impersonation session the
 * stream views through ends (in another tab, on another device, or by time), `onImpersonationEnded`
 * hears it at once (decision 0024).
 */
export async function followLiveUpdates(
  client: Pick<ActingClient, "events">,
  queryClient: QueryClient,
  signal: AbortSignal,
  onImpersonationEnded: (event: ImpersonationEnded) => void = () => {},
): Promise<void> {
  let openedBefore = false;
  let failures = 0;
  let crowded = 0;
  while (!signal.aborted) {
    let crowdedOut = false;
    try {
      await client.events.stream({
        signal,
        onOpen: () => {
          if (openedBefore) markStale(queryClient, "everything");
          openedBefore = true;
          failures = 0;
        },
        onEvent: (event) => {
          if (event.type === "closed") crowdedOut = true;
          else if (event.type === "impersonation_ended") onImpersonationEnded(event);
          else markStale(queryClient, event.type);
        },
      });
    } catch (error) {
      if (error instanceof ChorusApiError && error.code === "too_many_streams") crowdedOut = true;
      else if (error instanceof ChorusApiError && error.status >= 400 && error.status < 500) {
        markStale(queryClient, "everything");
        return;
      } else failures += 1;
    }
    if (crowdedOut) crowded += 1;
    const pause = crowdedOut ? crowdedPauseMs(crowded) : failures === 0 ? 200 : Math.min(30_000, 1_000 * 2 ** (failures - 1));
    await sleep(pause, signal);
  }
}

type ImpersonationEndedListener = (event: ImpersonationEnded) => void;
const impersonationEndedListeners = new WeakMap<Api, Set<ImpersonationEndedListener>>();

/** Calls `listener` when the impersonation session this tab's stream views through ends. */
export function useImpersonationEndedListener(listener: ImpersonationEndedListener) {
  const api = useApi();
  useEffect(() => {
    const listeners = impersonationEndedListeners.get(api) ?? new Set();
    impersonationEndedListeners.set(api, listeners);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [api, listener]);
}

/** Hands an `impersonation_ended` event to this app's listeners. */
export function announceImpersonationEnded(api: Api, event: ImpersonationEnded) {
  for (const listener of impersonationEndedListeners.get(api) ?? []) listener(event);
}

/** Follows live updates while someone is signed in, as whoever they are viewing as. */
export function useLiveUpdates() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { token, actingAs } = useApiSession();
  // A new sign-in or a new person viewed as reopens the stream, which carries the current session.
  useEffect(() => {
    if (token === null) return;
    const controller = new AbortController();
    void followLiveUpdates(api.acting, queryClient, controller.signal, (event) => announceImpersonationEnded(api, event));
    return () => controller.abort();
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- as said above
  }, [api, queryClient, token, actingAs]);
}
