/**
 * Sessions and their event logs in one SQLite file (Node's built-in node:sqlite), in WAL mode with full
 * synchronous commits: when `append` returns, the events are on disk and survive a killed process.
 * A session's row says what it is; its log says everything that happened, in order. The row also keeps a
 * summary (configuration, rounds, students, last score), kept up by `append` in the same transaction as the
 * events it sums, so a list of sessions reads rows, never logs. A file made before the summary columns gets
 * them on open, filled once from its logs.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SessionConfig, type SessionStatus } from "../../shared/protocol/session.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import {
  type Claim,
  type SessionRow,
  type SessionStore,
  type SessionSummaryRow,
  summaryDelta,
  WriterRefused,
} from "./store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  teacher_token_hash TEXT NOT NULL,
  projector_token_hash TEXT NOT NULL,
  config TEXT,
  rounds INTEGER NOT NULL DEFAULT 0,
  students INTEGER NOT NULL DEFAULT 0,
  last_score REAL,
  writer TEXT,
  epoch INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_code ON sessions(code, status);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
`;

interface RawSession {
  id: string;
  code: string;
  created_at: number;
  status: string;
  teacher_token_hash: string;
  projector_token_hash: string;
  writer: string | null;
}

interface RawSummary extends RawSession {
  config: string | null;
  rounds: number;
  students: number;
  last_score: number | null;
}

/** The summary columns, added to a file made before them (ALTER TABLE keeps every row). */
const SUMMARY_COLUMNS: readonly [string, string][] = [
  ["config", "TEXT"],
  ["rounds", "INTEGER NOT NULL DEFAULT 0"],
  ["students", "INTEGER NOT NULL DEFAULT 0"],
  ["last_score", "REAL"],
];
/** The writer's columns (store.ts: one writer per session), added to a file made before them. */
const WRITER_COLUMNS: readonly [string, string][] = [
  ["writer", "TEXT"],
  ["epoch", "INTEGER NOT NULL DEFAULT 0"],
];

/** Once, after the columns are added: every session's summary from its log. */
const BACKFILL = `
UPDATE sessions SET
  config = (SELECT json_extract(e.data, '$.config') FROM events e WHERE e.session_id = sessions.id AND e.seq = 1),
  rounds = (SELECT COUNT(*) FROM events e WHERE e.session_id = sessions.id AND e.type = 'closed'),
  students = (SELECT COUNT(*) FROM events e WHERE e.session_id = sessions.id AND e.type = 'joined'),
  last_score = (SELECT json_extract(e.data, '$.record.score') FROM events e
    WHERE e.session_id = sessions.id AND e.type = 'closed' ORDER BY e.seq DESC LIMIT 1);
`;

const toRow = (r: RawSession): SessionRow => ({
  id: r.id,
  code: r.code,
  createdAt: r.created_at,
  status: r.status as SessionStatus,
  teacherTokenHash: r.teacher_token_hash,
  projectorTokenHash: r.projector_token_hash,
  writer: r.writer ?? null,
});

/** A row whose configuration is missing or unreadable (a log with no creation event) is left out of lists. */
function toSummary(r: RawSummary): SessionSummaryRow[] {
  const config = r.config === null ? null : SessionConfig.safeParse(JSON.parse(r.config));
  if (!config?.success) return [];
  return [
    {
      ...toRow(r),
      config: config.data,
      rounds: Number(r.rounds),
      students: Number(r.students),
      lastScore: r.last_score === null ? null : Number(r.last_score),
    },
  ];
}

export function openSqliteStore(dataDir: string): SessionStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, "group-exam.sqlite"));
  // Exclusive locking before WAL keeps the WAL index in the process's own memory, not in a shared-memory file
  // beside the database: a disk that fails under a mapped -shm file kills the process with SIGBUS, while a
  // failed write to the WAL itself is an error the room can report. It also keeps a second server off the file.
  db.exec(
    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
  );
  db.exec(SCHEMA);
  const columns = new Set(
    (db.prepare("PRAGMA table_info(sessions)").all() as { name: string }[]).map((c) => String(c.name)),
  );
  const missing = SUMMARY_COLUMNS.filter(([name]) => !columns.has(name));
  if (missing.length) {
    db.exec("BEGIN IMMEDIATE");
    for (const [name, type] of missing) db.exec(`ALTER TABLE sessions ADD COLUMN ${name} ${type}`);
    db.exec(BACKFILL);
    db.exec("COMMIT");
  }
  for (const [name, type] of WRITER_COLUMNS.filter(([name]) => !columns.has(name)))
    db.exec(`ALTER TABLE sessions ADD COLUMN ${name} ${type}`);
  db.exec("CREATE INDEX IF NOT EXISTS sessions_teacher ON sessions(teacher_token_hash)");
  const insertSession = db.prepare(
    "INSERT INTO sessions (id, code, created_at, status, teacher_token_hash, projector_token_hash, config) VALUES (?, ?, ?, 'live', ?, ?, ?)",
  );
  const addToSummary = db.prepare(
    "UPDATE sessions SET rounds = rounds + ?, students = students + ?, last_score = COALESCE(?, last_score) WHERE id = ?",
  );
  // Newest first; ties by id, so a page boundary is exact. `after` is the last row of the previous page.
  const selectSummaries = db.prepare(
    `SELECT * FROM sessions WHERE teacher_token_hash IN (SELECT value FROM json_each(?))
     AND (created_at < ? OR (created_at = ? AND id > ?)) ORDER BY created_at DESC, id LIMIT ?`,
  );
  const insertEvent = db.prepare(
    "INSERT INTO events (session_id, seq, at, type, data) VALUES (?, ?, ?, ?, ?)",
  );
  const lastSeq = db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE session_id = ?");
  const selectEvents = db.prepare("SELECT seq, at, data FROM events WHERE session_id = ? ORDER BY seq");
  const selectSession = db.prepare("SELECT * FROM sessions WHERE id = ?");
  const selectByCode = db.prepare("SELECT * FROM sessions WHERE code = ? AND status = 'live'");
  const selectLatestByCode = db.prepare(
    "SELECT * FROM sessions WHERE code = ? ORDER BY created_at DESC, id DESC LIMIT 1",
  );
  const selectAll = db.prepare("SELECT * FROM sessions ORDER BY created_at DESC, id");
  const selectLastAt = db.prepare("SELECT MAX(at) AS at FROM events WHERE session_id = ?");
  const selectLive = db.prepare(
    "SELECT s.*, (SELECT MAX(at) FROM events e WHERE e.session_id = s.id) AS last_at FROM sessions s WHERE status = 'live' ORDER BY created_at",
  );
  const updateStatus = db.prepare("UPDATE sessions SET status = ? WHERE id = ?");
  const takeWriter = db.prepare(
    `UPDATE sessions SET writer = ?, epoch = epoch + 1 WHERE id = ?
     AND (writer IS NULL OR writer = ? OR writer IN (SELECT value FROM json_each(?))) RETURNING epoch`,
  );
  const currentEpoch = db.prepare("SELECT epoch FROM sessions WHERE id = ?");
  const dropWriter = db.prepare("UPDATE sessions SET writer = NULL WHERE id = ? AND epoch = ?");
  const nextSeq = new Map<string, number>();

  const transaction = (work: () => void): void => {
    db.exec("BEGIN IMMEDIATE");
    try {
      work();
      db.exec("COMMIT");
    } catch (e) {
      // A COMMIT that fails on a full or broken disk has already been rolled back by SQLite; a second
      // ROLLBACK would throw "no transaction is active" and hide the error that says what went wrong.
      if (db.isTransaction) db.exec("ROLLBACK");
      throw e;
    }
  };

  const seqFor = (sessionId: string): number => {
    let seq = nextSeq.get(sessionId);
    if (seq === undefined) seq = Number((lastSeq.get(sessionId) as { seq: number }).seq) + 1;
    return seq;
  };

  /** Inside a transaction: the append goes on only while its claim is the session's. */
  const checkEpoch = (claim: Claim): void => {
    const r = currentEpoch.get(claim.sessionId) as { epoch: number } | undefined;
    if (!r || Number(r.epoch) !== claim.epoch) throw new WriterRefused(claim.sessionId);
  };

  // node:sqlite is synchronous: each method does its work at once and resolves, so a caller sees the same
  // order and the same errors as from PostgreSQL.
  return {
    kind: "sqlite",
    async createSession(row, created) {
      transaction(() => {
        const config = created.type === "created" ? JSON.stringify(created.config) : null;
        insertSession.run(
          row.id,
          row.code,
          row.createdAt,
          row.teacherTokenHash,
          row.projectorTokenHash,
          config,
        );
        insertEvent.run(row.id, 1, row.createdAt, created.type, JSON.stringify(created));
      });
      nextSeq.set(row.id, 2);
    },
    async claim(sessionId, writer, gone = []) {
      const r = takeWriter.get(writer, sessionId, writer, JSON.stringify(gone)) as
        | { epoch: number }
        | undefined;
      if (!r) return null;
      // A new writer counts from the log itself, whatever an earlier writer in this process had counted.
      nextSeq.delete(sessionId);
      return { sessionId, writer, epoch: Number(r.epoch) };
    },
    async append(claim, events) {
      if (events.length === 0) return;
      const { sessionId } = claim;
      let seq = seqFor(sessionId);
      const first = seq;
      try {
        transaction(() => {
          checkEpoch(claim);
          for (const { at, event } of events)
            insertEvent.run(sessionId, seq++, at, event.type, JSON.stringify(event));
          const { rounds, students, lastScore } = summaryDelta(events);
          if (rounds || students) addToSummary.run(rounds, students, lastScore, sessionId);
        });
      } catch (e) {
        nextSeq.set(sessionId, first);
        throw e;
      }
      nextSeq.set(sessionId, seq);
    },
    async release(claim) {
      dropWriter.run(claim.sessionId, claim.epoch);
    },
    async events(sessionId) {
      return (selectEvents.all(sessionId) as { seq: number; at: number; data: string }[]).map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        event: JSON.parse(r.data) as SessionEvent,
      }));
    },
    async session(id) {
      const r = selectSession.get(id) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    async sessionByCode(code) {
      const r = selectByCode.get(code) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    async latestByCode(code) {
      const r = selectLatestByCode.get(code) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    async sessions() {
      return (selectAll.all() as unknown as RawSession[]).map(toRow);
    },
    async setStatus(id, status) {
      updateStatus.run(status, id);
    },
    async summaries(teacherTokenHashes, limit, after) {
      let from = { createdAt: Number.MAX_SAFE_INTEGER, id: "" };
      if (after !== undefined) {
        const r = selectSession.get(after) as RawSession | undefined;
        if (!r || !teacherTokenHashes.includes(r.teacher_token_hash)) return null;
        from = { createdAt: Number(r.created_at), id: r.id };
      }
      // One row more than asked says whether there is a next page.
      const raw = selectSummaries.all(
        JSON.stringify(teacherTokenHashes),
        from.createdAt,
        from.createdAt,
        from.id,
        limit + 1,
      ) as unknown as RawSummary[];
      const rows = raw.slice(0, limit).flatMap(toSummary);
      return { rows, next: raw.length > limit ? raw[limit - 1].id : null };
    },
    async lastEventAt(sessionId) {
      const r = selectLastAt.get(sessionId) as { at: number | null } | undefined;
      return r?.at === null || r?.at === undefined ? null : Number(r.at);
    },
    async liveSessions() {
      const rows = selectLive.all() as unknown as (RawSession & { last_at: number })[];
      return rows.map((r) => ({ row: toRow(r), lastAt: Number(r.last_at) }));
    },
    async close() {
      db.close();
    },
  };
}
