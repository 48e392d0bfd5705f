import { updateReminderSettingsRequestSchema, type ReminderSettings, type UpdateReminderSettingsRequest } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
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
        notify("success", "Reminder settings saved.");
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Reminder settings">
      <FormErrorSummary errors={errors} shownFields={SHOWN_FIELDS} formError={formError} />

      <fieldset className="fieldset fieldset--inline">
        <legend>Remind me</legend>
        <Checkbox checked={values.due} onChange={(checked) => set("due", checked)}>
          when a chore of mine falls due
        </Checkbox>
        <Checkbox checked={values.overdue} onChange={(checked) => set("overdue", checked)}>
          when it is overdue
        </Checkbox>
      </fieldset>

      <fieldset className="fieldset fieldset--inline">
        <legend>Also tell me (circle admins and managers)</legend>
        <Checkbox checked={values.approvalNeeded} onChange={(checked) => set("approvalNeeded", checked)}>
          when a completion waits for approval
        </Checkbox>
        <Checkbox checked={values.rewardRequested} onChange={(checked) => set("rewardRequested", checked)}>
          when someone asks for a reward
        </Checkbox>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Browser notifications</legend>
        <Checkbox checked={values.pushEnabled} onChange={(checked) => set("pushEnabled", checked)}>
          Send notifications to my subscribed browsers (
          {settings.push.subscriptions === 1 ? "1 browser" : `${settings.push.subscriptions} browsers`})
        </Checkbox>
        <ThisBrowserPush onSubscribed={() => set("pushEnabled", true)} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>ntfy</legend>
        <Checkbox checked={values.ntfyOn} onChange={(checked) => set("ntfyOn", checked)}>
          Send to an ntfy topic
        </Checkbox>
        {values.ntfyOn && (
          <>
            <TextField
              label="ntfy server"
              name="ntfyServerUrl"
              type="url"
              inputMode="url"
              hint="https://ntfy.sh, or your own server (one on your home network only if whoever runs Chorus allowed it)."
              value={values.ntfyServerUrl}
              onChange={(e) => set("ntfyServerUrl", e.target.value)}
              error={errorFor(errors, "ntfy.serverUrl")}
            />
            <TextField
              label="Topic"
              name="ntfyTopic"
              autoComplete="off"
              hint="Letters, digits, - and _. On ntfy.sh anyone who knows the topic can read it: pick something hard to guess."
              value={values.ntfyTopic}
              onChange={(e) => set("ntfyTopic", e.target.value)}
              error={errorFor(errors, "ntfy.topic")}
            />
          </>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Webhook</legend>
        <Checkbox checked={values.webhookOn} onChange={(checked) => set("webhookOn", checked)}>
          Send to a webhook (Home Assistant, scripts)
        </Checkbox>
        {values.webhookOn && (
          <>
            <TextField
              label="Webhook URL"
              name="webhookUrl"
              type="url"
              inputMode="url"
              hint="Chorus POSTs JSON signed with X-Chorus-Signature: sha256=HMAC(secret, timestamp.body)."
              value={values.webhookUrl}
              onChange={(e) => set("webhookUrl", e.target.value)}
              error={errorFor(errors, "webhook.url")}
            />
            {settings.webhook && (
              <Checkbox checked={values.rotateSecret} onChange={(checked) => set("rotateSecret", checked)}>
                Make a new signing secret when I save
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
        <legend>Quiet hours</legend>
        <Checkbox checked={values.quietOn} onChange={(checked) => set("quietOn", checked)}>
          Hold reminders during quiet hours (your time zone)
        </Checkbox>
        {values.quietOn && (
          <div className="quiet-hours">
            <TextField
              label="From"
              name="quietStart"
              type="time"
              value={values.quietStart}
              onChange={(e) => set("quietStart", e.target.value)}
              error={errorFor(errors, "quietHours.start")}
            />
            <TextField
              label="Until"
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
        <div className="success-box" role="status" aria-label="Webhook signing secret">
          <p>
            <strong>Webhook signing secret:</strong> copy it now, you won’t see it again.
          </p>
          <p>
            <code data-testid="webhook-secret">{newSecret}</code>
          </p>
        </div>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save reminders"}
        </button>
      </div>
    </form>
  );
}
