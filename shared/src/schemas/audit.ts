import { z } from "zod";
import { formMessages } from "./messages";
import { idParamSchema, isoDateTimeSchema, pageLimitQuery } from "./fields";

const optionalIdQuery = idParamSchema.optional();

export const auditQuerySchema = z.strictObject({
  actorUserId: optionalIdQuery,
  subjectUserId: optionalIdQuery,
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/, formMessages.auditActionFormat)
    .optional(),
  outcome: z.enum(["allowed", "denied"]).optional(),
  /** Cursor: return events older than this event id. */
  before: optionalIdQuery,
  limit: pageLimitQuery(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.number(),
  circleId: z.number().nullable(),
  actorUserId: z.number().nullable(),
  subjectUserId: z.number().nullable(),
  /** The shared tablet the request came from (the actor is the member picked on it). */
  viaDeviceId: z.number().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(["allowed", "denied"]),
  payload: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
