import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCircle } from "../../../features/circle/api/get-circle";
import { CircleSettingsForm } from "../../../features/circle/components/circle-settings-form";
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
    </Page>
  );
}
