import { createAwayPeriodRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "../../../components/confirm-action";
import { errorFor, Field, TextField } from "../../../components/form";
import { useNotify, useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { errorMessage } from "../../../lib/errors";
import { fieldErrorsFromApi, fieldErrorsFromIssues, type FieldErrors } from "../../../lib/field-errors";
import { useAwayPeriods, useCreateAwayPeriod, useDeleteAwayPeriod } from "../api/away-periods";
import { describePeriod } from "./away-notice";

/**
 * The away days of one member, or (userId null) the circle's pauses: listed, added and
 * removed (decision 0034). Days are whole days in the circle's time zone.
 */
export function AwayPeriods({ userId, label }: { userId: number | null; label: string }) {
  const periods = useAwayPeriods();
  const create = useCreateAwayPeriod();
  const remove = useDeleteAwayPeriod();
  const outcome = useNotifyOutcome();
  const notify = useNotify();
  const { t } = useTranslation("away");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createAwayPeriodRequestSchema.safeParse({ userId, startsOn, endsOn });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        setStartsOn("");
        setEndsOn("");
        notify("success", t("periods.added", { label, period: describePeriod(parsed.data) }));
      },
      onError: (error) => {
        const fields = fieldErrorsFromApi(error);
        if (Object.keys(fields).length > 0) setErrors(fields);
        else notify("error", errorMessage(error));
      },
    });
  }

  if (periods.isPending) return <Loading label={t("periods.loading")} />;
  if (periods.isError) return <ErrorAlert error={periods.error} onRetry={() => void periods.refetch()} />;
  const own = periods.data.filter((period) => (period.member?.id ?? null) === userId);
  return (
    <div className="away-periods">
      {own.length === 0 ? (
        <p className="muted">{t("periods.none")}</p>
      ) : (
        <ul className="away-periods__list" aria-label={label}>
          {own.map((period) => (
            <li key={period.id}>
              <span>{describePeriod(period)}</span>
              <ConfirmAction
                label={t("periods.remove")}
                confirmLabel={t("periods.removeConfirm", { period: describePeriod(period) })}
                pending={remove.isPending}
                onConfirm={() => remove.mutate(period.id, outcome("info", t("periods.removed")))}
              />
            </li>
          ))}
        </ul>
      )}
      <form className="away-periods__form" onSubmit={submit} noValidate>
        <TextField
          label={t("periods.firstDay")}
          type="date"
          value={startsOn}
          onChange={(event) => setStartsOn(event.target.value)}
          error={errorFor(errors, "startsOn")}
        />
        <TextField
          label={t("periods.lastDay")}
          type="date"
          value={endsOn}
          onChange={(event) => setEndsOn(event.target.value)}
          error={errorFor(errors, "endsOn")}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t("periods.adding") : t("periods.add")}
        </button>
      </form>
    </div>
  );
}

/** An admin's control for any member's away days, picked from the circle's members. */
export function MemberAwayPeriods({ members }: { members: readonly { userId: number; displayName: string }[] }) {
  const [userId, setUserId] = useState(members[0]?.userId ?? null);
  const member = members.find((candidate) => candidate.userId === userId);
  const { t } = useTranslation("away");
  return (
    <section className="card" aria-labelledby="member-away-heading">
      <h2 id="member-away-heading">{t("members.heading")}</h2>
      <p className="muted">{t("members.about")}</p>
      <Field label={t("members.member")}>
        {(control) => (
          <select {...control} value={userId ?? ""} onChange={(event) => setUserId(Number(event.target.value))}>
            {members.map((candidate) => (
              <option key={candidate.userId} value={candidate.userId}>
                {candidate.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {member && <AwayPeriods key={member.userId} userId={member.userId} label={t("members.away", { name: member.displayName })} />}
    </section>
  );
}
