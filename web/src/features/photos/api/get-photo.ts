import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener("load", () => resolve(reader.result as string));
    reader.addEventListener("error", () => reject(reader.error ?? new Error("The photo could not be read")));
    reader.readAsDataURL(blob);
  });
}

/**
 * A completion's photo as a data URL for an <img>: fetched with the API's headers (an image
 * URL alone would carry no sign-in), through the acting client so a view as a member shows
 * what that member may see. Held by the query cache, so nothing is left to revoke.
 */
export function usePhotoUrl(photoId: number) {
  const api = useApi();
  return useQuery({
    queryKey: ["photo", photoId],
    queryFn: async () => asDataUrl(await api.acting.photos.get(photoId)),
    staleTime: Infinity,
    retry: false,
  });
}
