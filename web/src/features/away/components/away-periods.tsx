import { createAwayPeriodRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
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
        notify("success", `${label}: ${describePeriod(parsed.data)}`);
      },
      onError: (error) => {
        const fields = fieldErrorsFromApi(error);
        if (Object.keys(fields).length > 0) setErrors(fields);
        else notify("error", errorMessage(error));
      },
    });
  }

  if (periods.isPending) return <Loading label="Loading away days…" />;
  if (periods.isError) return <ErrorAlert error={periods.error} onRetry={() => void periods.refetch()} />;
  const own = periods.data.filter((period) => (period.member?.id ?? null) === userId);
  return (
    <div className="away-periods">
      {own.length === 0 ? (
        <p className="muted">None set.</p>
      ) : (
        <ul className="away-periods__list" aria-label={label}>
          {own.map((period) => (
            <li key={period.id}>
              <span>{describePeriod(period)}</span>
              <ConfirmAction
                label="Remove…"
                confirmLabel={`Remove ${describePeriod(period)}`}
                pending={remove.isPending}
                onConfirm={() => remove.mutate(period.id, outcome("info", "Away days removed."))}
              />
            </li>
          ))}
        </ul>
      )}
      <form className="away-periods__form" onSubmit={submit} noValidate>
        <TextField
          label="First day"
          type="date"
          value={startsOn}
          onChange={(event) => setStartsOn(event.target.value)}
          error={errorFor(errors, "startsOn")}
        />
        <TextField
          label="Last day"
          type="date"
          value={endsOn}
          onChange={(event) => setEndsOn(event.target.value)}
          error={errorFor(errors, "endsOn")}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add"}
        </button>
      </form>
    </div>
  );
}

/** An admin's control for any member's away days, picked from the circle's members. */
export function MemberAwayPeriods({ members }: { members: readonly { userId: number; displayName: string }[] }) {
  const [userId, setUserId] = useState(members[0]?.userId ?? null);
  const member = members.find((candidate) => candidate.userId === userId);
  return (
    <section className="card" aria-labelledby="member-away-heading">
      <h2 id="member-away-heading">Members’ away days</h2>
      <p className="muted">While away, a member’s chores are not due for them, rotation passes them over and no penalty applies.</p>
      <Field label="Member">
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
      {member && <AwayPeriods key={member.userId} userId={member.userId} label={`${member.displayName} away`} />}
    </section>
  );
}
