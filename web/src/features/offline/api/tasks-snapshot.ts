/**
 * The last tasks page of the signed-in person, kept on the device so the installed app
 * opens offline with it (decision 0043). Saved from the query cache whenever one of the
 * first screen's four answers arrives while acting as yourself (their cache keys hold only
 * your own answers, never a member's you act as); read back at start when offline.
 */
import type { Chore, Circle, Member, User } from "@chorus/shared";
import { hashKey, type QueryClient } from "@tanstack/react-query";
import { signedInUserQuery } from "../../auth/api/get-signed-in-user";
import { choresQuery } from "../../chores/api/get-chores";
import { circleQuery } from "../../circle/api/get-circle";
import { membersQuery } from "../../circle/api/get-members";
import type { Api } from "../../../lib/api-client";
import { readSnapshot, saveSnapshot, sessionKeyOf } from "./offline-store";

const keysOf = (api: Api) => ({
  me: signedInUserQuery(api).queryKey,
  circle: circleQuery(api, null).queryKey,
  members: membersQuery(api, null).queryKey,
  chores: choresQuery(api, null, "mine").queryKey,
});

/** Keeps the snapshot up to date while the app runs; returns the unsubscribe. */
export function keepTasksSnapshot(queryClient: QueryClient, api: Api): () => void {
  const keys = keysOf(api);
  const watched = new Set(Object.values(keys).map((key) => hashKey(key)));
  const save = () => {
    const { token, actingAs } = api.getSession();
    if (token === null || actingAs !== null) return;
    const me = queryClient.getQueryData<User>(keys.me);
    const circle = queryClient.getQueryData<Circle>(keys.circle);
    const members = queryClient.getQueryData<Member[]>(keys.members);
    const choresState = queryClient.getQueryState<Chore[]>(keys.chores);
    if (!me || !circle || !members || !choresState?.data) return;
    const chores = choresState.data;
    void sessionKeyOf(token)
      .then((sessionKey) => {
        // Signed out or switched while hashing: this answer is no longer the person's.
        if (sessionKey === null || api.getSession().token !== token) return;
        return saveSnapshot({ sessionKey, savedAt: choresState.dataUpdatedAt, me, circle, members, chores });
      })
      .catch(() => undefined); // no IndexedDB: the app works online only
  };
  // The preloaded page may have filled the cache before this runs.
  save();
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "success" && watched.has(event.query.queryHash)) save();
  });
}

/**
 * Offline at start: seeds the four queries from this sign-in's snapshot, dated when it was
 * fetched (so they refetch once back online). Not while acting as someone: their tasks are
 * never kept.
 */
export async function seedFromTasksSnapshot(queryClient: QueryClient, api: Api): Promise<void> {
  const { token, actingAs } = api.getSession();
  if (token === null || actingAs !== null) return;
  const sessionKey = await sessionKeyOf(token);
  const snapshot = sessionKey === null ? null : await readSnapshot(sessionKey).catch(() => null);
  if (!snapshot) return;
  const keys = keysOf(api);
  const updatedAt = snapshot.savedAt;
  queryClient.setQueryData(keys.me, snapshot.me, { updatedAt });
  queryClient.setQueryData(keys.circle, snapshot.circle, { updatedAt });
  queryClient.setQueryData(keys.members, snapshot.members, { updatedAt });
  queryClient.setQueryData(keys.chores, snapshot.chores, { updatedAt });
}
