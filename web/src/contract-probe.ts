import type { Api } from "./lib/api-client";
export const probe = (api: Api) => api.acting.circles.audit();
