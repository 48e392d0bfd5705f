import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useApi } from "../../../lib/api-client";

/**
 * A completion's photo as an object URL for an <img>: fetched with the API's headers (an
 * image URL alone would carry no sign-in), through the acting client so a view as a member
 * shows what that member may see. The URL is let go when the image leaves the screen.
 */
export function usePhotoUrl(photoId: number): { url: string | null; failed: boolean } {
  const api = useApi();
  const photo = useQuery({ queryKey: ["photo", photoId], queryFn: () => api.acting.photos.get(photoId), staleTime: Infinity, retry: false });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo.data) return;
    const objectUrl = URL.createObjectURL(photo.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo.data]);
  return { url, failed: photo.isError };
}
