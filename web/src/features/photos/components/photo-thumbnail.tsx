import type { HistoryPhoto } from "@chorus/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePhotoUrl } from "../api/get-photo";

/** A completion's photo in its history row: a thumbnail that opens up in place, or a note that it expired. */
export function PhotoThumbnail({ photo, label }: { photo: HistoryPhoto; label: string }) {
  const { t } = useTranslation("photos");
  if (photo.url === null) return <p className="muted photo-thumbnail__expired">{t("thumbnail.expired")}</p>;
  return <StoredPhoto photoId={photo.id} label={label} />;
}

function StoredPhoto({ photoId, label }: { photoId: number; label: string }) {
  const { t } = useTranslation("photos");
  const { data: url, isError } = usePhotoUrl(photoId);
  // Shown in place: browsers do not open data: URLs in a new tab.
  const [large, setLarge] = useState(false);
  if (isError) return <p className="muted">{t("thumbnail.failed")}</p>;
  if (url === undefined) return <p className="muted">{t("thumbnail.loading")}</p>;
  return (
    <button
      type="button"
      className={`photo-thumbnail${large ? " photo-thumbnail--large" : ""}`}
      aria-expanded={large}
      title={large ? t("thumbnail.smaller") : t("thumbnail.larger")}
      onClick={() => setLarge((shown) => !shown)}
    >
      <img src={url} alt={label} />
    </button>
  );
}
