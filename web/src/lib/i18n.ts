/**
 * The web app's language (decision 0047). i18next holds the message catalogues:
 * `src/locales/<language>/<namespace>.json`, one namespace per feature folder plus `app`
 * (pages), `common` (components) and `errors` (one message per API error code). Each
 * catalogue is its own chunk, loaded when a component first asks for its namespace (it
 * suspends meanwhile, like a lazy page), except the English ones the first screen needs,
 * which are bundled. English is the fallback for any key a catalogue lacks. Dates and
 * numbers follow `locale()`: the browser's own tag when it speaks the chosen language
 * (de-AT keeps its dates), else the language itself.
 */
import { languages, type Language, type LanguageChoice } from "@chorus/shared";
import { createInstance } from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import app from "../locales/en/app.json";
import auth from "../locales/en/auth.json";
import away from "../locales/en/away.json";
import chores from "../locales/en/chores.json";
import common from "../locales/en/common.json";
import impersonation from "../locales/en/impersonation.json";
import offline from "../locales/en/offline.json";

/** The signed-in shell and the tasks page, in English: what a cold load draws first (decision 0018's budget). */
const firstScreen = { app, auth, away, chores, common, impersonation, offline };
const firstScreenNamespaces = Object.keys(firstScreen);

/** This device's last choice, so the first screen is in the right language before the account loads. */
const LANGUAGE_KEY = "chorus.language";

function browserTags(): readonly string[] {
  return typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
}

const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();
const isLanguage = (value: string): value is Language => (languages as readonly string[]).includes(value);

/** The language a choice means on this browser: `system` is the first of the browser's languages we have. */
export function languageFor(choice: LanguageChoice): Language {
  if (choice !== "system") return choice;
  return browserTags().map(primary).find(isLanguage) ?? "en";
}

/** The BCP 47 tag Intl formats with. */
export function locale(): string {
  const language = (i18next.resolvedLanguage ?? "en") as Language;
  return browserTags().find((tag) => primary(tag) === language) ?? language;
}

function cachedChoice(): LanguageChoice {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return stored === "system" || (stored !== null && isLanguage(stored)) ? stored : "system";
  } catch {
    return "system";
  }
}

/** The one i18next instance of the app (react-i18next's hooks use it through initReactI18next). */
export const i18next = createInstance();

void i18next
  .use(initReactI18next)
  .use(resourcesToBackend((language: string, namespace: string) => import(`../locales/${language}/${namespace}.json`)))
  .init({
    resources: { en: firstScreen },
    partialBundledLanguages: true,
    // Synchronous with English, so component tests and the first English render need no waiting.
    initAsync: false,
    lng: languageFor(typeof location !== "undefined" && location.pathname === "/tablet" ? "system" : cachedChoice()),
    fallbackLng: "en",
    supportedLngs: [...languages],
    ns: firstScreenNamespaces,
    defaultNS: "common",
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });

// Unit tests of plain modules run without a page.
if (typeof document !== "undefined") {
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  document.documentElement.lang = i18next.language;
}

/** Shows `choice` now, without keeping it (the shared tablet follows its own browser). */
export function showLanguage(choice: LanguageChoice): Promise<unknown> {
  const language = languageFor(choice);
  return language === i18next.language ? Promise.resolve() : i18next.changeLanguage(language);
}

/** Shows `choice` now and from the next load of this device on. */
export function rememberLanguage(choice: LanguageChoice): Promise<unknown> {
  try {
    localStorage.setItem(LANGUAGE_KEY, choice);
  } catch {
    // No storage: the account's choice still applies once it has loaded.
  }
  return showLanguage(choice);
}

/**
 * Resolves once the first screen's catalogues of the language on screen are loaded (the first
 * render waits for it); error messages follow, so a failure later is said in the same language.
 */
export function languageReady(): Promise<unknown> {
  return i18next.loadNamespaces(firstScreenNamespaces).finally(() => void i18next.loadNamespaces("errors"));
}
