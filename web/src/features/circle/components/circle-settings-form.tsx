import { localeSchema, updateCircleRequestSchema, weekStartOf, type Circle } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Field, FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUpdateCircle } from "../api/update-circle";

/** The locale's first weekday by name, as the calendar will use it; empty while the tag is not one. */
function weekdayName(tag: string): string {
  const parsed = localeSchema.safeParse(tag.trim());
  if (!parsed.success) return "…";
  // 2024-01-01 was a Monday, so ISO weekday n falls on 2024-01-0n.
  return new Date(Date.UTC(2024, 0, weekStartOf(parsed.data))).toLocaleDateString("en", { weekday: "long", timeZone: "UTC" });
}

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function CircleSettingsForm({ circle }: { circle: Circle }) {
  const update = useUpdateCircle();
  const notify = useNotify();
  const [name, setName] = useState(circle.name);
  const [timezone, setTimezone] = useState(circle.timezone);
  const [locale, setLocale] = useState(circle.locale);
  const [impersonationEnabled, setImpersonationEnabled] = useState(circle.impersonationEnabled);
  const [noticeForChildren, setNoticeForChildren] = useState(circle.impersonationNoticeForChildren);
  const [mfaRequired, setMfaRequired] = useState(circle.mfaRequiredForAdmins);
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(updateCircleRequestSchema, {
      name: name.trim(),
      timezone: timezone.trim(),
      locale: locale.trim(),
      impersonationEnabled,
      impersonationNoticeForChildren: noticeForChildren,
      mfaRequiredForAdmins: mfaRequired,
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
        shownFields={["name", "timezone", "locale", "impersonationEnabled", "impersonationNoticeForChildren", "mfaRequiredForAdmins"]}
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
      <TextField
        label="Locale"
        name="locale"
        hint={`A language tag like en-GB or de-DE. The calendar’s weeks start on its first day: ${weekdayName(locale)}.`}
        value={locale}
        onChange={(e) => setLocale(e.target.value)}
        error={errorFor(errors, "locale")}
        autoComplete="off"
      />
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
      <label className="checkbox checkbox--switch">
        {/* oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- checked, as above */}
        <input type="checkbox" role="switch" checked={mfaRequired} onChange={(e) => setMfaRequired(e.target.checked)} />
        <span>
          <strong>Require two-step sign-in for admins</strong>
          <span className="field__hint">
            Admins must use an authenticator app or a passkey after their password; those without one set it up at their next sign-in. Turn
            it on for yourself first, on the Account page.
          </span>
        </span>
      </label>
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
