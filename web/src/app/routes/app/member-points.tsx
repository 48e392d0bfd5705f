import { Link, useParams } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useMemberPoints } from "../../../features/points/api/get-member-points";
import { AdjustPointsForm } from "../../../features/points/components/adjust-points-form";
import { PointsHistory } from "../../../features/points/components/points-history";
import { NotFoundRoute } from "../not-found";
import { useViewer } from "./viewer";

/** `/points/:userId`: a member's points and every change to them (decision 0025). */
export function MemberPointsRoute() {
  const { userId } = useParams();
  return userId && /^[1-9][0-9]{0,9}$/.test(userId) ? <MemberPoints userId={Number(userId)} /> : <NotFoundRoute />;
}

function MemberPoints({ userId }: { userId: number }) {
  const viewer = useViewer();
  const ledger = useMemberPoints(userId);
  const own = userId === viewer.acting.id;
  // Adjusting and waiving are an admin's own acts: never while viewing as someone.
  const administers = !viewer.impersonating && viewer.self.role === "admin";

  if (ledger.isPending) return <Loading label="Loading points…" />;
  if (ledger.isError) {
    return (
      <Page title="Points">
        <ErrorAlert title="Could not load this points history." error={ledger.error} onRetry={() => void ledger.refetch()} />
        <Link to="/circle">Back to the circle</Link>
      </Page>
    );
  }
  const { member } = ledger.data.pages[0]!;
  const title = own ? (viewer.impersonating ? `${member.displayName}’s points` : "Your points") : `${member.displayName}’s points`;
  return (
    <Page title={title}>
      <p className="points-balance">
        <strong>{member.points}</strong> {member.points === 1 ? "point" : "points"}
      </p>
      <div className="two-columns two-columns--top">
        <section className="card" aria-labelledby="points-history-heading">
          <h2 id="points-history-heading">History</h2>
          <PointsHistory
            entries={ledger.data.pages.flatMap((page) => page.entries)}
            member={member}
            timeZone={viewer.self.timezone}
            canWaive={administers}
          />
          {ledger.hasNextPage && (
            <button type="button" className="button" disabled={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
              {ledger.isFetchingNextPage ? "Loading…" : "Show older entries"}
            </button>
          )}
        </section>
        {administers && (
          <div>
            <AdjustPointsForm member={member} />
          </div>
        )}
      </div>
    </Page>
  );
}
