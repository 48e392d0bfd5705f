import { isAdminOrManager } from "@chorus/shared";
import { useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCreateChore } from "../../../features/chores/api/create-chore";
import { ChoreForm } from "../../../features/chores/components/chore-form";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMembers } from "../../../features/circle/api/get-members";
import { OwnSessionOnly, useViewer } from "./viewer";

export function NewChoreRoute() {
  return (
    <OwnSessionOnly title="New chore">
      <NewChore />
    </OwnSessionOnly>
  );
}

function NewChore() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const notify = useNotify();
  const create = useCreateChore();
  const circle = useCircle();
  const members = useMembers();

  if (circle.isPending || members.isPending) return <Loading />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;

  return (
    <Page title="New chore">
      <ChoreForm
        chore={null}
        members={members.data}
        timeZone={circle.data.timezone}
        defaultAssignee={viewer.self.id}
        canSetPenalty={isAdminOrManager(viewer.self.role)}
        submitLabel="Create chore"
        onCancel={() => void navigate(-1)}
        onSubmit={async (request) => {
          const chore = await create.mutateAsync(request);
          notify("success", `“${chore.name}” created.`);
          void navigate(`/chores/${chore.id}`);
        }}
      />
    </Page>
  );
}
