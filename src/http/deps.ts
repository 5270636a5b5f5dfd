import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';

/** What route plugins get from the app. */
export interface RouteDeps {
  db: Db;
  config: Config;
}
