import { readFileSync } from "node:fs";
import path from "node:path";

type Catalogue = { [key: string]: string | Catalogue };

/**
 * A catalogue's text (decision 0047) as a person reads it: filled in as i18next does, markup
 * tags (`<strong>`, `<hidden>`) dropped. Browser tests in other languages look for the very words.
 */
export function say(language: string, namespace: string, key: string, values: Record<string, string> = {}): string {
  const file = path.resolve(__dirname, `../../src/locales/${language}/${namespace}.json`);
  let entry: string | Catalogue = JSON.parse(readFileSync(file, "utf8")) as Catalogue;
  for (const part of key.split(".")) entry = (entry as Catalogue)[part]!;
  if (typeof entry !== "string") throw new Error(`${language}/${namespace}: ${key} is not a text`);
  return entry.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`).replace(/<\/?\w+>/g, "");
}
