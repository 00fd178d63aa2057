/**
 * The two homes of the store tests (store.ts): the embedded SQLite file and a real PostgreSQL started for
 * the test file (Debian's binaries, server/cli/postgresProcess.ts), a fresh database per test; and the
 * events and rows the tests write. On a machine without PostgreSQL its home says why it is skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  createDatabase,
  type Postgres,
  postgresMissing,
  startPostgres,
} from "../../server/cli/postgresProcess.ts";
import { openPgStore } from "../../server/store/pgStore.ts";
import { openSqliteStore } from "../../server/store/sqliteStore.ts";
import type { SessionStore, TimedEvent } from "../../server/store/store.ts";
import { SessionConfig } from "../../shared/protocol/session.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import { createdEvent } from "../../shared/session/session.ts";

/** Why PostgreSQL's tests are skipped here, or null. */
export const pgSkip = postgresMissing();
if (pgSkip) console.warn(pgSkip);

// ── events and rows ──────────────────────────────────────────────────────

export const config = SessionConfig.parse({ exam: "independent", scheme: { name: "global" } });
export const joined = (seat: number, nickname = `student ${seat}`): SessionEvent => ({
  type: "joined",
  seat,
  nickname,
  clientKey: `key-${seat}`,
});
export const closed = (round: number, score: number): SessionEvent => ({
  type: "closed",
  round,
  reason: "timer",
  record: {
    round,
    question: 0,
    scheme: config.scheme,
    classError: (100 - score) / 100,
    score,
    twinScheme: config.scheme,
    twinError: 0.5,
    twinScore: 50,
    students: 2,
    bots: 0,
    checksum: 12345,
  },
});
export const at = (time: number, ...events: SessionEvent[]): TimedEvent[] =>
  events.map((event) => ({ at: time, event }));

/** Creates a session; its creation event is seq 1 at `createdAt`. */
export async function create(
  store: SessionStore,
  id: string,
  options: { code?: string; createdAt?: number; teacher?: string } = {},
): Promise<void> {
  const code = options.code ?? `C${id}`;
  await store.createSession(
    {
      id,
      code,
      createdAt: options.createdAt ?? 1_000,
      teacherTokenHash: options.teacher ?? "teacher",
      projectorTokenHash: "projector",
    },
    createdEvent(config, 7, code),
  );
}

export async function claimed(store: SessionStore, id: string, writer = "A") {
  const claim = await store.claim(id, writer);
  if (!claim) throw new Error(`${writer} could not claim ${id}`);
  return claim;
}

// ── the two homes ────────────────────────────────────────────────────────

/** One test's data: stores opened on it are closed after the test. */
export interface Place {
  open(): Promise<SessionStore>;
  /** A second process's store on the same data; on SQLite (one process per file) the same store. */
  another(first: SessionStore): Promise<SessionStore>;
}

export interface Home {
  readonly name: string;
  readonly skip: string | null;
  place(): Promise<Place>;
}

export interface StoreHomes {
  readonly sqlite: Home;
  readonly postgres: Home;
  /** A store that is closed after the test (its close may be called again). */
  tracked(store: SessionStore): SessionStore;
  /** A fresh PostgreSQL database's URL. */
  freshUrl(): Promise<string>;
  /** Options that keep a PostgreSQL store's own lines out of the test's output. */
  readonly quiet: { readonly log: (line: string) => void };
}

/** The homes, with the hooks that start PostgreSQL for the file and close every store after each test. */
export function useStoreHomes(): StoreHomes {
  const opened: { store: SessionStore; closed: boolean }[] = [];
  const scratch: string[] = [];
  /** A store whose close may be called by the test and again after it. */
  const tracked = (store: SessionStore): SessionStore => {
    const entry = { store, closed: false };
    opened.push(entry);
    return {
      ...store,
      close: async () => {
        if (entry.closed) return;
        entry.closed = true;
        await store.close();
      },
    };
  };
  afterEach(async () => {
    for (const entry of opened.splice(0)) if (!entry.closed) await entry.store.close();
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const sqlite: Home = {
    name: "SQLite",
    skip: null,
    async place() {
      const dir = mkdtempSync(join(tmpdir(), "group-exam-store-"));
      scratch.push(dir);
      return { open: async () => tracked(openSqliteStore(dir)), another: async (first) => first };
    },
  };

  let server: Postgres | null = null;
  const quiet = { log: () => undefined };
  const freshUrl = async (): Promise<string> => {
    if (!server) throw new Error("PostgreSQL was not started");
    return createDatabase(server.url, "contract");
  };
  const postgres: Home = {
    name: "PostgreSQL",
    skip: pgSkip,
    async place() {
      const url = await freshUrl();
      const open = async () => tracked(await openPgStore(url, quiet));
      return { open, another: open };
    },
  };

  beforeAll(async () => {
    if (pgSkip) return;
    const started = await startPostgres();
    if ("skipped" in started) throw new Error(started.skipped);
    server = started;
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    server = null;
  }, 30_000);
  return { sqlite, postgres, tracked, freshUrl, quiet };
}
