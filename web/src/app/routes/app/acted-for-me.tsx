import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useActedForMe } from "../../../features/acted-for-me/api/get-acted-for-me";
import { useMarkActedForMeRead } from "../../../features/acted-for-me/api/mark-acted-for-me-read";
import { ActedForMeList } from "../../../features/acted-for-me/components/acted-for-me-list";
import { OwnSessionOnly, useViewer } from "./viewer";

export function ActedForMeRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("shell.doneForYou")}>
      <ActedForMe />
    </OwnSessionOnly>
  );
}

function ActedForMe() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const feed = useActedForMe();
  const markRead = useMarkActedForMeRead();
  const markReadMutate = markRead.mutate;
  const unread = feed.data?.pages[0]?.unreadCount ?? 0;
  // Opening the page reads what is new.
  useEffect(() => {
    if (unread > 0) markReadMutate();
  }, [unread, markReadMutate]);

  let content;
  if (feed.isPending) content = <Loading label={t("actedForMe.loading")} />;
  else if (feed.isError) content = <ErrorAlert title={t("actedForMe.loadFailed")} error={feed.error} onRetry={() => void feed.refetch()} />;
  else {
    content = (
      <>
        <ActedForMeList items={feed.data.pages.flatMap((page) => page.items)} timeZone={viewer.self.timezone} />
        {feed.hasNextPage && (
          <button type="button" className="button" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
            {feed.isFetchingNextPage ? t("status.loading", { ns: "common" }) : t("shared.showOlder")}
          </button>
        )}
      </>
    );
  }
  return (
    <Page title={t("shell.doneForYou")}>
      <p className="muted">{t("actedForMe.about")}</p>
      <section className="card">{content}</section>
    </Page>
  );
}
