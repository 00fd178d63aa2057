/**
 * The PostgreSQL store's schema, as numbered migrations run at start (`openPgStore` calls `migrate`).
 * `schema_migrations` says which have been applied; each pending one runs once, in its own transaction,
 * under a transaction-level advisory lock, so processes of a cluster that start together take turns and the
 * second finds the work done. A database migrated by a newer version of Group Exam than this one is refused
 * with a sentence saying so, never written with an older idea of its tables.
 *
 * A migration, once released, is never edited: a change is a new migration at the end of the list.
 */
import type pg from "pg";

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements run in order in the migration's transaction. */
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "sessions and their event logs",
    // Ids and codes sort by bytes ("C"), as SQLite's do, so a page of sessions ends where SQLite's would.
    // Times are milliseconds (bigint). Events and configurations are JSON kept as text: read back byte for
    // byte as written (jsonb would reorder keys and refuse a nickname holding \u0000).
    statements: [
      `CREATE TABLE sessions (
        id text COLLATE "C" PRIMARY KEY,
        code text COLLATE "C" NOT NULL,
        created_at bigint NOT NULL,
        status text NOT NULL,
        teacher_token_hash text NOT NULL,
        projector_token_hash text NOT NULL,
        config text,
        rounds integer NOT NULL DEFAULT 0,
        students integer NOT NULL DEFAULT 0,
        last_score double precision,
        writer text,
        epoch bigint NOT NULL DEFAULT 0
      )`,
      "CREATE INDEX sessions_code ON sessions (code, status)",
      "CREATE INDEX sessions_teacher ON sessions (teacher_token_hash, created_at DESC, id)",
      `CREATE TABLE events (
        session_id text COLLATE "C" NOT NULL REFERENCES sessions (id),
        seq integer NOT NULL,
        at bigint NOT NULL,
        type text NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (session_id, seq)
      )`,
    ],
  },
];

/** One number for the advisory lock that makes migrating processes take turns ("group-exam" in ASCII). */
const MIGRATION_LOCK = 0x67726f75_7065;

/** Thrown when the database knows migrations this code does not: a newer Group Exam migrated it. */
export class SchemaTooNew extends Error {
  constructor(found: number, known: number) {
    super(
      `the database was set up by a newer Group Exam (schema version ${found}; this one knows up to ${known}): ` +
        "run the newer version, or point DATABASE_URL at another database",
    );
    this.name = "SchemaTooNew";
  }
}

/** Applies the pending migrations, each once; resolves to the versions this call applied. */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const known = migrations.reduce((most, m) => Math.max(most, m.version), 0);
  const applied: number[] = [];
  const client = await pool.connect();
  // A connection lost between two statements is an event on the client, not on a query: heard here, it
  // fails the next statement instead of ending the process.
  let broken: Error | undefined;
  const lost = (error: Error): void => {
    broken = error;
  };
  client.on("error", lost);
  try {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
        );
        const done = await client.query("SELECT version FROM schema_migrations");
        const versions = done.rows.map((r: Record<string, unknown>) => Number(r.version));
        const newest = Math.max(0, ...versions);
        if (newest > known) throw new SchemaTooNew(newest, known);
        if (!versions.includes(migration.version)) {
          for (const statement of migration.statements) await client.query(statement);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [migration.version, migration.name, Date.now()],
          );
          applied.push(migration.version);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
  } finally {
    client.off("error", lost);
    // A broken connection is closed, not handed to the next query.
    client.release(broken);
  }
  return applied;
}
