import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { chorePolicy } from "../policies/chores";
import { readPhoto, uploadPhoto } from "../services/photos";

export function photoHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["photos"]> {
  return {
    upload: ({ params, upload, ctx }) => uploadPhoto(db, chorePolicy.inCircle(ctx), params.id, upload),
    get: async ({ params, ctx }) => {
      const photo = await readPhoto(db, chorePolicy.inCircle(ctx), params.id);
      return { content: photo.data, contentType: photo.contentType };
    },
  };
}
