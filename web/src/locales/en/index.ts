/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0046). Each feature's namespace is listed here once.
 */
import app from "./app.json";
import common from "./common.json";
import errors from "./errors.json";
import language from "./language.json";

export const en = { app, common, errors, language };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
