/**
 * The live-update hub of one server process: listens for published changes (see
 * changes.ts) and hands each to the open event streams it concerns. Scoping happens
 * here: a stream hears about its own circle, and about its own people's memberships.
 * It also keeps the streams in bounds: a few per sign-in and per person (a new one
 * closes the oldest), a ceiling per process, and one beat for all of them at which they
 * are re-checked in bulk, one statement per circle (acting/streamGrants.ts). A stream
 * viewing as a member follows its impersonation session (decision 0024): it ends with
 * `impersonation_ended` as soon as the session is ended anywhere, or when its time is up.
 */
import type { LiveEvent, StreamClosed } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { Database } from "../db/database";
import type { Listening } from "../db/listener";
import { ApiError } from "../errors";
import type { Logger } from "../logger";
import { impersonationMsLeft, recheckStreamGrants, type StreamGrant } from "../acting/streamGrants";
import { CHANGES_CHANNEL, parseChange, type Change, type ImpersonationChange } from "./changes";

export interface Subscriber {
  /** Who the stream was opened as: its scope, and what is re-checked at every beat. */
  grant: StreamGrant;
  send(event: LiveEvent): void;
  /** A keep-alive, sent at each beat to a stream that is still allowed. */
  heartbeat(): void;
  /** Sends a last event, if any, and ends the stream. */
  end(last?: LiveEvent): void;
}

export interface LiveHub {
  /**
   * Starts delivering to `subscriber` once this process is listening; returns the
   * unsubscribe. Closes the same sign-in's or person's oldest streams beyond their limit;
   * throws `too_many_streams` when the process holds all the streams it allows.
   */
  subscribe(subscriber: Subscriber): Promise<() => void>;
  /** One beat now: re-checks every open stream, ending those no longer allowed (tests call it directly). */
  recheck(): Promise<void>;
  /** Ends every stream and stops listening (shutdown). */
  close(): Promise<void>;
}

const hubClosed = () => new Error("The live-update hub is closed");
const tooManyStreams: StreamClosed = { type: "closed", reason: "too_many_streams" };

/** The sign-in (or API token) a stream belongs to. */
const credentialOf = (grant: StreamGrant) => (grant.sessionId !== null ? `session:${grant.sessionId}` : `token:${grant.apiTokenId}`);

export function createLiveHub(db: Database, logger: Logger, config: Pick<AppConfig, "liveHeartbeatMs" | "liveStreamLimits">): LiveHub {
  const limits = config.liveStreamLimits;
  // Insertion order is opening order: the first match is the oldest.
  const subscribers = new Set<Subscriber>();
  let listening: Promise<Listening> | null = null;
  let closed = false;
  let beat: NodeJS.Timeout | undefined;
  let rechecking: Promise<void> | null = null;
  // When each impersonating stream's session runs out.
  const expiries = new Map<Subscriber, NodeJS.Timeout>();

  function deliver(change: Change) {
    if (change.type === "impersonation" || change.type === "impersonation_ended") return deliverImpersonation(change);
    for (const subscriber of subscribers) {
      const { circleId, actorId, subjectId, impersonationId } = subscriber.grant;
      if (change.userIds?.some((id) => id === actorId || id === subjectId)) subscriber.end({ type: "circle" });
      // The sessions hint is for the "Done for you" feed and the audit log, neither readable while impersonating.
      else if (change.type === "impersonation_sessions" && impersonationId !== null) continue;
      else if (circleId !== null && change.circleIds.includes(circleId)) subscriber.send({ type: change.type });
    }
  }

  /** To the streams viewing through that sign-in's session on that member, on any circle. */
  function deliverImpersonation(change: ImpersonationChange) {
    for (const subscriber of subscribers) {
      const { grant } = subscriber;
      if (grant.impersonationId === null || grant.sessionId !== change.sessionId || grant.subjectId !== change.targetUserId) continue;
      if (change.type === "impersonation_ended") {
        subscriber.end({ type: "impersonation_ended", userId: grant.subjectId, reason: change.endedBy });
        continue;
      }
      grant.impersonationId = change.open.id;
      grant.impersonationExpiresAt = new Date(change.open.expiresAt);
      watchExpiry(subscriber);
      subscriber.send({ type: "impersonation" });
    }
  }

  /** Arms the timer that ends an impersonating stream when its session's time is up. */
  function watchExpiry(subscriber: Subscriber) {
    clearTimeout(expiries.get(subscriber));
    expiries.delete(subscriber);
    const { impersonationId, impersonationExpiresAt } = subscriber.grant;
    if (impersonationId === null || impersonationExpiresAt === null) return;
    const delay = Math.max(0, impersonationExpiresAt.getTime() - Date.now());
    expiries.set(
      subscriber,
      setTimeout(() => void checkExpiry(subscriber, impersonationId), delay),
    );
  }

  /** At the expected end, the database's clock decides: ended, expired, or (extended meanwhile) later. */
  async function checkExpiry(subscriber: Subscriber, impersonationId: number) {
    expiries.delete(subscriber);
    let msLeft: number | null;
    try {
      msLeft = await impersonationMsLeft(db.prisma, impersonationId);
    } catch (error) {
      logger.warn({ err: error }, "live updates: could not check an impersonation session's end; ending its stream");
      msLeft = null;
    }
    if (!subscribers.has(subscriber) || subscriber.grant.impersonationId !== impersonationId) return;
    if (msLeft !== null && msLeft > 0) {
      subscriber.grant.impersonationExpiresAt = new Date(Date.now() + msLeft);
      watchExpiry(subscriber);
    } else if (msLeft === null) subscriber.end();
    else subscriber.end({ type: "impersonation_ended", userId: subscriber.grant.subjectId, reason: "expired" });
  }

  function endAll() {
    for (const subscriber of subscribers) subscriber.end();
    subscribers.clear();
    for (const timer of expiries.values()) clearTimeout(timer);
    expiries.clear();
  }

  /** The oldest streams to close so that `grant`'s sign-in and person stay within their limits once it opens. */
  function oldestBeyondLimits(grant: StreamGrant): Subscriber[] {
    const credential = credentialOf(grant);
    const sameSignIn = [...subscribers].filter((other) => credentialOf(other.grant) === credential);
    const closing = sameSignIn.slice(0, Math.max(0, sameSignIn.length - (limits.perSession - 1)));
    const samePerson = [...subscribers].filter((other) => other.grant.actorId === grant.actorId && !closing.includes(other));
    return [...closing, ...samePerson.slice(0, Math.max(0, samePerson.length - (limits.perUser - 1)))];
  }

  async function recheckAll() {
    const byCircle = new Map<number | null, Subscriber[]>();
    for (const subscriber of subscribers) {
      const group = byCircle.get(subscriber.grant.circleId) ?? [];
      group.push(subscriber);
      byCircle.set(subscriber.grant.circleId, group);
    }
    // One circle after another: a beat must not take the whole connection pool.
    for (const [circleId, group] of byCircle) {
      let allowed: boolean[];
      try {
        allowed = await recheckStreamGrants(
          db.prisma,
          circleId,
          group.map((subscriber) => subscriber.grant),
        );
      } catch (error) {
        // Unverifiable is not allowed: the clients reconnect and meet whatever a new request meets.
        logger.warn({ err: error, circleId }, "live updates: could not re-check open streams; ending them");
        allowed = group.map(() => false);
      }
      group.forEach((subscriber, index) => (allowed[index] ? subscriber.heartbeat() : subscriber.end()));
    }
  }

  function recheck(): Promise<void> {
    // A beat still running (a slow database) is not started twice.
    rechecking ??= recheckAll().finally(() => (rechecking = null));
    return rechecking;
  }

  function remove(subscriber: Subscriber) {
    subscribers.delete(subscriber);
    clearTimeout(expiries.get(subscriber));
    expiries.delete(subscriber);
    if (subscribers.size === 0) {
      clearInterval(beat);
      beat = undefined;
    }
  }

  // Started on the first stream, so processes nobody watches hold no extra connection.
  function listen(): Promise<Listening> {
    listening ??= db
      .listen(
        CHANGES_CHANNEL,
        {
          onNotification: (payload) => {
            const change = parseChange(payload);
            if (change) deliver(change);
            else logger.warn("live updates: ignored a malformed notification");
          },
          // Changes may have been missed: streams end, clients reconnect and reload.
          onReconnected: endAll,
        },
        logger,
      )
      .catch((error: unknown) => {
        listening = null;
        throw error;
      });
    return listening;
  }

  return {
    async subscribe(subscriber) {
      if (closed) throw hubClosed();
      await listen();
      if (closed) throw hubClosed(); // shutdown began while this process started listening
      const closing = oldestBeyondLimits(subscriber.grant);
      if (subscribers.size - closing.length >= limits.perProcess) {
        throw new ApiError("too_many_streams", "This server has as many live-update streams open as it allows; try again later");
      }
      // A tab that reopens its stream gets it; the oldest gives way, and is told why.
      for (const oldest of closing) oldest.end(tooManyStreams);
      subscribers.add(subscriber);
      watchExpiry(subscriber);
      beat ??= setInterval(() => void recheck(), config.liveHeartbeatMs);
      return () => remove(subscriber);
    },
    recheck,
    async close() {
      closed = true;
      clearInterval(beat);
      beat = undefined;
      endAll();
      const current = listening;
      listening = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
