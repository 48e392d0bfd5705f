/** Dates as people in the circle see them: always in the circle's time zone. */
import { DateTime } from "luxon";

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, timeStyle: "short" }).format(new Date(iso));
}

/** Calendar day ("2026-03-29") of an instant in a zone, for today/upcoming grouping. */
export function calendarDay(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? "";
}

/** An ISO instant as the "YYYY-MM-DDTHH:mm" an <input type="datetime-local"> shows, in the zone. */
export function toWallTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The inverse: wall time in the zone → ISO instant with offset; null when unparsable. */
export function fromWallTime(wallTime: string, timeZone: string): string | null {
  const parsed = DateTime.fromISO(wallTime, { zone: timeZone });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}
