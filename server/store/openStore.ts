/**
 * Which home the server's sessions live in: the PostgreSQL database of DATABASE_URL when there is one (a
 * process of a cluster, sharing the log with the others), otherwise the embedded SQLite file in the data
 * folder (one process, no other service). Both keep the promises of store.ts.
 */
import { openPgStore } from "./pgStore.ts";
import { openSqliteStore } from "./sqliteStore.ts";
import type { SessionStore } from "./store.ts";

export interface StoreWhere {
  readonly dataDir: string;
  /** A PostgreSQL connection URL (DATABASE_URL); empty or absent: SQLite in `dataDir`. */
  readonly databaseUrl?: string;
  /** Where the PostgreSQL store's own lines go (console.log by default). */
  readonly log?: (line: string) => void;
}

export async function openStore(where: StoreWhere): Promise<SessionStore> {
  if (where.databaseUrl) return openPgStore(where.databaseUrl, where.log ? { log: where.log } : {});
  return openSqliteStore(where.dataDir);
}
