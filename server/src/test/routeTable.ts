/**
 * The contract seen as the HTTP tests walk it: every endpoint with the kind of credential it
 * takes, and the impersonation and tablet allow-lists, all derived from shared/src/contract.
 */
import { contract, endpointKey, type Endpoint } from "@chorus/shared";
import { contractEndpoints } from "../http/route";

export const routeKey = endpointKey;

export interface RouteView extends Endpoint {
  /** `public`: no sign-in (the calendar feed's secret is in its URL); `device`: the tablet's own page; `user`: everything else. */
  auth: "public" | "device" | "user";
}

export function apiRoutes(_deps?: unknown): RouteView[] {
  // A copy of each endpoint, not a change to it: they belong to the contract.
  // oxlint-disable-next-line oxc/no-map-spread
  return contractEndpoints(contract).map((endpoint) => {
    const { credentials } = endpoint.access;
    const auth =
      credentials.includes("public") || credentials.includes("calendarFeed")
        ? "public"
        : credentials.includes("tablet")
          ? "device"
          : "user";
    return { ...endpoint, auth };
  });
}

/** Endpoints that honour an impersonation selector. */
export const IMPERSONATION_ROUTES: ReadonlySet<string> = new Set(
  apiRoutes()
    .filter((route) => route.access.impersonation)
    .map(routeKey),
);
/** Endpoints a shared tablet may call for the member picked on it. */
export const DEVICE_MEMBER_ROUTES: ReadonlySet<string> = new Set(
  apiRoutes()
    .filter((route) => route.access.credentials.includes("tabletMember"))
    .map(routeKey),
);
