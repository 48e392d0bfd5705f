import { z } from "zod";
import { languages } from "../languages";

export const languageSchema = z.enum(languages);

/** A member's language: follow the browser's preferred languages, or always one of ours. */
export const languageChoiceSchema = z.enum(["system", ...languages]);
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

export const languageSettingSchema = z.object({ language: languageChoiceSchema });
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const setLanguageRequestSchema = z.strictObject({ language: languageChoiceSchema });
export type SetLanguageRequest = z.input<typeof setLanguageRequestSchema>;
