import { useTranslation } from "react-i18next";
import type { ReminderSettings, UpdateReminderSettingsRequest } from "@chorus/shared";
import { TextField, errorFor } from "../../../components/form";
import type { FieldErrors } from "../../../lib/field-errors";
import { Checkbox } from "./checkbox";

/**
 * Email, Gotify, Discord, Slack and Telegram (decision 0039). Their tokens and webhook URLs
 * are secrets the server never shows back: a saved one is kept while its field stays empty.
 */
export interface MoreChannelValues {
  emailOn: boolean;
  gotifyOn: boolean;
  gotifyServerUrl: string;
  gotifyToken: string;
  discordOn: boolean;
  discordUrl: string;
  slackOn: boolean;
  slackUrl: string;
  telegramOn: boolean;
  telegramChatId: string;
  telegramBotToken: string;
}

export function moreChannelValuesFrom(settings: ReminderSettings): MoreChannelValues {
  return {
    emailOn: settings.email.enabled,
    gotifyOn: settings.gotify !== null,
    gotifyServerUrl: settings.gotify?.serverUrl ?? "",
    gotifyToken: "",
    discordOn: settings.discord !== null,
    discordUrl: "",
    slackOn: settings.slack !== null,
    slackUrl: "",
    telegramOn: settings.telegram !== null,
    telegramChatId: settings.telegram?.chatId ?? "",
    telegramBotToken: "",
  };
}

/** An empty secret field is left out, which keeps the saved secret. */
const secret = (key: "token" | "url" | "botToken", value: string): Partial<Record<typeof key, string>> =>
  value.trim() ? { [key]: value.trim() } : {};

export function moreChannelRequestFrom(
  values: MoreChannelValues,
): Pick<UpdateReminderSettingsRequest, "email" | "gotify" | "discord" | "slack" | "telegram"> {
  return {
    email: { enabled: values.emailOn },
    gotify: values.gotifyOn ? { serverUrl: values.gotifyServerUrl.trim(), ...secret("token", values.gotifyToken) } : null,
    discord: values.discordOn ? secret("url", values.discordUrl) : null,
    slack: values.slackOn ? secret("url", values.slackUrl) : null,
    telegram: values.telegramOn ? { chatId: values.telegramChatId.trim(), ...secret("botToken", values.telegramBotToken) } : null,
  };
}

export const MORE_CHANNEL_FIELDS = ["email", "gotify", "discord", "slack", "telegram"] as const;

export function MoreChannelsFields({
  settings,
  values,
  set,
  errors,
}: {
  settings: ReminderSettings;
  values: MoreChannelValues;
  set: (patch: Partial<MoreChannelValues>) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation("reminders");
  const { email } = settings;
  return (
    <fieldset className="fieldset">
      <legend>{t("more.legend")}</legend>
      <Checkbox checked={values.emailOn} disabled={!email.available && !values.emailOn} onChange={(emailOn) => set({ emailOn })}>
        {email.address ? t("more.sendEmailTo", { address: email.address }) : t("more.sendEmail")}
      </Checkbox>
      {!email.available && <p className="field__hint">{email.address ? t("more.noMailSettings") : t("more.noEmailAddress")}</p>}
      {errorFor(errors, "email.enabled") && <p className="field__error">{errorFor(errors, "email.enabled")}</p>}
      <Checkbox checked={values.gotifyOn} onChange={(gotifyOn) => set({ gotifyOn })}>
        {t("more.gotifyToggle")}
      </Checkbox>
      {values.gotifyOn && (
        <>
          <TextField
            label={t("more.gotifyServer")}
            name="gotifyServerUrl"
            type="url"
            inputMode="url"
            value={values.gotifyServerUrl}
            onChange={(e) => set({ gotifyServerUrl: e.target.value })}
            error={errorFor(errors, "gotify.serverUrl")}
          />
          <TextField
            label={t("more.gotifyToken")}
            name="gotifyToken"
            autoComplete="off"
            hint={settings.gotify ? t("more.keep") : t("more.gotifyTokenHint")}
            value={values.gotifyToken}
            onChange={(e) => set({ gotifyToken: e.target.value })}
            error={errorFor(errors, "gotify.token")}
          />
        </>
      )}
      <WebhookChannel
        on={values.discordOn}
        onToggle={(discordOn) => set({ discordOn })}
        toggle={t("more.discordToggle")}
        label={t("more.discordUrl")}
        name="discordUrl"
        hint={settings.discord ? t("more.keepFor", { host: settings.discord.host }) : t("more.discordHint")}
        value={values.discordUrl}
        onChange={(discordUrl) => set({ discordUrl })}
        error={errorFor(errors, "discord.url")}
      />
      <WebhookChannel
        on={values.slackOn}
        onToggle={(slackOn) => set({ slackOn })}
        toggle={t("more.slackToggle")}
        label={t("more.slackUrl")}
        name="slackUrl"
        hint={settings.slack ? t("more.keepFor", { host: settings.slack.host }) : t("more.slackHint")}
        value={values.slackUrl}
        onChange={(slackUrl) => set({ slackUrl })}
        error={errorFor(errors, "slack.url")}
      />
      <Checkbox checked={values.telegramOn} onChange={(telegramOn) => set({ telegramOn })}>
        {t("more.telegramToggle")}
      </Checkbox>
      {values.telegramOn && (
        <>
          <TextField
            label={t("more.telegramChatId")}
            name="telegramChatId"
            autoComplete="off"
            hint={t("more.telegramChatIdHint")}
            value={values.telegramChatId}
            onChange={(e) => set({ telegramChatId: e.target.value })}
            error={errorFor(errors, "telegram.chatId")}
          />
          <TextField
            label={t("more.telegramBotToken")}
            name="telegramBotToken"
            autoComplete="off"
            hint={settings.telegram ? t("more.keep") : t("more.telegramBotTokenHint")}
            value={values.telegramBotToken}
            onChange={(e) => set({ telegramBotToken: e.target.value })}
            error={errorFor(errors, "telegram.botToken")}
          />
        </>
      )}
    </fieldset>
  );
}

/** A chat app reached by one secret webhook URL (Discord, Slack): its switch, and the URL while on. */
function WebhookChannel({
  on,
  onToggle,
  toggle,
  onChange,
  ...field
}: {
  on: boolean;
  onToggle: (on: boolean) => void;
  /** The switch's words. */
  toggle: string;
  label: string;
  name: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <Checkbox checked={on} onChange={onToggle}>
        {toggle}
      </Checkbox>
      {on && <TextField type="url" inputMode="url" autoComplete="off" onChange={(e) => onChange(e.target.value)} {...field} />}
    </>
  );
}
