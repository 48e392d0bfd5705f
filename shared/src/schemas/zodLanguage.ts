import { z } from "zod";
import { de, en, es, fr } from "zod/v4/locales";
import type { Language } from "../languages";

/** zod's own messages (a field without a custom one) in one of the app's languages; the server keeps English. */
export function setZodLanguage(language: Language): void {
  // The four by name: `z.locales` would bring every language zod has into the web app's bundle.
  z.config({ de, en, es, fr }[language]());
}
