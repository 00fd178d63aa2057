/**
 * Sessions and their event logs in one PostgreSQL database shared by every process of a cluster (chosen by
 * DATABASE_URL), with the promises of store.ts and the behaviour of sqliteStore.ts: the same rows, the same
 * summary columns kept up by `append` in the transaction of the events they sum, the same page order.
 *
 * One writer per session is the database's doing, not the processes': `claim` is one conditional UPDATE that
 * bumps the session's epoch, so of two processes racing exactly one gets a row back; `append` is one
 * statement (one transaction) whose first part updates the summary WHERE the epoch is still the claim's and
 * whose second part inserts the events only for a row that part returned. A stale claim updates nothing and
 * inserts nothing (WriterRefused); two writers that got past that still meet the events' primary key
 * (session, seq), and a duplicate key is a WriterRefused too. The UPDATE's row lock makes a claim wait for an
 * append in flight, so a new writer reads every event committed before it. A commit returns when its WAL is
 * flushed (synchronous_commit is left at its default, on): an appended event is durable.
 */
import pg from "pg";
import { SESSION_STATUSES, SessionConfig, type SessionStatus } from "../../shared/protocol/session.ts";
import type { LoggedEvent, SessionEvent } from "../../shared/session/events.ts";
import { migrate } from "./pgMigrations.ts";
import {
  type Claim,
  type SessionRow,
  type SessionStore,
  type SessionSummaryRow,
  summaryDelta,
  WriterRefused,
} from "./store.ts";

export interface PgStoreOptions {
  /** Where the store's own lines go (migrations applied, a connection lost while idle); console.log by default. */
  readonly log?: (line: string) => void;
  /** Connections in the pool (pg's default, 10, unless told). */
  readonly connections?: number;
}

type Raw = Record<string, unknown>;

// ── reading rows: pg gives bigint as strings, and nothing it gives is trusted unread ──

const text = (v: unknown, what: string): string => {
  if (typeof v !== "string") throw new Error(`the database gave ${what} as ${typeof v}, not text`);
  return v;
};
const num = (v: unknown, what: string): number => {
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`the database gave ${what} as ${v}`);
  return n;
};
const maybe = <T>(v: unknown, read: (v: unknown, what: string) => T, what: string): T | null =>
  v === null || v === undefined ? null : read(v, what);
const status = (v: unknown): SessionStatus => {
  const s = SESSION_STATUSES.find((known) => known === v);
  if (!s) throw new Error(`the database gave a session status ${String(v)}`);
  return s;
};

const toRow = (r: Raw): SessionRow => ({
  id: text(r.id, "id"),
  code: text(r.code, "code"),
  createdAt: num(r.created_at, "created_at"),
  status: status(r.status),
  teacherTokenHash: text(r.teacher_token_hash, "teacher_token_hash"),
  projectorTokenHash: text(r.projector_token_hash, "projector_token_hash"),
  writer: maybe(r.writer, text, "writer"),
});

/** A row whose configuration is missing or unreadable (a log with no creation event) is left out of lists. */
function toSummary(r: Raw): SessionSummaryRow[] {
  const raw = maybe(r.config, text, "config");
  const config = raw === null ? null : SessionConfig.safeParse(JSON.parse(raw));
  if (!config?.success) return [];
  return [
    {
      ...toRow(r),
      config: config.data,
      rounds: num(r.rounds, "rounds"),
      students: num(r.students, "students"),
      lastScore: maybe(r.last_score, num, "last_score"),
    },
  ];
}

/** The error pg raises for a duplicate key: another writer wrote this event's seq first. */
const duplicateKey = (e: unknown): boolean => e instanceof Error && "code" in e && e.code === "23505";

const SESSION_COLUMNS = "id, code, created_at, status, teacher_token_hash, projector_token_hash, writer";
const SUMMARY_COLUMNS = `${SESSION_COLUMNS}, config, rounds, students, last_score`;

/**
 * The append: the summary and the epoch check first (its row lock orders it against claims), then the events
 * for the one row it returned. No row (a stale claim): nothing updated, nothing inserted.
 */
const APPEND = `
WITH s AS (
  UPDATE sessions SET rounds = rounds + $3, students = students + $4, last_score = COALESCE($5, last_score)
  WHERE id = $1 AND epoch = $2 RETURNING id
)
INSERT INTO events (session_id, seq, at, type, data)
SELECT s.id, e.seq, e.at, e.type, e.data
FROM s, unnest($6::integer[], $7::bigint[], $8::text[], $9::text[]) AS e(seq, at, type, data)`;

/** The session's row and its first event: one statement, so one transaction, with no connection held between. */
const CREATE = `
WITH s AS (
  INSERT INTO sessions (id, code, created_at, status, teacher_token_hash, projector_token_hash, config)
  VALUES ($1, $2, $3, 'live', $4, $5, $6) RETURNING id, created_at
)
INSERT INTO events (session_id, seq, at, type, data) SELECT id, 1, created_at, $7, $8 FROM s`;

export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<SessionStore> {
  const log = options.log ?? ((line: string) => console.log(line));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.connections ?? 10,
    // A database that does not answer is an error the caller sees, not a start or an append that hangs.
    connectionTimeoutMillis: 10_000,
    application_name: "group-exam",
  });
  // An idle connection the server drops (a restart, a failover) is an event on the pool; unheard, it would
  // end the process. The pool makes a new connection for the next query.
  pool.on("error", (error) => log(`PostgreSQL dropped an idle connection: ${error.message}`));
  try {
    const applied = await migrate(pool);
    if (applied.length) log(`PostgreSQL schema migrations applied: ${applied.join(", ")}`);
  } catch (error) {
    await pool.end();
    throw error;
  }

  /** The next seq of each session this process holds, under the epoch it counted for. */
  const nextSeq = new Map<string, { epoch: number; seq: number }>();
  const one = async (sql: string, values: unknown[]): Promise<Raw | null> =>
    (await pool.query<Raw>(sql, values)).rows[0] ?? null;

  const seqFor = async (claim: Claim): Promise<number> => {
    const known = nextSeq.get(claim.sessionId);
    if (known?.epoch === claim.epoch) return known.seq;
    // A new claim counts from the log itself: the claim's commit came after every earlier writer's append.
    const r = await one("SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE session_id = $1", [
      claim.sessionId,
    ]);
    return num(r?.seq ?? 0, "seq") + 1;
  };

  return {
    kind: "postgres",
    async createSession(row, created) {
      const config = created.type === "created" ? JSON.stringify(created.config) : null;
      await pool.query(CREATE, [
        row.id,
        row.code,
        row.createdAt,
        row.teacherTokenHash,
        row.projectorTokenHash,
        config,
        created.type,
        JSON.stringify(created),
      ]);
    },
    async claim(sessionId, writer, gone = []) {
      const r = await one(
        `UPDATE sessions SET writer = $2, epoch = epoch + 1 WHERE id = $1
         AND (writer IS NULL OR writer = $2 OR writer = ANY($3::text[])) RETURNING epoch`,
        [sessionId, writer, [...gone]],
      );
      if (!r) return null;
      nextSeq.delete(sessionId);
      return { sessionId, writer, epoch: num(r.epoch, "epoch") };
    },
    async append(claim, events) {
      if (events.length === 0) return;
      const { sessionId, epoch } = claim;
      const first = await seqFor(claim);
      const { rounds, students, lastScore } = summaryDelta(events);
      // A room sends its appends one after another (eventPipe.ts). Two sent at once on a fresh claim would
      // count the same seq; the key then refuses the second (WriterRefused): never a duplicate, never a gap.
      nextSeq.set(sessionId, { epoch, seq: first + events.length });
      try {
        const result = await pool.query(APPEND, [
          sessionId,
          epoch,
          rounds,
          students,
          lastScore,
          events.map((_, i) => first + i),
          events.map((e) => e.at),
          events.map((e) => e.event.type),
          events.map((e) => JSON.stringify(e.event)),
        ]);
        if (result.rowCount !== events.length) throw new WriterRefused(sessionId);
      } catch (error) {
        nextSeq.delete(sessionId);
        throw duplicateKey(error) ? new WriterRefused(sessionId) : error;
      }
    },
    async release(claim) {
      nextSeq.delete(claim.sessionId);
      await pool.query("UPDATE sessions SET writer = NULL WHERE id = $1 AND epoch = $2", [
        claim.sessionId,
        claim.epoch,
      ]);
    },
    async events(sessionId) {
      const { rows } = await pool.query<Raw>(
        "SELECT seq, at, data FROM events WHERE session_id = $1 ORDER BY seq",
        [sessionId],
      );
      return rows.map(
        (r): LoggedEvent => ({
          seq: num(r.seq, "seq"),
          at: num(r.at, "at"),
          event: JSON.parse(text(r.data, "data")) as SessionEvent,
        }),
      );
    },
    async session(id) {
      const r = await one(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id]);
      return r ? toRow(r) : null;
    },
    async sessionByCode(code) {
      const r = await one(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = $1 AND status = 'live'`, [
        code,
      ]);
      return r ? toRow(r) : null;
    },
    async latestByCode(code) {
      const r = await one(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [code],
      );
      return r ? toRow(r) : null;
    },
    async sessions() {
      const { rows } = await pool.query<Raw>(
        `SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY created_at DESC, id`,
      );
      return rows.map(toRow);
    },
    async setStatus(id, next) {
      await pool.query("UPDATE sessions SET status = $2 WHERE id = $1", [id, next]);
    },
    async summaries(teacherTokenHashes, limit, after) {
      let from = { createdAt: Number.MAX_SAFE_INTEGER, id: "" };
      if (after !== undefined) {
        const r = await one(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [after]);
        const row = r ? toRow(r) : null;
        if (!row || !teacherTokenHashes.includes(row.teacherTokenHash)) return null;
        from = { createdAt: row.createdAt, id: row.id };
      }
      // Newest first; ties by id, so a page boundary is exact. One row more than asked says whether there
      // is a next page.
      const { rows } = await pool.query<Raw>(
        `SELECT ${SUMMARY_COLUMNS} FROM sessions WHERE teacher_token_hash = ANY($1::text[])
         AND (created_at < $2 OR (created_at = $2 AND id > $3)) ORDER BY created_at DESC, id LIMIT $4`,
        [[...teacherTokenHashes], from.createdAt, from.id, limit + 1],
      );
      const page = rows.slice(0, limit);
      return { rows: page.flatMap(toSummary), next: rows.length > limit ? toRow(page[limit - 1]).id : null };
    },
    async lastEventAt(sessionId) {
      const r = await one("SELECT MAX(at) AS at FROM events WHERE session_id = $1", [sessionId]);
      return maybe(r?.at, num, "at");
    },
    async liveSessions() {
      const { rows } = await pool.query<Raw>(
        `SELECT ${SESSION_COLUMNS}, (SELECT MAX(at) FROM events e WHERE e.session_id = s.id) AS last_at
         FROM sessions s WHERE status = 'live' ORDER BY created_at, id`,
      );
      return rows.map((r) => ({ row: toRow(r), lastAt: maybe(r.last_at, num, "last_at") ?? 0 }));
    },
    async close() {
      await pool.end();
    },
  };
}
