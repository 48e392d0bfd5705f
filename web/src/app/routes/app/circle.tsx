import { isAdminOrManager, mayViewPointsOf } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMembers } from "../../../features/circle/api/get-members";
import { InviteLink } from "../../../features/circle/components/invite-link";
import { JoinCircleForm } from "../../../features/circle/components/join-circle-form";
import { PendingJoinRequests } from "../../../features/circle/components/pending-join-requests";
import { Leaderboard } from "../../../features/circle/components/leaderboard";
import { MembersList } from "../../../features/circle/components/members-list";
import { AddChildForm } from "../../../features/circle/components/add-child-form";
import { MemberAwayPeriods } from "../../../features/away/components/away-periods";
import { DevicesAdmin } from "../../../features/tablet/components/devices-admin";
import { useViewer } from "./viewer";

export function CircleRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const circle = useCircle();
  const members = useMembers();

  if (circle.isPending || members.isPending) return <Loading label={t("circle.loading")} />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;

  return (
    <Page title={circle.data.name}>
      <p className="muted">{t("circle.timeZone", { timeZone: circle.data.timezone })}</p>
      {/* First on the page: on a phone, the columns below run several screens long. */}
      {!viewer.impersonating && circle.data.inviteCode && <InviteLink code={circle.data.inviteCode} circleName={circle.data.name} />}
      <div className="two-columns">
        <div>
          <MembersList
            members={members.data}
            viewer={{ userId: viewer.self.id, role: viewer.self.role, canAdminister: !viewer.impersonating }}
          />
          {!viewer.impersonating && isAdminOrManager(viewer.self.role) && <AddChildForm />}
          {!viewer.impersonating && viewer.self.role === "admin" && (
            <MemberAwayPeriods members={members.data.filter((member) => member.status === "active")} />
          )}
          {!viewer.impersonating && viewer.self.role === "admin" && <DevicesAdmin timeZone={viewer.self.timezone} />}
        </div>
        <div>
          <Leaderboard
            members={members.data}
            mayOpenHistory={(userId) =>
              mayViewPointsOf({ readerId: viewer.acting.id, role: viewer.acting.role, impersonating: viewer.impersonating }, userId)
            }
          />
          {!viewer.impersonating && (
            <section className="card" aria-labelledby="join-other-heading">
              <h2 id="join-other-heading">{t("circle.joinOther")}</h2>
              <p className="muted">{t("circle.joinOtherAbout", { circle: circle.data.name })}</p>
              <JoinCircleForm />
              <PendingJoinRequests timeZone={viewer.self.timezone} currentCircleName={circle.data.name} />
            </section>
          )}
        </div>
      </div>
    </Page>
  );
}
