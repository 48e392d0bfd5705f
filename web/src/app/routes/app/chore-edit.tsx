import { isAdminOrManager } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChore } from "../../../features/chores/api/get-chore";
import { useUpdateChore } from "../../../features/chores/api/update-chore";
import { ChoreForm } from "../../../features/chores/components/chore-form";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMembers } from "../../../features/circle/api/get-members";
import { NotFoundRoute } from "../not-found";
import { useChoreIdParam } from "./chore-id";
import { OwnSessionOnly, useViewer } from "./viewer";

export function EditChoreRoute() {
  const { t } = useTranslation("app");
  const choreId = useChoreIdParam();
  if (choreId === null) return <NotFoundRoute />;
  return (
    <OwnSessionOnly title={t("choreEdit.title")}>
      <EditChore choreId={choreId} />
    </OwnSessionOnly>
  );
}

function EditChore({ choreId }: { choreId: number }) {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const navigate = useNavigate();
  const notify = useNotify();
  const chore = useChore(choreId);
  const update = useUpdateChore(choreId);
  const circle = useCircle();
  const members = useMembers();

  if (chore.isPending || circle.isPending || members.isPending) return <Loading />;
  if (chore.isError) return <ErrorAlert error={chore.error} onRetry={() => void chore.refetch()} />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;

  return (
    <Page title={t("choreEdit.titleNamed", { name: chore.data.name })}>
      <ChoreForm
        chore={chore.data}
        members={members.data}
        timeZone={circle.data.timezone}
        defaultAssignee={viewer.self.id}
        canSetPenalty={isAdminOrManager(viewer.self.role)}
        submitLabel={t("choreEdit.submit")}
        onCancel={() => void navigate(`/chores/${choreId}`)}
        onSubmit={async (request) => {
          const saved = await update.mutateAsync(request);
          notify("success", t("choreEdit.saved", { name: saved.name }));
          void navigate(`/chores/${choreId}`);
        }}
      />
    </Page>
  );
}
