/**
 * The first day of the week a locale uses (docs/decisions/0036-calendar-view.md), as an ISO
 * weekday: 1 Monday … 7 Sunday. One copy: the server puts it in the calendar's response.
 */

/** `Intl.Locale` week info: a `weekInfo` getter in Node 20 (V8 11), `getWeekInfo()` in newer engines. */
interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay?: number };
  weekInfo?: { firstDay?: number };
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * For engines with neither: CLDR's regions whose week starts on Sunday or Saturday
 * (every other region starts on Monday).
 */
const SUNDAY_REGIONS = new Set(
  [
    "AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ",
    "NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW",
  ]
    .join(" ")
    .split(" "),
);
const SATURDAY_REGIONS = new Set("AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY".split(" "));

const isIsoWeekday = (day: unknown): day is IsoWeekday => typeof day === "number" && Number.isInteger(day) && day >= 1 && day <= 7;

/** The first weekday by the locale's region (its likely one when it names none: "en" → US). */
export function fallbackWeekStart(locale: Intl.Locale): IsoWeekday {
  const region = locale.maximize().region ?? "";
  if (SUNDAY_REGIONS.has(region)) return 7;
  if (SATURDAY_REGIONS.has(region)) return 6;
  return 1;
}

/** The locale's first day of the week; Monday (ISO 8601) for a tag the engine cannot read. */
export function weekStartOf(tag: string): IsoWeekday {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return 1;
  }
  const withInfo = locale as Intl.Locale & WeekInfoLocale;
  const firstDay = (withInfo.getWeekInfo?.() ?? withInfo.weekInfo)?.firstDay;
  return isIsoWeekday(firstDay) ? firstDay : fallbackWeekStart(locale);
}
