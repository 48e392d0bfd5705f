/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0047). Each feature's namespace is listed here once.
 */
import common from "./common.json";
import errors from "./errors.json";
import forms from "./forms.json";
import language from "./language.json";

export const en = { common, errors, forms, language };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
