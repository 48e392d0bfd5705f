/**
 * Photo proof (decision 0030) over real HTTP: a chore may require a photo; the photo is
 * uploaded (judged by its content, re-encoded without metadata, resized), named by the do,
 * served only to the circle's admins and managers and the member it is for, and removed
 * by the scheduler tick after the retention period while the history row stays.
 */
import pino from "pino";
import sharp from "sharp";
import { createReminderScheduler } from "../reminders/scheduler";
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, uniqueName, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
});
afterAll(() => server.close());

const LONG_AGO = "2024-05-01T09:00:00Z";
const SECRET = "Alex-at-home-52.5200N";

/** A camera-sized JPEG carrying EXIF text and an orientation (rotated a quarter turn). */
const cameraJpeg = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#336699" } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Artist: SECRET, Copyright: SECRET } })
    .jpeg()
    .toBuffer();
const smallPng = () =>
  sharp({ create: { width: 500, height: 400, channels: 4, background: "#ff000080" } })
    .png()
    .toBuffer();
const photoBody = (buffer: Buffer) => new Uint8Array(buffer);

// Rolling: a do now jumps over no occurrence it would record missed (decision 0031).
const photoChore = (assignees: number[]) =>
  makeChore(home.admin.client, {
    frequency: { type: "daily" },
    scheduleMode: "rolling",
    nextDueDate: LONG_AGO,
    assignees,
    photoRequired: true,
  });

const photoCount = () => server.db.prisma.chorePhoto.count();

function upload(user: TestUser, choreId: number, body: Uint8Array<ArrayBuffer> | string, contentType = "image/jpeg") {
  return server.fetch(`/chores/${choreId}/photos`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.token}`, "Content-Type": contentType },
    body,
  });
}

describe("a chore that requires a photo", () => {
  it("is created and edited with the flag, and shown on the chore", async () => {
    const chore = await makeChore(home.admin.client, { photoRequired: true });
    expect(chore.photoRequired).toBe(true);
    expect((await home.admin.client.chores.update(chore.id, { photoRequired: false })).photoRequired).toBe(false);
    expect((await home.admin.client.chores.get(chore.id)).photoRequired).toBe(false);
    expect((await makeChore(home.admin.client)).photoRequired).toBe(false);
  });

  it("refuses a do without a photo with 400 photo_required and changes nothing", async () => {
    const chore = await photoChore([home.member.user.id]);
    await expectApiError(home.member.client.chores.do(chore.id), 400, "photo_required");
    expect(await home.member.client.chores.get(chore.id)).toMatchObject({ nextDueDate: chore.nextDueDate, version: chore.version });
    expect((await home.member.client.chores.history(chore.id)).history).toEqual([]);
    // Skipping needs no photo.
    await home.member.client.chores.skip(chore.id);
  });

  it("accepts a JPEG: stored re-encoded, upright, at most 1600 px, EXIF gone; the do attaches it", async () => {
    const chore = await photoChore([home.member.user.id]);
    const original = await cameraJpeg();
    const exif = await sharp(original).metadata();
    expect(exif.orientation).toBe(6);
    expect(original.includes(SECRET)).toBe(true);
    const uploaded = await home.member.client.photos.upload(chore.id, photoBody(original));
    // Orientation 6 turns the 3000×2000 picture upright before it is scaled down.
    expect(uploaded).toMatchObject({ contentType: "image/jpeg", width: 1067, height: 1600 });

    const done = await home.member.client.chores.do(chore.id, { photoId: uploaded.id });
    expect(done.performedAs).toBe(home.member.user.id);
    const [entry] = (await home.member.client.chores.history(chore.id)).history;
    expect(entry!.photo).toEqual({ id: uploaded.id, url: `/photos/${uploaded.id}`, expiredAt: null });

    const response = await server.fetch(`/photos/${uploaded.id}`, { headers: { Authorization: `Bearer ${home.member.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const stored = Buffer.from(await response.arrayBuffer());
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 1067, height: 1600 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(stored.includes(SECRET)).toBe(false);

    const audit = await server.db.prisma.auditEvent.findMany({ where: { entityType: "chore", entityId: String(chore.id) } });
    expect(audit.map(({ action }) => action)).toEqual(expect.arrayContaining(["chore.photo_uploaded", "chore.completed"]));
    expect(audit.find(({ action }) => action === "chore.completed")?.payload).toMatchObject({ photoId: uploaded.id });
  });

  it("accepts a PNG whatever type it is sent as, re-encoded as a JPEG and not enlarged", async () => {
    const chore = await photoChore([home.member.user.id]);
    const response = await upload(home.member, chore.id, photoBody(await smallPng()), "text/plain");
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as { id: number };
    expect(uploaded).toMatchObject({ contentType: "image/jpeg", width: 500, height: 400 });
    const blob = await home.member.client.chores
      .do(chore.id, { photoId: uploaded.id })
      .then(() => home.admin.client.photos.get(uploaded.id));
    expect(blob.type).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await blob.arrayBuffer())).metadata()).format).toBe("jpeg");
  });

  it("refuses a non-image sent as image/jpeg (415) and one over the size cap (413), writing nothing", async () => {
    const chore = await photoChore([home.member.user.id]);
    const before = await photoCount();
    const fake = await upload(home.member, chore.id, "GIF89a, or so it says: not an image at all");
    expect(fake.status).toBe(415);
    expect(((await fake.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    // A real JPEG's first bytes and nothing after them.
    const truncated = await upload(home.member, chore.id, photoBody((await cameraJpeg()).subarray(0, 400)));
    expect(truncated.status).toBe(415);

    const oversize = Buffer.alloc(server.config.photos.maxUploadBytes + 1, 0xff);
    const tooLarge = await upload(home.member, chore.id, photoBody(oversize));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "payload_too_large",
      message: "The photo is too large (limit 8 MB)",
    });
    expect(await photoCount()).toBe(before);
    await expectApiError(home.member.client.chores.do(chore.id), 400, "photo_required");
  });

  it("shows the photo to admins, managers and the member it is for; another member gets 403 and sees no photo", async () => {
    const other = await addMember(server, home.admin, "member", { username: uniqueName("other") });
    const chore = await photoChore([home.member.user.id, other.user.id]);
    const uploaded = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    await home.member.client.chores.do(chore.id, { photoId: uploaded.id });

    for (const allowed of [home.admin, home.manager, home.member]) {
      expect((await allowed.client.photos.get(uploaded.id)).size).toBeGreaterThan(0);
      expect((await allowed.client.chores.history(chore.id)).history[0]!.photo?.url).toBe(`/photos/${uploaded.id}`);
    }
    await expectApiError(other.client.photos.get(uploaded.id), 403, "forbidden");
    expect((await other.client.chores.history(chore.id)).history[0]!.photo).toBeNull();
    // Acting as the other member, an admin sees what that member sees.
    const actingAsOther = server.client(home.admin.token);
    actingAsOther.setImpersonateUserId(other.user.id);
    await expectApiError(actingAsOther.photos.get(uploaded.id), 403, "forbidden");
    const actingAsMember = server.client(home.admin.token);
    actingAsMember.setImpersonateUserId(home.member.user.id);
    expect((await actingAsMember.photos.get(uploaded.id)).size).toBeGreaterThan(0);
    // Outside the circle it does not exist.
    const stranger = await createHousehold(server);
    await expectApiError(stranger.admin.client.photos.get(uploaded.id), 404, "not_found");
  });

  it("takes a photo only from the person who uploaded it, for the same chore and member", async () => {
    const other = await addMember(server, home.admin, "member", { username: uniqueName("other") });
    const chore = await photoChore([home.member.user.id, other.user.id]);
    const elsewhere = await photoChore([home.member.user.id]);
    const uploaded = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    await expect(other.client.chores.do(chore.id, { photoId: uploaded.id })).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      details: { fields: { photoId: expect.any(String) } },
    });
    await expectApiError(home.member.client.chores.do(elsewhere.id, { photoId: uploaded.id }), 400, "validation_failed");
    // A second upload replaces the first, which can no longer be used.
    const second = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    await expectApiError(home.member.client.chores.do(chore.id, { photoId: uploaded.id }), 400, "validation_failed");
    await home.member.client.chores.do(chore.id, { photoId: second.id });
  });

  it("works while acting as the member and on a shared tablet; undo takes the photo away", async () => {
    const chore = await photoChore([home.member.user.id]);
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    const uploaded = await acting.photos.upload(chore.id, photoBody(await smallPng()));
    const done = await acting.chores.do(chore.id, { photoId: uploaded.id });
    expect(done).toMatchObject({ updatedBy: home.admin.user.id, performedAs: home.member.user.id });
    expect(await server.db.prisma.chorePhoto.findUnique({ where: { id: uploaded.id } })).toMatchObject({
      uploadedById: home.admin.user.id,
      forUserId: home.member.user.id,
    });
    expect((await home.member.client.photos.get(uploaded.id)).size).toBeGreaterThan(0);
    await acting.chores.undo(chore.id);
    expect(await server.db.prisma.chorePhoto.findUnique({ where: { id: uploaded.id } })).toBeNull();

    const child = await home.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Kid", pin: "2468" });
    const tabletChore = await photoChore([child.userId]);
    const { token } = await home.admin.client.circles.createDevice({ name: "Kitchen tablet" });
    const tablet = server.client(token);
    tablet.setTabletMember(child.userId, "2468");
    await expectApiError(tablet.chores.do(tabletChore.id), 400, "photo_required");
    const fromTablet = await tablet.photos.upload(tabletChore.id, photoBody(await smallPng()));
    await tablet.chores.do(tabletChore.id, { photoId: fromTablet.id });
    const [entry] = (await home.admin.client.chores.history(tabletChore.id)).history;
    expect(entry).toMatchObject({ performedAs: child.userId, photo: { id: fromTablet.id } });
    // The tablet shows chores, not the photos of their history.
    await expectApiError(tablet.photos.get(fromTablet.id), 403, "device_not_allowed");
  });
});

describe("parallel completions with one photo", () => {
  it("complete the occurrence once and attach the photo once", async () => {
    const chore = await photoChore([home.member.user.id]);
    const uploaded = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => home.member.client.chores.do(chore.id, { photoId: uploaded.id, dueDate: chore.nextDueDate })),
    );
    expect(results.filter(({ status }) => status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "stale_occurrence" });
    const { history } = await home.member.client.chores.history(chore.id);
    expect(history.map((entry) => entry.photo?.id)).toEqual([uploaded.id]);
  });
});

describe("photo retention", () => {
  it("the scheduler tick removes photos past the retention period once; the history row says the photo expired", async () => {
    const chore = await photoChore([home.member.user.id]);
    const old = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    await home.member.client.chores.do(chore.id, { photoId: old.id });
    const waiting = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    const fresh = await photoChore([home.member.user.id]);
    const kept = await home.member.client.photos.upload(fresh.id, photoBody(await smallPng()));
    await home.member.client.chores.do(fresh.id, { photoId: kept.id });

    const now = new Date();
    const days = server.config.photos.retentionDays;
    await server.db.prisma.chorePhoto.update({
      where: { id: old.id },
      data: { createdAt: new Date(now.getTime() - (days + 1) * 86_400_000) },
    });
    await server.db.prisma.chorePhoto.update({ where: { id: waiting.id }, data: { createdAt: new Date(now.getTime() - 2 * 3_600_000) } });

    const scheduler = createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) });
    const ticks = await Promise.all([scheduler.runOnce(now), scheduler.runOnce(now)]);
    expect(ticks.some(({ ran }) => ran)).toBe(true);

    const expired = await server.db.prisma.chorePhoto.findUnique({ where: { id: old.id } });
    expect(expired).toMatchObject({ data: null, expiredAt: now });
    expect(await server.db.prisma.chorePhoto.findUnique({ where: { id: waiting.id } })).toBeNull();
    expect((await server.db.prisma.chorePhoto.findUnique({ where: { id: kept.id } }))?.data).not.toBeNull();

    const [entry] = (await home.admin.client.chores.history(chore.id)).history;
    expect(entry).toMatchObject({ action: "completed", photo: { id: old.id, url: null, expiredAt: now.toISOString() } });
    await expectApiError(home.admin.client.photos.get(old.id), 404, "not_found");
    expect((await home.admin.client.photos.get(kept.id)).size).toBeGreaterThan(0);

    // A later tick changes nothing more.
    await scheduler.runOnce(new Date(now.getTime() + 60_000));
    expect(await server.db.prisma.chorePhoto.findUnique({ where: { id: old.id } })).toMatchObject({ expiredAt: now });
  });
});

describe("a photo with a completion that needs approval (decisions 0027, 0030)", () => {
  it("waits with it in the queue, outlives the hour unused uploads get, and proves the completion once approved", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      scheduleMode: "rolling",
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      photoRequired: true,
      needsApproval: true,
    });
    const photo = await home.member.client.photos.upload(chore.id, photoBody(await smallPng()));
    await home.member.client.chores.do(chore.id, { photoId: photo.id });
    // Sent once: the same photo cannot be named again while it waits.
    const queued = (await home.admin.client.approvals.list()).approvals.find((approval) => approval.chore.id === chore.id)!;
    expect(queued.photo).toEqual({ id: photo.id, url: `/photos/${photo.id}`, expiredAt: null });
    expect((await home.admin.client.photos.get(photo.id)).size).toBeGreaterThan(0);

    // Two hours later the tick clears unused uploads, not this one.
    await server.db.prisma.chorePhoto.update({ where: { id: photo.id }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    const scheduler = createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) });
    await scheduler.runOnce(new Date());
    expect((await server.db.prisma.chorePhoto.findUnique({ where: { id: photo.id } }))?.data).not.toBeNull();

    await home.admin.client.approvals.approve(queued.id, {});
    const [entry] = (await home.member.client.chores.history(chore.id)).history;
    expect(entry).toMatchObject({ action: "completed", photo: { id: photo.id, url: `/photos/${photo.id}` } });
    const completed = await server.db.prisma.auditEvent.findFirst({ where: { action: "chore.approved", entityId: String(chore.id) } });
    expect(completed?.payload).toMatchObject({ photoId: photo.id });
  });
});
