/**
 * Photo proof of completions (docs/decisions/0030-photo-proof.md). An upload is judged by
 * its content (the image library reads it; the name and Content-Type are ignored),
 * re-encoded as a JPEG of at most MAX_DIMENSION pixels a side with no metadata (EXIF and
 * GPS gone, the orientation applied first), and stored in the database so every server
 * process serves it. It waits for the do that names it; the scheduler tick removes waiting
 * photos after an hour and completions' photos after the retention period.
 */
import type { UploadedPhoto } from "@chorus/shared";
import type sharpType from "sharp";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { chorePolicy } from "../policies/chores";
import { photoPolicy } from "../policies/photos";
import { recordAudit } from "./audit";
import { invalidField } from "./chores/records";

/** Longest side of a stored photo: enough to check a chore, small enough for a household's database. */
const MAX_DIMENSION = 1600;
/** Larger images are refused before they are decoded (a small file can unpack to gigabytes). */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);
/** A photo no do has named in this long was abandoned. */
export const WAITING_PHOTO_MINUTES = 60;

type Sharp = typeof sharpType;
let loading: Promise<Sharp> | null = null;

/**
 * The image library, loaded on the first photo only: the embedded server's memory is
 * measured (decision 0009) and most households never send one. One thread and no
 * operation cache: a photo at a time is plenty, and nothing stays allocated after it.
 */
function imageLibrary(): Promise<Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

const notAnImage = () => new ApiError("unsupported_media_type", "Send a photo as a JPEG, PNG or WebP image");

/** The upload as a JPEG without metadata, at most MAX_DIMENSION a side. */
async function reencode(input: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const sharp = await imageLibrary();
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" } as const;
  let format: string | undefined;
  try {
    ({ format } = await sharp(input, options).metadata());
  } catch {
    throw notAnImage();
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw notAnImage();
  try {
    const { data, info } = await sharp(input, options)
      // Turned upright by its EXIF orientation before the metadata is dropped (sharp keeps none unless asked).
      .rotate()
      .resize({ width: MAX_DIMENSION, height: MAX_DIMENSION, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new ApiError("payload_too_large", `The photo has too many pixels (at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels)`);
    }
    throw notAnImage();
  }
}

const accessFields = { circleId: true, createdById: true, isPrivate: true, assignees: { select: { userId: true } } } as const;

/**
 * Stores a photo for the caller's next do of the chore (as the member it counts for). It
 * replaces one they uploaded before and did not use, so waiting photos stay one per
 * chore, uploader and member.
 */
export async function uploadPhoto(db: Database, ctx: CircleContext, choreId: number, input: Buffer): Promise<UploadedPhoto> {
  const chore = await db.prisma.chore.findFirst({ where: { id: choreId, circleId: ctx.circle.id }, select: accessFields });
  chorePolicy.act(ctx, chore);
  const image = await reencode(input);
  const photo = await db.prisma.$transaction(async (tx) => {
    const owner = { circleId: ctx.circle.id, uploadedById: ctx.actor.id, forUserId: ctx.subject.id };
    await tx.chorePhoto.deleteMany({ where: { ...owner, choreId, historyId: null } });
    // The bytes travel as base64 text, decoded by PostgreSQL: the same on both drivers, whose binary parameters differ.
    const [created] = await tx.$queryRaw<UploadedPhoto[]>`
      INSERT INTO "ChorePhoto" ("circleId", "choreId", "uploadedById", "forUserId", "contentType", "width", "height", "data")
      VALUES (${owner.circleId}, ${choreId}, ${owner.uploadedById}, ${owner.forUserId}, 'image/jpeg', ${image.width}, ${image.height},
        decode(${image.data.toString("base64")}, 'base64'))
      RETURNING "id", "contentType", "width", "height"`;
    await recordAudit(tx, ctx, {
      action: "chore.photo_uploaded",
      entityType: "chore",
      entityId: choreId,
      payload: { photoId: created!.id, bytes: image.data.length, width: image.width, height: image.height },
    });
    return created!;
  });
  return photo;
}

/**
 * Inside a do's transaction (the chore locked): the waiting photo `photoId` if the caller
 * uploaded it for this chore and member; locked so a new upload cannot replace it meanwhile.
 */
export async function claimWaitingPhoto(tx: Prisma.TransactionClient, ctx: CircleContext, choreId: number, photoId: number) {
  const [row] = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "ChorePhoto"
    WHERE "id" = ${photoId} AND "circleId" = ${ctx.circle.id} AND "choreId" = ${choreId} AND "historyId" IS NULL AND "approvalId" IS NULL
      AND "uploadedById" = ${ctx.actor.id} AND "forUserId" = ${ctx.subject.id} AND "data" IS NOT NULL
    FOR UPDATE`;
  if (!row) throw invalidField("photoId", "Upload the photo for this chore first; it may have been replaced");
  return row.id;
}

/** A completion's photo, for those allowed to see it and its chore. */
export async function readPhoto(db: Database, ctx: CircleContext, photoId: number): Promise<{ data: Buffer; contentType: string }> {
  const photo = await db.prisma.chorePhoto.findFirst({
    // Sent with a completion: done, or waiting for approval in the queue.
    where: { id: photoId, circleId: ctx.circle.id, OR: [{ historyId: { not: null } }, { approvalId: { not: null } }] },
    select: { forUserId: true, contentType: true, chore: { select: accessFields } },
  });
  if (!photo) throw notFound("Photo");
  chorePolicy.view(ctx, photo.chore);
  photoPolicy.view(ctx, photo);
  const [stored] = await db.prisma.$queryRaw<{ data: string | null }[]>`
    SELECT encode("data", 'base64') AS "data" FROM "ChorePhoto" WHERE "id" = ${photoId}`;
  if (!stored?.data) throw new ApiError("not_found", "This photo was removed after the retention period");
  return { data: Buffer.from(stored.data, "base64"), contentType: photo.contentType };
}

/**
 * The scheduler tick's sweep (under its lock, so once across processes): completions'
 * photos older than the retention period lose their bytes, keeping the row so the history
 * says the photo expired; photos no do named within WAITING_PHOTO_MINUTES are deleted.
 */
export async function expirePhotos(tx: Prisma.TransactionClient, now: Date, retentionDays: number): Promise<void> {
  const keptSince = new Date(now.getTime() - retentionDays * 86_400_000);
  const waitingSince = new Date(now.getTime() - WAITING_PHOTO_MINUTES * 60_000);
  await tx.chorePhoto.updateMany({
    where: { OR: [{ historyId: { not: null } }, { approvalId: { not: null } }], expiredAt: null, createdAt: { lt: keptSince } },
    data: { data: null, expiredAt: now },
  });
  await tx.chorePhoto.deleteMany({ where: { historyId: null, approvalId: null, createdAt: { lt: waitingSince } } });
}
