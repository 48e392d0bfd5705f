import { contract, openApiDocument, type ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { checkHealth } from "../services/health";

export function healthHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["health"]> {
  return {
    get: () => checkHealth(db),
  };
}

export function metaHandlers(): GroupHandlers<ChorusContract["meta"]> {
  // Built at the first request, not at start-up, and kept: the contract does not change while the server runs.
  let document: ReturnType<typeof openApiDocument> | undefined;
  return { openApi: async () => (document ??= openApiDocument(contract, { version: "1" })) };
}
