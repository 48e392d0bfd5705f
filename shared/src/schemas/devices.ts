import { z } from "zod";
import { formMessages } from "./messages";
import { isoDateTimeSchema } from "./fields";

export const deviceNameSchema = z.string().max(64, formMessages.deviceNameMax).regex(/\S/, formMessages.deviceNameBlank);

export const createDeviceRequestSchema = z.strictObject({ name: deviceNameSchema });
export type CreateDeviceRequest = z.infer<typeof createDeviceRequestSchema>;

/** A shared tablet of the circle, as its admins see it (never its token). */
export const deviceSchema = z.object({
  id: z.number(),
  name: z.string(),
  createdBy: z.number(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });

/** Only the creation response carries the token, once. */
export const createdDeviceSchema = deviceSchema.extend({ token: z.string() });
export type CreatedDevice = z.infer<typeof createdDeviceSchema>;

/** What a tablet shows before anyone is picked: its name, its circle, the member tiles. */
export const tabletSchema = z.object({
  device: z.object({ id: z.number(), name: z.string() }),
  circle: z.object({ id: z.number(), name: z.string(), timezone: z.string() }),
  members: z.array(z.object({ userId: z.number(), displayName: z.string(), hasPin: z.boolean() })),
});
export type Tablet = z.infer<typeof tabletSchema>;
export type TabletMember = Tablet["members"][number];
