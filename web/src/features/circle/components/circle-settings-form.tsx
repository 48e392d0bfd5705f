import { localeSchema, updateCircleRequestSchema, weekStartOf, type Circle } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { locale as displayLocale } from "../../../lib/i18n";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUpdateCircle } from "../api/update-circle";

/** The locale's first weekday by name in the reader's language, as the calendar will use it; "…" while the tag is not one. */
function weekdayName(tag: string): string {
  const parsed = localeSchema.safeParse(tag.trim());
  if (!parsed.success) return "…";
  // 2024-01-01 was a Monday, so ISO weekday n falls on 2024-01-0n.
  return new Date(Date.UTC(2024, 0, weekStartOf(parsed.data))).toLocaleDateString(displayLocale(), { weekday: "long", timeZone: "UTC" });
}

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function CircleSettingsForm({ circle }: { circle: Circle }) {
  const update = useUpdateCircle();
  const notify = useNotify();
  const { t } = useTranslation("circle");
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
      onSuccess: () => notify("success", t("settings.saved")),
      onError: (error) => showFailure(error, errorMessage(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form card" aria-label={t("settings.formLabel")}>
      <FormErrorSummary
        errors={errors}
        shownFields={["name", "timezone", "locale", "impersonationEnabled", "impersonationNoticeForChildren", "mfaRequiredForAdmins"]}
        formError={formError}
      />
      <TextField
        label={t("settings.name")}
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <Field label={t("settings.timeZone")} hint={t("settings.timeZoneHint")} error={errorFor(errors, "timezone")}>
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
        label={t("settings.locale")}
        name="locale"
        hint={t("settings.localeHint", { weekday: weekdayName(locale) })}
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
          <strong>{t("settings.viewAs")}</strong>
          <span className="field__hint">{t("settings.viewAsHint")}</span>
        </span>
      </label>
      <label className="checkbox checkbox--switch">
        {/* oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- checked, as above */}
        <input type="checkbox" role="switch" checked={noticeForChildren} onChange={(e) => setNoticeForChildren(e.target.checked)} />
        <span>
          <strong>{t("settings.noticeForChildren")}</strong>
          <span className="field__hint">{t("settings.noticeForChildrenHint")}</span>
        </span>
      </label>
      <label className="checkbox checkbox--switch">
        {/* oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- checked, as above */}
        <input type="checkbox" role="switch" checked={mfaRequired} onChange={(e) => setMfaRequired(e.target.checked)} />
        <span>
          <strong>{t("settings.mfaRequired")}</strong>
          <span className="field__hint">{t("settings.mfaRequiredHint")}</span>
        </span>
      </label>
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {update.isPending ? t("settings.saving") : t("settings.save")}
      </button>
    </form>
  );
}
