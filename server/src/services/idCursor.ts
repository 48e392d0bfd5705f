/** The opaque page cursor of lists ordered by id, newest first: the last id shown. */
import { MAX_ID } from "@chorus/shared";
import { invalidField } from "./chores/records";

export const encodeIdCursor = (id: number) => Buffer.from(String(id)).toString("base64url");

export function decodeIdCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString("latin1");
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX_ID) {
    throw invalidField("before", "Use the nextCursor of the previous page", "query");
  }
  return Number(text);
}
