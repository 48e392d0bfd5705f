/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0046). Each feature's namespace is listed here once.
 */
import actedForMe from "./acted-for-me.json";
import approvals from "./approvals.json";
import common from "./common.json";
import errors from "./errors.json";
import impersonation from "./impersonation.json";
import language from "./language.json";
import points from "./points.json";
import rewards from "./rewards.json";
import tablet from "./tablet.json";

export const en = { common, errors, language, impersonation, tablet, rewards, points, approvals, "acted-for-me": actedForMe };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
