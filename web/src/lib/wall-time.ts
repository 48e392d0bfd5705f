/** The chore form's date field: wall time in the circle's zone ↔ an ISO instant (needs luxon's zone rules). */
import { DateTime } from "luxon";

/** An ISO instant as the "YYYY-MM-DDTHH:mm" an <input type="datetime-local"> shows, in the zone. */
export function toWallTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The inverse: wall time in the zone → ISO instant with offset; null when unparsable. */
export function fromWallTime(wallTime: string, timeZone: string): string | null {
  const parsed = DateTime.fromISO(wallTime, { zone: timeZone });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}
