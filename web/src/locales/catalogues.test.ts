/**
 * Every catalogue is complete (decision 0047): each language has each English namespace with the
 * same keys, in the plural forms that language uses, with no placeholder English lacks; and every
 * API error code has its message.
 */
import { errorStatus, languages } from "@chorus/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { namespaces } from "./en";

type Catalogue = { [key: string]: string | Catalogue };

function read(language: string, namespace: string): Catalogue {
  return JSON.parse(readFileSync(join(__dirname, language, `${namespace}.json`), "utf8")) as Catalogue;
}

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === "string") entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]));

/** The keys a language must have: English's, with each plural set in that language's own categories. */
function expectedKeys(english: Map<string, string>, language: string): Set<string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL.test(key)) for (const category of categories) keys.add(key.replace(PLURAL, `_${category}`));
    else keys.add(key);
  }
  return keys;
}

describe.each(languages.filter((language) => language !== "en"))("%s", (language) => {
  it.each(namespaces)("has every key of %s, and nothing English does not", (namespace) => {
    const english = flatten(read("en", namespace));
    const translated = flatten(read(language, namespace));
    const expected = expectedKeys(english, language);
    expect([...expected].filter((key) => !translated.has(key))).toEqual([]);
    expect([...translated.keys()].filter((key) => !expected.has(key))).toEqual([]);
    for (const [key, text] of translated) {
      const englishText = english.get(key) ?? english.get(key.replace(PLURAL, "_other")) ?? "";
      const extra = [...placeholders(text)].filter((name) => !placeholders(englishText).has(name) && name !== "count");
      expect({ key, extra }).toEqual({ key, extra: [] });
      expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
    }
  });
});

it("English has one message for every API error code, and the SDK's own", () => {
  const english = flatten(read("en", "errors"));
  const codes = [...Object.keys(errorStatus), "network_error", "unexpected_response", "unknown"];
  expect(codes.filter((code) => !english.has(code))).toEqual([]);
});
