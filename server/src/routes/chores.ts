import type { AppDeps } from "../deps";
import type { Route } from "../http/route";

export function choreRoutes(_deps: AppDeps): Route[] {
  return [];
}
