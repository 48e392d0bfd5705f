import { z } from "zod";
import { userSchema } from "./accounts";
import { choreSchema } from "./chores";
import { circleSchema, memberSchema } from "./circles";

/**
 * Everything the tasks page's first screen shows, in one answer (decision 0018): the same
 * objects GET /users/me, GET /circles/current, GET /circles/current/members and GET /chores
 * return, so the web app seeds those queries' caches from it.
 */
export const tasksPageSchema = z.object({
  me: userSchema,
  circle: circleSchema,
  members: z.array(memberSchema),
  chores: z.array(choreSchema),
});
export type TasksPage = z.infer<typeof tasksPageSchema>;
