/**
 * A member's calendar feed (docs/decisions/0012): a secret link, stored only as its
 * sha256, that serves the member's upcoming chore occurrences as iCalendar (RFC 5545).
 * The link authenticates as its owner for this one read, so the owner's own view rules
 * decide what it shows.
 */
import { API_PREFIX, contract, fillPath } from "@chorus/shared";
import { createHash, randomBytes } from "node:crypto";
import { ICalCalendar } from "ical-generator";
import { selfActingContext, type ActingContext, type CircleContext, type RequestMeta } from "../context";
import type { Database } from "../db/database";
import type { ChoreWithAssignees } from "../domain";
import { listChores } from "./chores/crud";
import { projectOccurrences, staysWithAssignee } from "./chores/projection";
import { recordAudit } from "./audit";

/** 32 base64url characters: 192 random bits. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** How far ahead occurrences are listed, and at most how many per chore. */
const HORIZON_DAYS = 56;
const MAX_PER_CHORE = 60;

const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const calendarFeedPath = (token: string) => `${API_PREFIX}${fillPath(contract.feeds.calendar, { token })}`;

export function getCalendarFeed(db: Database, ctx: ActingContext) {
  return db.prisma.calendarFeed.findUnique({ where: { userId: ctx.actor.id } });
}

/** A new secret link, replacing (and so revoking) any earlier one. The token is returned once. */
export async function createCalendarFeed(db: Database, ctx: ActingContext): Promise<{ token: string; createdAt: Date }> {
  const token = randomBytes(24).toString("base64url");
  const tokenHash = hashFeedToken(token);
  return db.prisma.$transaction(async (tx) => {
    const replaced = await tx.calendarFeed.findUnique({ where: { userId: ctx.actor.id }, select: { userId: true } });
    const feed = await tx.calendarFeed.upsert({
      where: { userId: ctx.actor.id },
      create: { userId: ctx.actor.id, tokenHash },
      update: { tokenHash, createdAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: replaced ? "calendar_feed.regenerated" : "calendar_feed.created",
      entityType: "user",
      entityId: ctx.actor.id,
    });
    return { token, createdAt: feed.createdAt };
  });
}

/** Revoking when there is no link is not an error: either way, no link works afterwards. */
export async function revokeCalendarFeed(db: Database, ctx: ActingContext): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { userId: ctx.actor.id } });
    if (count > 0) await recordAudit(tx, ctx, { action: "calendar_feed.revoked", entityType: "user", entityId: ctx.actor.id });
  });
}

/**
 * The feed owner as an acting context, or null for a malformed, unknown or revoked token,
 * or an owner who is in no circle now.
 */
export async function feedOwnerContext(db: Database, token: string, request: RequestMeta): Promise<CircleContext | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const feed = await db.prisma.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    include: { user: { include: { memberships: { where: { status: "active" }, include: { circle: true } } } } },
  });
  const membership = feed?.user.memberships[0];
  if (!feed || !membership) return null;
  const { user } = feed;
  const person = {
    id: user.id,
    username: user.username,
    email: user.email,
    phone: user.phone,
    displayName: user.displayName,
    timezone: user.timezone,
  };
  return selfActingContext(person, {
    circle: membership.circle,
    role: membership.role,
    actorRole: membership.role,
    viaToken: true,
    sessionId: null,
    apiTokenId: null,
    request,
  });
}

/**
 * The open occurrence of each chore assigned to the owner (overdue ones included: they
 * are still to do), and for chores that stay with them — strategy `keep`, or a single
 * assignee — the occurrences after it within the horizon.
 */
export function upcomingOccurrences(chore: ChoreWithAssignees, timezone: string, now: Date): Date[] {
  const max = staysWithAssignee(chore) ? MAX_PER_CHORE : 1;
  return projectOccurrences(chore, timezone, { now, until: new Date(now.getTime() + HORIZON_DAYS * 86_400_000), max });
}

const compactUtc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** The owner's chores as an iCalendar document: name, description and due time only. */
export async function renderCalendarFeed(db: Database, owner: CircleContext, now = new Date()): Promise<string> {
  const chores = await listChores(db, owner, { assignedTo: "me" });
  const calendar = new ICalCalendar({
    prodId: "//Chorus//Chorus chores//EN",
    name: `Chorus: ${owner.subject.displayName}'s chores`,
    ttl: 60 * 60,
  });
  for (const chore of chores) {
    for (const due of upcomingOccurrences(chore, owner.circle.timezone, now)) {
      calendar.createEvent({
        // Stable per occurrence: the same chore due at the same time keeps its UID.
        id: `chore-${chore.id}-${compactUtc(due)}@chorus`,
        sequence: chore.version,
        stamp: chore.updatedAt,
        start: due,
        summary: chore.name,
        ...(chore.description ? { description: chore.description } : {}),
      });
    }
  }
  return calendar.toString();
}
