import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCircle } from "../../../features/circle/api/get-circle";
import { AwayPeriods } from "../../../features/away/components/away-periods";
import { CircleSettingsForm } from "../../../features/circle/components/circle-settings-form";
import { CircleData } from "../../../features/circle/components/circle-data";
import { OwnSessionOnly } from "./viewer";

export function CircleSettingsRoute() {
  return (
    <OwnSessionOnly title="Circle settings" adminOnly>
      <CircleSettings />
    </OwnSessionOnly>
  );
}

function CircleSettings() {
  const circle = useCircle();
  if (circle.isPending) return <Loading />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  return (
    <Page title="Circle settings">
      <CircleSettingsForm circle={circle.data} />
      <section className="card" aria-labelledby="pause-heading">
        <h2 id="pause-heading">Circle pause</h2>
        <p className="muted">Holidays for everyone: no chore is due, no reminder goes out and no penalty applies on these days.</p>
        <AwayPeriods userId={null} label="Circle paused" />
      </section>
      <CircleData />
    </Page>
  );
}
