/** A member's secret calendar (iCal) feed link (docs/decisions/0012). */
import { z } from "zod";
import { isoDateTimeSchema } from "./fields";

/** Whether the member has a live link; the link itself is shown only when it is made. */
export const calendarFeedStatusSchema = z.object({ feed: z.object({ createdAt: isoDateTimeSchema }).nullable() });
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

/** A new link: `path` is relative to the server's origin (`/api/v1/ical/<token>.ics`). */
export const createdCalendarFeedSchema = z.object({ path: z.string(), createdAt: isoDateTimeSchema });
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>;
