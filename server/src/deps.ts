import type { AppConfig } from "./config";
import type { Database } from "./db/database";
import type { Logger } from "./logger";

/** What the app is built from; tests build it with their own database and config. */
export interface AppDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
}
