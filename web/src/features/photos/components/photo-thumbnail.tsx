import type { HistoryPhoto } from "@chorus/shared";
import { useState } from "react";
import { usePhotoUrl } from "../api/get-photo";

/** A completion's photo in its history row: a thumbnail that opens up in place, or a note that it expired. */
export function PhotoThumbnail({ photo, label }: { photo: HistoryPhoto; label: string }) {
  if (photo.url === null) return <p className="muted photo-thumbnail__expired">Photo removed after the retention period</p>;
  return <StoredPhoto photoId={photo.id} label={label} />;
}

function StoredPhoto({ photoId, label }: { photoId: number; label: string }) {
  const { data: url, isError } = usePhotoUrl(photoId);
  // Shown in place: browsers do not open data: URLs in a new tab.
  const [large, setLarge] = useState(false);
  if (isError) return <p className="muted">The photo could not be loaded</p>;
  if (url === undefined) return <p className="muted">Loading photo…</p>;
  return (
    <button
      type="button"
      className={`photo-thumbnail${large ? " photo-thumbnail--large" : ""}`}
      aria-expanded={large}
      title={large ? "Show smaller" : "Show larger"}
      onClick={() => setLarge((shown) => !shown)}
    >
      <img src={url} alt={label} />
    </button>
  );
}
