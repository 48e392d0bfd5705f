import type { AppConfig } from "./config";
import type { Database } from "./db/database";
import type { Logger } from "./logger";
import type { LiveHub } from "./realtime/hub";
import type { ImpersonationNotices } from "./reminders/impersonationNotices";

/** What the app is built from; tests build it with their own database and config. */
export interface AppDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** This process's live-update streams (GET /events). */
  live: LiveHub;
  /** Tells members someone started acting as them (decision 0022). */
  notices: ImpersonationNotices;
  /** Tests: check every JSON response against its declared schema. */
  checkResponses?: boolean;
}
