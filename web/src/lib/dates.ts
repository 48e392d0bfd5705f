/**
 * Dates as people in the circle see them: always in the circle's time zone. Built on
 * Intl alone, so the tasks page needs no date library (parsing wall times, which only
 * the chore form does, is in wall-time.ts). Shown dates follow the app's language (`locale()`,
 * decision 0046); machine formats such as calendarDay stay fixed.
 */
import { locale } from "./i18n";

// Building an Intl.DateTimeFormat costs far more than using one, and a task list formats
// a few dates per card: one formatter per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { dateStyle: "medium", timeStyle: "short" }, locale()).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { timeStyle: "short" }, locale()).format(new Date(iso));
}

/** Calendar day ("2026-03-29") of an instant in a zone, for today/upcoming grouping. */
export function calendarDay(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }, "en-US").formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}
