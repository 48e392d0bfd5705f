/**
 * The English catalogues, bundled: English is the fallback every other language's missing key
 * falls back to (decision 0046). Each feature's namespace is listed here once.
 */
import calendar from "./calendar.json";
import calendarFeed from "./calendar-feed.json";
import chores from "./chores.json";
import common from "./common.json";
import errors from "./errors.json";
import away from "./away.json";
import language from "./language.json";
import photos from "./photos.json";

export const en = { common, errors, language, chores, calendar, "calendar-feed": calendarFeed, photos, away };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
