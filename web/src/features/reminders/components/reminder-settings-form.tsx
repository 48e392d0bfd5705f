import { updateReminderSettingsRequestSchema, type ReminderSettings, type UpdateReminderSettingsRequest } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUpdateReminderSettings } from "../api/update-reminder-settings";
import { Checkbox } from "./checkbox";
import {
  MORE_CHANNEL_FIELDS,
  MoreChannelsFields,
  moreChannelRequestFrom,
  moreChannelValuesFrom,
  type MoreChannelValues,
} from "./more-channels-fields";
import { ThisBrowserPush } from "./this-browser-push";

interface FormValues extends MoreChannelValues {
  due: boolean;
  overdue: boolean;
  approvalNeeded: boolean;
  rewardRequested: boolean;
  pushEnabled: boolean;
  ntfyOn: boolean;
  ntfyServerUrl: string;
  ntfyTopic: string;
  webhookOn: boolean;
  webhookUrl: string;
  rotateSecret: boolean;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
}

function valuesFrom(settings: ReminderSettings): FormValues {
  return {
    ...moreChannelValuesFrom(settings),
    due: settings.when.due,
    overdue: settings.when.overdue,
    approvalNeeded: settings.events.approvalNeeded,
    rewardRequested: settings.events.rewardRequested,
    pushEnabled: settings.push.enabled,
    ntfyOn: settings.ntfy !== null,
    ntfyServerUrl: settings.ntfy?.serverUrl ?? "https://ntfy.sh",
    ntfyTopic: settings.ntfy?.topic ?? "",
    webhookOn: settings.webhook !== null,
    webhookUrl: settings.webhook?.url ?? "",
    rotateSecret: false,
    quietOn: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? "22:00",
    quietEnd: settings.quietHours?.end ?? "07:00",
  };
}

function requestFrom(values: FormValues): UpdateReminderSettingsRequest {
  return {
    push: { enabled: values.pushEnabled },
    webhook: values.webhookOn ? { url: values.webhookUrl.trim(), ...(values.rotateSecret ? { rotateSecret: true } : {}) } : null,
    ntfy: values.ntfyOn ? { serverUrl: values.ntfyServerUrl.trim(), topic: values.ntfyTopic.trim() } : null,
    ...moreChannelRequestFrom(values),
    when: { due: values.due, overdue: values.overdue },
    events: { approvalNeeded: values.approvalNeeded, rewardRequested: values.rewardRequested },
    quietHours: values.quietOn ? { start: values.quietStart, end: values.quietEnd } : null,
  };
}

const SHOWN_FIELDS = ["webhook", "ntfy", ...MORE_CHANNEL_FIELDS, "quietHours"] as const;

/**
 * Which reminders and notices to get and where; saved as a whole. A new webhook secret is
 * shown once, after saving; other secrets are never shown back.
 */
export function ReminderSettingsForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation("reminders");
  const update = useUpdateReminderSettings();
  const notify = useNotify();
  const [values, setValues] = useState<FormValues>(() => valuesFrom(settings));
  const { errors, formError, validate, showFailure } = useFormErrors();
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(updateReminderSettingsRequestSchema, requestFrom(values));
    if (!request) return;
    update.mutate(request, {
      onSuccess: (saved) => {
        setNewSecret(saved.webhookSecret ?? null);
        // Saved secrets are kept by leaving their fields empty.
        setValues((current) => ({ ...current, rotateSecret: false, gotifyToken: "", discordUrl: "", slackUrl: "", telegramBotToken: "" }));
        notify("success", t("form.saved"));
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("form.label")}>
      <FormErrorSummary errors={errors} shownFields={SHOWN_FIELDS} formError={formError} />

      <fieldset className="fieldset fieldset--inline">
        <legend>{t("form.remindMe")}</legend>
        <Checkbox checked={values.due} onChange={(checked) => set("due", checked)}>
          {t("form.due")}
        </Checkbox>
        <Checkbox checked={values.overdue} onChange={(checked) => set("overdue", checked)}>
          {t("form.overdue")}
        </Checkbox>
      </fieldset>

      <fieldset className="fieldset fieldset--inline">
        <legend>{t("form.alsoTellMe")}</legend>
        <Checkbox checked={values.approvalNeeded} onChange={(checked) => set("approvalNeeded", checked)}>
          {t("form.approvalNeeded")}
        </Checkbox>
        <Checkbox checked={values.rewardRequested} onChange={(checked) => set("rewardRequested", checked)}>
          {t("form.rewardRequested")}
        </Checkbox>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("channels.push")}</legend>
        <Checkbox checked={values.pushEnabled} onChange={(checked) => set("pushEnabled", checked)}>
          {t("form.pushEnabled", { count: settings.push.subscriptions })}
        </Checkbox>
        <ThisBrowserPush onSubscribed={() => set("pushEnabled", true)} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("channels.ntfy")}</legend>
        <Checkbox checked={values.ntfyOn} onChange={(checked) => set("ntfyOn", checked)}>
          {t("form.ntfyToggle")}
        </Checkbox>
        {values.ntfyOn && (
          <>
            <TextField
              label={t("form.ntfyServer")}
              name="ntfyServerUrl"
              type="url"
              inputMode="url"
              hint={t("form.ntfyServerHint")}
              value={values.ntfyServerUrl}
              onChange={(e) => set("ntfyServerUrl", e.target.value)}
              error={errorFor(errors, "ntfy.serverUrl")}
            />
            <TextField
              label={t("form.ntfyTopic")}
              name="ntfyTopic"
              autoComplete="off"
              hint={t("form.ntfyTopicHint")}
              value={values.ntfyTopic}
              onChange={(e) => set("ntfyTopic", e.target.value)}
              error={errorFor(errors, "ntfy.topic")}
            />
          </>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("channels.webhook")}</legend>
        <Checkbox checked={values.webhookOn} onChange={(checked) => set("webhookOn", checked)}>
          {t("form.webhookToggle")}
        </Checkbox>
        {values.webhookOn && (
          <>
            <TextField
              label={t("form.webhookUrl")}
              name="webhookUrl"
              type="url"
              inputMode="url"
              hint={t("form.webhookUrlHint")}
              value={values.webhookUrl}
              onChange={(e) => set("webhookUrl", e.target.value)}
              error={errorFor(errors, "webhook.url")}
            />
            {settings.webhook && (
              <Checkbox checked={values.rotateSecret} onChange={(checked) => set("rotateSecret", checked)}>
                {t("form.rotateSecret")}
              </Checkbox>
            )}
          </>
        )}
      </fieldset>

      <MoreChannelsFields
        settings={settings}
        values={values}
        set={(patch) => setValues((current) => ({ ...current, ...patch }))}
        errors={errors}
      />

      <fieldset className="fieldset">
        <legend>{t("form.quietHours")}</legend>
        <Checkbox checked={values.quietOn} onChange={(checked) => set("quietOn", checked)}>
          {t("form.quietToggle")}
        </Checkbox>
        {values.quietOn && (
          <div className="quiet-hours">
            <TextField
              label={t("form.quietFrom")}
              name="quietStart"
              type="time"
              value={values.quietStart}
              onChange={(e) => set("quietStart", e.target.value)}
              error={errorFor(errors, "quietHours.start")}
            />
            <TextField
              label={t("form.quietUntil")}
              name="quietEnd"
              type="time"
              value={values.quietEnd}
              onChange={(e) => set("quietEnd", e.target.value)}
              error={errorFor(errors, "quietHours.end")}
            />
          </div>
        )}
      </fieldset>

      {newSecret && (
        <div className="success-box" role="status" aria-label={t("form.secretLabel")}>
          <p>
            <Trans t={t} i18nKey="form.secretShown" components={{ strong: <strong /> }} />
          </p>
          <p>
            <code data-testid="webhook-secret">{newSecret}</code>
          </p>
        </div>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t("form.saving") : t("form.save")}
        </button>
      </div>
    </form>
  );
}
