import { useEffect } from "react";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useActedForMe } from "../../../features/acted-for-me/api/get-acted-for-me";
import { useMarkActedForMeRead } from "../../../features/acted-for-me/api/mark-acted-for-me-read";
import { ActedForMeList } from "../../../features/acted-for-me/components/acted-for-me-list";
import { OwnSessionOnly, useViewer } from "./viewer";

export function ActedForMeRoute() {
  return (
    <OwnSessionOnly title="Done for you">
      <ActedForMe />
    </OwnSessionOnly>
  );
}

function ActedForMe() {
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
  if (feed.isPending) content = <Loading label="Loading what others did for you…" />;
  else if (feed.isError) content = <ErrorAlert title="Could not load this page." error={feed.error} onRetry={() => void feed.refetch()} />;
  else {
    content = (
      <>
        <ActedForMeList items={feed.data.pages.flatMap((page) => page.items)} timeZone={viewer.self.timezone} />
        {feed.hasNextPage && (
          <button type="button" className="button" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
            {feed.isFetchingNextPage ? "Loading…" : "Show older entries"}
          </button>
        )}
      </>
    );
  }
  return (
    <Page title="Done for you">
      <p className="muted">
        What admins and managers did as you: chores they did, skipped or timed for you, and when they viewed your tasks as you.
      </p>
      <section className="card">{content}</section>
    </Page>
  );
}
