import { updateCircleRequestSchema, type Circle } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Field, FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUpdateCircle } from "../api/update-circle";

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function CircleSettingsForm({ circle }: { circle: Circle }) {
  const update = useUpdateCircle();
  const notify = useNotify();
  const [name, setName] = useState(circle.name);
  const [timezone, setTimezone] = useState(circle.timezone);
  const [impersonationEnabled, setImpersonationEnabled] = useState(circle.impersonationEnabled);
  const [noticeForChildren, setNoticeForChildren] = useState(circle.impersonationNoticeForChildren);
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(updateCircleRequestSchema, {
      name: name.trim(),
      timezone: timezone.trim(),
      impersonationEnabled,
      impersonationNoticeForChildren: noticeForChildren,
    });
    if (!request) return;
    update.mutate(request, {
      onSuccess: () => notify("success", "Circle settings saved."),
      onError: (error) => showFailure(error, errorMessage(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form card" aria-label="Circle settings">
      <FormErrorSummary
        errors={errors}
        shownFields={["name", "timezone", "impersonationEnabled", "impersonationNoticeForChildren"]}
        formError={formError}
      />
      <TextField
        label="Circle name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <Field label="Time zone" hint="Due dates and schedules follow this zone, like Europe/Berlin." error={errorFor(errors, "timezone")}>
        {(control) => (
          <>
            <input
              {...control}
              name="timezone"
              list="time-zones"
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
              autoComplete="off"
            />
            <datalist id="time-zones">
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      {/* A checkbox's own checked state is what a switch announces; aria-checked must not repeat it (ARIA in HTML). */}
      <label className="checkbox checkbox--switch">
        {/* oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- checked, as above */}
        <input type="checkbox" role="switch" checked={impersonationEnabled} onChange={(e) => setImpersonationEnabled(e.target.checked)} />
        <span>
          <strong>Allow “View tasks as”</strong>
          <span className="field__hint">
            Admins and managers with permission can see and do tasks as members with a lower role. Every action is recorded with both names.
          </span>
        </span>
      </label>
      <label className="checkbox checkbox--switch">
        {/* oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- checked, as above */}
        <input type="checkbox" role="switch" checked={noticeForChildren} onChange={(e) => setNoticeForChildren(e.target.checked)} />
        <span>
          <strong>Notify children when someone views their tasks</strong>
          <span className="field__hint">
            Sends the notice to the reminder channels of children’s accounts (those without an email). Grown-ups are always notified, and
            “Done for you” always lists it.
          </span>
        </span>
      </label>
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
