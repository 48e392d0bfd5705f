/**
 * A circle's export and its import into another instance (decision 0042). The export reads
 * every record of the circle in one repeatable-read transaction; the import checks that
 * every reference in the file names a row of the file, then writes everything with new ids
 * in one transaction, into the caller's new and empty circle.
 */
import type { CircleExport } from "@chorus/shared";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { CircleRecords, ImportedPerson } from "../domain";
import { ApiError, conflict } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./audit";

type Tx = Prisma.TransactionClient;

/** Every user id a circle's records name, besides its members'. */
function referencedUserIds(records: Omit<CircleRecords, "people" | "circle">): Set<number> {
  const ids = new Set<number>();
  const add = (...values: (number | null)[]) => values.forEach((id) => id !== null && ids.add(id));
  for (const chore of records.chores) {
    add(chore.createdById, chore.updatedById, chore.performedAsId, chore.assignedToId, ...chore.assignees.map((a) => a.userId));
  }
  for (const row of records.history) add(row.updatedById, row.performedAsId);
  for (const tick of records.checklistTicks) add(tick.tickedById, tick.performedAsId);
  for (const penalty of records.penalties) add(penalty.userId);
  for (const entry of records.pointsLedger) add(entry.userId, entry.actorUserId);
  for (const reward of records.rewards) add(reward.createdById, ...reward.availableTo);
  for (const request of records.rewardRequests) add(request.userId, request.actorUserId, request.decidedById);
  for (const event of records.audit) add(event.actorUserId, event.subjectUserId);
  return ids;
}

export async function readCircleRecords(db: Database, circleId: number): Promise<CircleRecords> {
  return db.prisma.$transaction(
    async (tx) => {
      const where = { circleId };
      const byId = { id: "asc" } as const;
      const circle = await tx.circle.findUniqueOrThrow({ where: { id: circleId } });
      const memberships = await tx.membership.findMany({ where, orderBy: byId });
      const chores = await tx.chore.findMany({ where, orderBy: byId, include: { assignees: { orderBy: { position: "asc" } } } });
      const checklistItems = await tx.choreChecklistItem.findMany({ where, orderBy: byId });
      const checklistTicks = await tx.choreChecklistTick.findMany({ where, orderBy: byId });
      const history = await tx.choreHistory.findMany({ where, orderBy: byId });
      const penalties = await tx.chorePenalty.findMany({ where, orderBy: byId });
      const pointsLedger = await tx.pointsEntry.findMany({ where, orderBy: byId });
      const rewards = await tx.reward.findMany({ where, orderBy: byId });
      const rewardRequests = await tx.rewardRequest.findMany({ where, orderBy: byId });
      const audit = await tx.auditEvent.findMany({ where, orderBy: byId });
      const records = { chores, checklistItems, checklistTicks, history, penalties, pointsLedger, rewards, rewardRequests, audit };
      const userIds = referencedUserIds(records);
      for (const membership of memberships) userIds.add(membership.userId);
      const users = await tx.user.findMany({ where: { id: { in: [...userIds] } }, orderBy: byId });
      const membershipOf = new Map(memberships.map((membership) => [membership.userId, membership]));
      const people = users.map((user) => Object.assign(user, { membership: membershipOf.get(user.id) ?? null }));
      return { circle, people, ...records };
    },
    { isolationLevel: "RepeatableRead", timeout: 60_000 },
  );
}

/** An export hands every member's email and the audit log to whoever holds the file: the log says who took one. */
export async function recordCircleExport(db: Database, admin: CircleContext, kind: string): Promise<void> {
  await recordAudit(db.prisma, admin, { action: "circle.exported", entityType: "circle", entityId: admin.circle.id, payload: { kind } });
}

/** Each reference of the file must name a row of the file: a 400 naming the first field that does not. */
function checkReferences(file: CircleExport): void {
  const fields: Record<string, string> = {};
  const refsOf = (name: string, rows: readonly { ref: number }[]) => {
    const refs = new Set<number>();
    rows.forEach((row, index) => {
      if (refs.has(row.ref)) fields[`${name}.${index}.ref`] ??= "Appears twice in the file";
      refs.add(row.ref);
    });
    return refs;
  };
  const people = refsOf("people", file.people);
  const chores = refsOf("chores", file.chores);
  const items = refsOf(
    "checklist",
    file.chores.flatMap((chore) => chore.checklist),
  );
  const history = refsOf("history", file.history);
  const penalties = refsOf("penalties", file.penalties);
  const rewards = refsOf("rewards", file.rewards);
  const requests = refsOf("rewardRequests", file.rewardRequests);
  const check = (field: string, ref: number | null, among: Set<number>, what: string) => {
    if (ref !== null && !among.has(ref)) fields[field] ??= `Names no ${what} in the file`;
  };
  file.chores.forEach((chore, i) => {
    for (const key of ["createdBy", "updatedBy", "performedAs", "assignedTo"] as const)
      check(`chores.${i}.${key}`, chore[key], people, "person");
    chore.assignees.forEach((ref, j) => check(`chores.${i}.assignees.${j}`, ref, people, "person"));
  });
  file.history.forEach((row, i) => {
    check(`history.${i}.chore`, row.chore, chores, "chore");
    check(`history.${i}.updatedBy`, row.updatedBy, people, "person");
    check(`history.${i}.performedAs`, row.performedAs, people, "person");
  });
  file.checklistTicks.forEach((tick, i) => {
    check(`checklistTicks.${i}.item`, tick.item, items, "checklist item");
    check(`checklistTicks.${i}.tickedBy`, tick.tickedBy, people, "person");
    check(`checklistTicks.${i}.performedAs`, tick.performedAs, people, "person");
  });
  file.penalties.forEach((penalty, i) => {
    check(`penalties.${i}.chore`, penalty.chore, chores, "chore");
    check(`penalties.${i}.user`, penalty.user, people, "person");
  });
  file.pointsLedger.forEach((entry, i) => {
    check(`pointsLedger.${i}.user`, entry.user, people, "person");
    check(`pointsLedger.${i}.actor`, entry.actor, people, "person");
    check(`pointsLedger.${i}.chore`, entry.chore, chores, "chore");
    check(`pointsLedger.${i}.history`, entry.history, history, "history row");
    check(`pointsLedger.${i}.rewardRequest`, entry.rewardRequest, requests, "reward request");
    check(`pointsLedger.${i}.penalty`, entry.penalty, penalties, "penalty");
  });
  file.rewards.forEach((reward, i) => {
    check(`rewards.${i}.createdBy`, reward.createdBy, people, "person");
    reward.availableTo.forEach((ref, j) => check(`rewards.${i}.availableTo.${j}`, ref, people, "person"));
  });
  file.rewardRequests.forEach((request, i) => {
    check(`rewardRequests.${i}.reward`, request.reward, rewards, "reward");
    check(`rewardRequests.${i}.user`, request.user, people, "person");
    check(`rewardRequests.${i}.actor`, request.actor, people, "person");
    check(`rewardRequests.${i}.decidedBy`, request.decidedBy, people, "person");
  });
  file.audit.forEach((event, i) => {
    check(`audit.${i}.actor`, event.actor, people, "person");
    check(`audit.${i}.subject`, event.subject, people, "person");
  });
  const members = file.people.filter((person) => person.membership?.status === "active");
  if (!members.some((person) => person.membership?.role === "admin")) fields["people"] ??= "The circle has no active admin";
  if (members.length === 0) fields["people"] ??= "The circle has no active members";
  const first = Object.entries(fields)[0];
  if (first) {
    throw new ApiError("validation_failed", `Invalid body: ${first[0]}: ${first[1]}`, { fields });
  }
}

/** Maps a file's refs to this instance's ids; a ref checkReferences passed is always there. */
class Ids {
  private readonly map = new Map<number, number>();
  set(ref: number, id: number) {
    this.map.set(ref, id);
  }
  of(ref: number): number {
    return this.map.get(ref)!;
  }
  maybe(ref: number | null): number | null {
    return ref === null ? null : this.of(ref);
  }
}

const date = (value: string) => new Date(value);
const maybeDate = (value: string | null) => (value === null ? null : new Date(value));

/** `base`, or `base-2`, `base-3`… the first no account has (usernames are 3–32 characters). */
async function freeUsername(tx: Tx, base: string): Promise<string> {
  const taken = new Set(
    (await tx.user.findMany({ where: { username: { startsWith: base.slice(0, 26) } }, select: { username: true } })).map((u) => u.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base.slice(0, 31 - String(n).length)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * People: the file's person with the caller's email is the caller; everyone else becomes a
 * new account without a password, in the circle if they were in it. An email or phone that
 * another account already has is left off, never merged (the response names them).
 */
async function importPeople(tx: Tx, admin: CircleContext, file: CircleExport, users: Ids): Promise<ImportedPerson[]> {
  const yourEmail = admin.actor.email?.toLowerCase() ?? null;
  const imported: ImportedPerson[] = [];
  for (const person of file.people) {
    const emailKey = person.email?.toLowerCase() ?? null;
    if (emailKey !== null && emailKey === yourEmail) {
      users.set(person.ref, admin.actor.id);
      if (person.membership) {
        await tx.membership.update({
          where: { userId_circleId: { userId: admin.actor.id, circleId: admin.circle.id } },
          data: { points: person.membership.points, createdAt: date(person.membership.joinedAt) },
        });
      }
      imported.push({
        ref: person.ref,
        userId: admin.actor.id,
        username: admin.actor.username,
        isYou: true,
        emailDropped: false,
        phoneDropped: false,
      });
      continue;
    }
    const emailTaken = emailKey !== null && (await tx.user.count({ where: { emailKey } })) > 0;
    const phoneTaken = person.phone !== null && (await tx.user.count({ where: { phone: person.phone } })) > 0;
    const user = await tx.user.create({
      data: {
        username: await freeUsername(tx, person.username),
        email: emailTaken ? null : person.email,
        emailKey: emailTaken ? null : emailKey,
        phone: phoneTaken ? null : person.phone,
        displayName: person.displayName,
        passwordHash: null,
        timezone: person.timezone,
        // A member of the circle gets a claim link from an admin to sign in (decision 0045).
        awaitingClaim: person.membership !== null,
      },
    });
    users.set(person.ref, user.id);
    if (person.membership) {
      const { role, status, impersonator, points, joinedAt } = person.membership;
      await tx.membership.create({
        data: { userId: user.id, circleId: admin.circle.id, role, status, impersonator, points, createdAt: date(joinedAt) },
      });
    }
    imported.push({
      ref: person.ref,
      userId: user.id,
      username: user.username,
      isYou: false,
      emailDropped: emailTaken,
      phoneDropped: phoneTaken && person.phone !== null,
    });
  }
  return imported;
}

async function importChores(tx: Tx, circleId: number, file: CircleExport, users: Ids, chores: Ids, items: Ids): Promise<void> {
  for (const chore of file.chores) {
    const { ref, assignees, checklist, createdBy, updatedBy, performedAs, assignedTo, ...fields } = chore;
    const created = await tx.chore.create({
      data: {
        ...fields,
        circleId,
        nextDueDate: maybeDate(fields.nextDueDate),
        scheduleAnchor: maybeDate(fields.scheduleAnchor),
        currentFrom: maybeDate(fields.currentFrom),
        earlyFrom: maybeDate(fields.earlyFrom),
        timerRunningSince: maybeDate(fields.timerRunningSince),
        finishedAt: maybeDate(fields.finishedAt),
        createdAt: date(fields.createdAt),
        updatedAt: date(fields.updatedAt),
        createdById: users.of(createdBy),
        updatedById: users.of(updatedBy),
        performedAsId: users.of(performedAs),
        assignedToId: users.maybe(assignedTo),
      },
    });
    chores.set(ref, created.id);
    await tx.choreAssignee.createMany({
      data: assignees.map((userRef, position) => ({ circleId, choreId: created.id, userId: users.of(userRef), position })),
    });
    for (const item of checklist) {
      const row = await tx.choreChecklistItem.create({
        data: { circleId, choreId: created.id, position: item.position, text: item.text, createdAt: date(item.createdAt) },
      });
      items.set(item.ref, row.id);
    }
  }
}

export async function importCircle(db: Database, admin: CircleContext, file: CircleExport) {
  checkReferences(file);
  const circleId = admin.circle.id;
  return db.prisma.$transaction(
    async (tx) => {
      const [members, choreCount, rewardCount] = await Promise.all([
        tx.membership.count({ where: { circleId } }),
        tx.chore.count({ where: { circleId } }),
        tx.reward.count({ where: { circleId } }),
      ]);
      if (members > 1 || choreCount > 0 || rewardCount > 0) {
        throw conflict("Import into a new, empty circle: this one already has other members, chores or rewards");
      }
      const [users, chores, items, history, penalties, rewards, requests] = [
        new Ids(),
        new Ids(),
        new Ids(),
        new Ids(),
        new Ids(),
        new Ids(),
        new Ids(),
      ];
      const people = await importPeople(tx, admin, file, users);
      await importChores(tx, circleId, file, users, chores, items);
      for (const reward of file.rewards) {
        const row = await tx.reward.create({
          data: {
            circleId,
            name: reward.name,
            cost: reward.cost,
            stock: reward.stock,
            availableTo: reward.availableTo.map((ref) => users.of(ref)),
            archivedAt: maybeDate(reward.archivedAt),
            createdById: users.of(reward.createdBy),
            createdAt: date(reward.createdAt),
          },
        });
        rewards.set(reward.ref, row.id);
      }
      for (const request of file.rewardRequests) {
        const row = await tx.rewardRequest.create({
          data: {
            circleId,
            rewardId: rewards.of(request.reward),
            userId: users.of(request.user),
            actorUserId: users.of(request.actor),
            status: request.status,
            cost: request.cost,
            decidedById: users.maybe(request.decidedBy),
            decidedAt: maybeDate(request.decidedAt),
            decisionNote: request.decisionNote,
            createdAt: date(request.createdAt),
          },
        });
        requests.set(request.ref, row.id);
      }
      for (const row of file.history) {
        const created = await tx.choreHistory.create({
          data: {
            circleId,
            choreId: chores.of(row.chore),
            action: row.action,
            updatedById: users.of(row.updatedBy),
            performedAsId: users.of(row.performedAs),
            note: row.note,
            points: row.points,
            dueDate: maybeDate(row.dueDate),
            forPart: row.forPart,
            createdAt: date(row.createdAt),
          },
        });
        history.set(row.ref, created.id);
      }
      const choreOfItem = new Map(file.chores.flatMap((chore) => chore.checklist.map((item) => [item.ref, chore.ref] as const)));
      await tx.choreChecklistTick.createMany({
        data: file.checklistTicks.map((tick) => {
          return {
            circleId,
            choreId: chores.of(choreOfItem.get(tick.item)!),
            itemId: items.of(tick.item),
            dueDate: maybeDate(tick.dueDate),
            tickedById: users.of(tick.tickedBy),
            performedAsId: users.of(tick.performedAs),
            createdAt: date(tick.createdAt),
          };
        }),
      });
      for (const penalty of file.penalties) {
        const row = await tx.chorePenalty.create({
          data: {
            circleId,
            choreId: chores.of(penalty.chore),
            userId: users.of(penalty.user),
            dueDate: date(penalty.dueDate),
            points: penalty.points,
            createdAt: date(penalty.createdAt),
          },
        });
        penalties.set(penalty.ref, row.id);
      }
      await tx.pointsEntry.createMany({
        data: file.pointsLedger.map((entry) => ({
          circleId,
          userId: users.of(entry.user),
          actorUserId: users.maybe(entry.actor),
          kind: entry.kind,
          amount: entry.amount,
          balance: entry.balance,
          choreId: chores.maybe(entry.chore),
          historyId: history.maybe(entry.history),
          rewardRequestId: requests.maybe(entry.rewardRequest),
          penaltyId: penalties.maybe(entry.penalty),
          reason: entry.reason,
          createdAt: date(entry.createdAt),
        })),
      });
      await tx.auditEvent.createMany({
        data: file.audit.map((event) => ({
          circleId,
          actorUserId: users.maybe(event.actor),
          subjectUserId: users.maybe(event.subject),
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          outcome: event.outcome,
          payload: event.payload as Prisma.InputJsonValue,
          createdAt: date(event.createdAt),
        })),
      });
      await tx.circle.update({ where: { id: circleId }, data: file.circle });
      const counts = {
        people: file.people.length,
        chores: file.chores.length,
        history: file.history.length,
        pointsLedger: file.pointsLedger.length,
        rewards: file.rewards.length,
        rewardRequests: file.rewardRequests.length,
        audit: file.audit.length,
      };
      await recordAudit(tx, admin, {
        action: "circle.imported",
        entityType: "circle",
        entityId: circleId,
        payload: { exportedAt: file.exportedAt, version: file.version, counts },
      });
      return { circleId, people, counts };
    },
    // A large circle is thousands of rows; nothing else writes while it is imported.
    { timeout: 300_000, maxWait: 10_000 },
  );
}
