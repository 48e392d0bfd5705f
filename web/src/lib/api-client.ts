/**
 * The app's connection to the Chorus API: the SDK clients plus the two pieces of
 * session state that change what they send — the sign-in token (localStorage, survives
 * restarts) and the "View tasks as" target (sessionStorage, ends with the browser
 * session). Keeping both here means the header and the stored choice can never disagree.
 */
import {
  createUncheckedActingClient,
  createUncheckedClient,
  type ActingClient,
  type ChorusClient,
  type ClientOptions,
} from "@chorus/shared";
import { createContext, useContext, useSyncExternalStore } from "react";

const TOKEN_KEY = "chorus.token";
const ACTING_AS_KEY = "chorus.actingAsUserId";

export interface ApiSession {
  token: string | null;
  /** The member being viewed as, or null when acting as yourself. */
  actingAs: number | null;
}

export interface Api {
  /**
   * Carries the impersonation header while "View tasks as" is on. It has only the
   * endpoints declared `impersonation` in the contract, so using it for anything else does not compile.
   */
  acting: ActingClient;
  /** Always acts as the signed-in person: everything else (accounts, admin, chore edits). */
  self: ChorusClient;
  // Properties, not methods: useSyncExternalStore is handed them unbound.
  getSession: () => ApiSession;
  subscribe: (listener: () => void) => () => void;
  setToken(token: string | null): void;
  setActingAs(userId: number | null): void;
  /** A client for a shared tablet: the device token instead of a user's, same server. */
  deviceClient(deviceToken: string): ChorusClient;
  /**
   * Resolves once every request the acting client has sent so far has been answered (its
   * headers, so the server has decided it). Ending a session waits for this: a request sent
   * with the selector just before the end, but reaching the server after it, would otherwise
   * start a new session on the member (decision 0012) — and tell them again (decision 0022).
   */
  actingSettled(): Promise<void>;
}

export interface ApiOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  localStorage?: Storage;
  sessionStorage?: Storage;
  /**
   * The SDK's client factories. The app takes answers unchecked, so a phone downloads no
   * schemas (decision 0018); component tests pass the checking ones, so a fixture that
   * the server could not send fails the test.
   */
  clients?: { createClient: (options: ClientOptions) => ChorusClient; createActingClient: (options: ClientOptions) => ActingClient };
}

export function createApi(options: ApiOptions): Api {
  const persistent = options.localStorage ?? window.localStorage;
  const perTab = options.sessionStorage ?? window.sessionStorage;
  const clientOptions = { baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const { createClient, createActingClient } = options.clients ?? {
    createClient: createUncheckedClient,
    createActingClient: createUncheckedActingClient,
  };
  const pending = new Set<Promise<void>>();
  const baseFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const countingFetch: typeof fetch = (input, init) => {
    const answer = baseFetch(input, init);
    // The live-update stream stays open for as long as it is read; it starts nothing later.
    const url = typeof input === "string" ? input : "url" in input ? input.url : input.href;
    if (new URL(url, "http://chorus.invalid").pathname.endsWith("/events")) return answer;
    const settled = answer.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
    return answer;
  };
  const acting = createActingClient({ ...clientOptions, fetch: countingFetch });
  const self = createClient(clientOptions);
  const listeners = new Set<() => void>();

  let session: ApiSession = { token: persistent.getItem(TOKEN_KEY), actingAs: parseUserId(perTab.getItem(ACTING_AS_KEY)) };
  applySession();

  function applySession() {
    acting.setToken(session.token);
    self.setToken(session.token);
    if (session.actingAs === null) acting.clearImpersonation();
    else acting.setImpersonateUserId(session.actingAs);
  }

  function update(next: ApiSession) {
    session = next;
    applySession();
    for (const listener of listeners) listener();
  }

  return {
    acting,
    self,
    getSession: () => session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setToken(token) {
      if (token === null) persistent.removeItem(TOKEN_KEY);
      else persistent.setItem(TOKEN_KEY, token);
      // A different (or no) signed-in person never inherits a "View tasks as" choice.
      if (token !== session.token) perTab.removeItem(ACTING_AS_KEY);
      update({ token, actingAs: token === session.token ? session.actingAs : null });
    },
    deviceClient: (deviceToken) => createClient({ ...clientOptions, token: deviceToken }),
    actingSettled: async () => {
      // A request that never comes back must not keep the end from being sent: wait 5 s at most.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
    },
    setActingAs(userId) {
      if (userId === null) perTab.removeItem(ACTING_AS_KEY);
      else perTab.setItem(ACTING_AS_KEY, String(userId));
      update({ ...session, actingAs: userId });
    },
  };
}

function parseUserId(value: string | null): number | null {
  return value !== null && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi must be used inside <ApiContext>");
  return api;
}

export function useApiSession(): ApiSession {
  const api = useApi();
  return useSyncExternalStore(api.subscribe, api.getSession);
}
