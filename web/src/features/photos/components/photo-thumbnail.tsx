import type { HistoryPhoto } from "@chorus/shared";
import { usePhotoUrl } from "../api/get-photo";

/** A completion's photo in its history row: a thumbnail that opens the full picture, or a note that it expired. */
export function PhotoThumbnail({ photo, label }: { photo: HistoryPhoto; label: string }) {
  if (photo.url === null) return <p className="muted photo-thumbnail__expired">Photo removed after the retention period</p>;
  return <StoredPhoto photoId={photo.id} label={label} />;
}

function StoredPhoto({ photoId, label }: { photoId: number; label: string }) {
  const { url, failed } = usePhotoUrl(photoId);
  if (failed) return <p className="muted">The photo could not be loaded</p>;
  if (url === null) return <p className="muted">Loading photo…</p>;
  return (
    <a className="photo-thumbnail" href={url} target="_blank" rel="noreferrer">
      <img src={url} alt={label} />
    </a>
  );
}
