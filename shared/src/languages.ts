/**
 * The languages the web app is translated into (decision 0047); English is the fallback for anything missing.
 * Apart from the schemas (schemas/language.ts) so the web app's first load can read it without zod.
 */
export const languages = ["en", "de", "fr", "es"] as const;
export type Language = (typeof languages)[number];
