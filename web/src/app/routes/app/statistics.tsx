import { DEFAULT_STATISTICS_WEEKS } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Field } from "../../../components/form";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useMembers } from "../../../features/circle/api/get-members";
import { useStatistics } from "../../../features/statistics/api/get-statistics";
import { StatisticsReport } from "../../../features/statistics/components/statistics-report";
import "../../../features/statistics/statistics.css";
import { useViewer } from "./viewer";

const RANGES = [4, 8, 12, 26, 52];

/** `?member=` and `?weeks=` as the page's filters; anything else falls back to the circle and eight weeks. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const weeks = Number(params.get("weeks"));
  const member = params.get("member");
  const set = (name: "weeks" | "member", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === "") next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  return {
    weeks: RANGES.includes(weeks) ? weeks : DEFAULT_STATISTICS_WEEKS,
    memberId: member !== null && /^[1-9][0-9]{0,9}$/.test(member) ? Number(member) : null,
    set,
  };
}

/** `/statistics` (decision 0029): the circle's completions, points and top chores over weeks, or one member's. */
export function StatisticsRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const filters = useFilters();
  const members = useMembers();
  const stats = useStatistics(filters.weeks, filters.memberId);
  const active = (members.data ?? []).filter((member) => member.status === "active");

  return (
    <Page title={t("statistics.title")}>
      <p className="muted">
        {viewer.impersonating ? t("statistics.aboutActing", { name: viewer.acting.displayName }) : t("statistics.aboutSelf")}
      </p>
      <form
        className="form form--inline card statistics-filters"
        aria-label={t("statistics.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label={t("statistics.member")}>
          {(control) => (
            <select {...control} value={filters.memberId ?? ""} onChange={(event) => filters.set("member", event.target.value)}>
              <option value="">{t("shared.everyone")}</option>
              {active.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("statistics.weeks")}>
          {(control) => (
            <select {...control} value={filters.weeks} onChange={(event) => filters.set("weeks", event.target.value)}>
              {RANGES.map((weeks) => (
                <option key={weeks} value={weeks}>
                  {t("statistics.lastWeeks", { count: weeks })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {stats.isPending ? (
        <Loading label={t("statistics.loading")} />
      ) : stats.isError ? (
        <ErrorAlert title={t("statistics.loadFailed")} error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <StatisticsReport stats={stats.data} />
      )}
    </Page>
  );
}
