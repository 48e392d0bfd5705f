import { z } from "zod";

/** The languages the web app is translated into (decision 0047); English is the fallback for anything missing. */
export const languages = ["en", "de", "fr", "es"] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

/** A member's language: follow the browser's preferred languages, or always one of ours. */
export const languageChoiceSchema = z.enum(["system", ...languages]);
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

export const languageSettingSchema = z.object({ language: languageChoiceSchema });
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const setLanguageRequestSchema = z.strictObject({ language: languageChoiceSchema });
export type SetLanguageRequest = z.input<typeof setLanguageRequestSchema>;
