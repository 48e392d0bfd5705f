import { ChorusApiError, type ChorusClient, type LiveEventHandlers } from "@chorus/shared";
import { QueryClient } from "@tanstack/react-query";
import { crowdedPauseMs, followLiveUpdates } from "./live-updates";

/** A client whose stream is scripted: each connection runs the next step. */
function scriptedClient(steps: ((handlers: LiveEventHandlers) => Promise<void>)[]) {
  let connections = 0;
  const client = {
    events: {
      stream: (handlers: LiveEventHandlers) => {
        const step = steps[connections];
        connections += 1;
        // Past the script: stay open until aborted.
        if (!step) return new Promise<void>((resolve) => handlers.signal?.addEventListener("abort", () => resolve()));
        return step(handlers);
      },
    },
  } as unknown as ChorusClient;
  return { client, connections: () => connections };
}

function cache() {
  const queryClient = new QueryClient();
  const keys = [
    ["chores", null, "list", "mine"],
    ["members", null],
    ["circle", null],
    ["me", null],
    ["audit", {}],
    ["apiTokens"],
    ["actedForMe", "unread"],
  ];
  for (const key of keys) queryClient.setQueryData(key, { cached: true });
  const stale = () => keys.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map((key) => key[0]);
  return { queryClient, stale };
}

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("followLiveUpdates", () => {
  it("marks just the queries a hint concerns as stale", async () => {
    const { queryClient, stale } = cache();
    const controller = new AbortController();
    const { client } = scriptedClient([
      async ({ onOpen, onEvent }) => {
        onOpen?.();
        onEvent({ type: "chores" });
        await new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve()));
      },
    ]);
    const following = followLiveUpdates(client, queryClient, controller.signal);
    await until(() => stale().length > 0);
    expect(stale()).toEqual(["chores", "members", "actedForMe"]);
    controller.abort();
    await following;
  });

  it("refreshes Done for you and the audit page when someone starts or ends acting as a member", async () => {
    const { queryClient, stale } = cache();
    const controller = new AbortController();
    const { client } = scriptedClient([
      async ({ onOpen, onEvent }) => {
        onOpen?.();
        onEvent({ type: "impersonation_sessions" });
        await new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve()));
      },
    ]);
    const following = followLiveUpdates(client, queryClient, controller.signal);
    await until(() => stale().length > 0);
    expect(stale()).toEqual(["audit", "actedForMe"]);
    controller.abort();
    await following;
  });

  it("reconnects when the server ends the stream, and then reloads everything it may have missed", async () => {
    const { queryClient, stale } = cache();
    const controller = new AbortController();
    const { client, connections } = scriptedClient([async ({ onOpen }) => onOpen?.(), async ({ onOpen }) => onOpen?.()]);
    const following = followLiveUpdates(client, queryClient, controller.signal);
    await until(() => connections() === 3);
    expect(stale()).toEqual(["chores", "members", "circle", "me", "audit", "apiTokens", "actedForMe"]);
    controller.abort();
    await following;
  });

  it("stops on a refusal, leaving the app's own requests to meet it", async () => {
    const { queryClient, stale } = cache();
    const { client, connections } = scriptedClient([
      () => Promise.reject(new ChorusApiError(403, "impersonation_forbidden", "No longer allowed")),
    ]);
    await followLiveUpdates(client, queryClient, new AbortController().signal);
    expect(connections()).toBe(1);
    expect(stale()).toHaveLength(7);
  });

  it.each([
    [
      "closed its stream for too many streams",
      async ({ onOpen, onEvent }: LiveEventHandlers) => {
        onOpen?.();
        onEvent({ type: "closed", reason: "too_many_streams" });
      },
    ],
    ["refused a stream because the server is full", () => Promise.reject(new ChorusApiError(503, "too_many_streams", "Full"))],
  ])("waits long before reconnecting when the server %s, instead of closing another tab's stream at once", async (_what, step) => {
    const { queryClient } = cache();
    const controller = new AbortController();
    const { client, connections } = scriptedClient([step]);
    const following = followLiveUpdates(client, queryClient, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(connections()).toBe(1);
    controller.abort();
    await following;
  });

  it("hands the end of the impersonation session to its listener, and a change to it stales who you act as", async () => {
    const { queryClient, stale } = cache();
    const controller = new AbortController();
    const ended: unknown[] = [];
    const { client } = scriptedClient([
      async ({ onOpen, onEvent }) => {
        onOpen?.();
        onEvent({ type: "impersonation" });
        onEvent({ type: "impersonation_ended", userId: 2, reason: "request" });
      },
    ]);
    const following = followLiveUpdates(client, queryClient, controller.signal, (event) => ended.push(event));
    await until(() => ended.length > 0);
    expect(ended).toEqual([{ type: "impersonation_ended", userId: 2, reason: "request" }]);
    expect(stale()).toEqual(["chores", "me"]);
    controller.abort();
    await following;
  });

  it("pauses 30 s after such a closure, doubling up to 10 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(crowdedPauseMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
  });
});
