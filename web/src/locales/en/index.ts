/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0046). Each feature's namespace is listed here once.
 */
import common from "./common.json";
import errors from "./errors.json";
import language from "./language.json";
import auth from "./auth.json";
import mfa from "./mfa.json";
import reminders from "./reminders.json";
import sso from "./sso.json";
import statistics from "./statistics.json";

export const en = { common, errors, language, auth, mfa, reminders, sso, statistics };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
