/**
 * Photo proof of a completion (docs/decisions/0030-photo-proof.md): the image is uploaded
 * first (POST /chores/:id/photos, the raw bytes), then the do names it (`photoId`).
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { isoDateTimeSchema, MAX_ID } from "./fields";

export const photoIdSchema = z.int().positive().max(MAX_ID, formMessages.idRange);

/** What the upload answers: the photo as stored, re-encoded and resized, waiting for its do. */
export const uploadedPhotoSchema = z.object({
  id: z.number(),
  contentType: z.string(),
  width: z.number(),
  height: z.number(),
});
export type UploadedPhoto = z.infer<typeof uploadedPhotoSchema>;

/**
 * A completion's photo on its history row, for the circle's admins and managers and the
 * member it is for (null for everyone else, and when there is none). `url` (relative to
 * the API, `/photos/:id`) is null once the photo expired: the row says so with `expiredAt`.
 */
export const historyPhotoSchema = z.object({
  id: z.number(),
  url: z.string().nullable(),
  expiredAt: isoDateTimeSchema.nullable(),
});
export type HistoryPhoto = z.infer<typeof historyPhotoSchema>;
