import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useApi, useApiSession } from "../../../lib/api-client";
import { calendarDay, formatDateTime, formatTime } from "../../../lib/dates";
import { useNow } from "../../../lib/use-now";
import { choresQuery } from "../../chores/api/get-chores";
import { useOnline } from "../api/use-online";

/**
 * Says the app is offline and what that means (decision 0043). In the page's flow, above it,
 * never over it: it hides no content and not the act-as banner (WCAG 2.4.11). While acting as
 * someone nothing is queued, and it says so.
 */
export function OfflineBanner({
  timeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone,
  actingFor,
}: {
  /** The person's zone; the device's until their account is known. */
  timeZone?: string | undefined;
  actingFor: string | null;
}) {
  const online = useOnline();
  const api = useApi();
  const { actingAs } = useApiSession();
  const queryClient = useQueryClient();
  const now = useNow(60_000);
  const { t } = useTranslation("offline");
  if (online) return null;
  let text: string;
  if (actingAs !== null) {
    text = t("banner.actingAs", { name: actingFor ?? t("banner.someone") });
  } else {
    const fetchedAt = queryClient.getQueryState(choresQuery(api, null, "mine").queryKey)?.dataUpdatedAt ?? 0;
    const iso = new Date(fetchedAt).toISOString();
    const when =
      calendarDay(new Date(fetchedAt), timeZone) === calendarDay(new Date(now), timeZone)
        ? formatTime(iso, timeZone)
        : formatDateTime(iso, timeZone);
    text = fetchedAt > 0 ? t("banner.showingFrom", { when }) : t("banner.nothingYet");
  }
  return (
    <p className="offline-banner" role="status">
      {text}
    </p>
  );
}
