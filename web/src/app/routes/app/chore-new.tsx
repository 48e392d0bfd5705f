import { isAdminOrManager } from "@chorus/shared";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("choreNew.title")}>
      <NewChore />
    </OwnSessionOnly>
  );
}

function NewChore() {
  const { t } = useTranslation("app");
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
    <Page title={t("choreNew.title")}>
      <ChoreForm
        chore={null}
        members={members.data}
        timeZone={circle.data.timezone}
        defaultAssignee={viewer.self.id}
        canSetPenalty={isAdminOrManager(viewer.self.role)}
        submitLabel={t("choreNew.submit")}
        onCancel={() => void navigate(-1)}
        onSubmit={async (request) => {
          const chore = await create.mutateAsync(request);
          notify("success", t("choreNew.created", { name: chore.name }));
          void navigate(`/chores/${chore.id}`);
        }}
      />
    </Page>
  );
}
