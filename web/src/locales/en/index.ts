/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0046). Each feature's namespace is listed here once.
 */
import common from "./common.json";
import account from "./account.json";
import audit from "./audit.json";
import circle from "./circle.json";
import errors from "./errors.json";
import language from "./language.json";
import offline from "./offline.json";
import theme from "./theme.json";

export const en = { common, errors, language, circle, audit, account, theme, offline };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
