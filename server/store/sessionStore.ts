/**
 * Sessions and their event logs in one SQLite file (Node's built-in node:sqlite), in WAL mode with full
 * synchronous commits: when `append` returns, the events are on disk and survive a killed process.
 * A session's row says what it is; its log says everything that happened, in order.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { SessionStatus } from "../../shared/protocol/session.ts";
import type { LoggedEvent, SessionEvent } from "../../shared/session/events.ts";

export interface SessionRow {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly status: SessionStatus;
  readonly teacherTokenHash: string;
  readonly projectorTokenHash: string;
}

export interface SessionStore {
  createSession(row: Omit<SessionRow, "status">, created: SessionEvent): void;
  /** Appends events in one transaction; durable when it returns. */
  append(sessionId: string, events: readonly { readonly at: number; readonly event: SessionEvent }[]): void;
  events(sessionId: string): LoggedEvent[];
  session(id: string): SessionRow | null;
  sessionByCode(code: string): SessionRow | null;
  /** The newest session that ever had this code, live or not (to tell "ended" from "wrong"). */
  latestByCode(code: string): SessionRow | null;
  sessions(): SessionRow[];
  setStatus(id: string, status: SessionStatus): void;
  /** The time of a session's last event, or null for an unknown session. */
  lastEventAt(sessionId: string): number | null;
  /** Sessions not ended, with the time of their last event: what a restarted server brings back. */
  liveSessions(): { readonly row: SessionRow; readonly lastAt: number }[];
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  teacher_token_hash TEXT NOT NULL,
  projector_token_hash TEXT NOT NULL
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
}

const toRow = (r: RawSession): SessionRow => ({
  id: r.id,
  code: r.code,
  createdAt: r.created_at,
  status: r.status as SessionStatus,
  teacherTokenHash: r.teacher_token_hash,
  projectorTokenHash: r.projector_token_hash,
});

export function openStore(dataDir: string): SessionStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, "group-exam.sqlite"));
  // Exclusive locking before WAL keeps the WAL index in the process's own memory, not in a shared-memory file
  // beside the database: a disk that fails under a mapped -shm file kills the process with SIGBUS, while a
  // failed write to the WAL itself is an error the room can report. It also keeps a second server off the file.
  db.exec(
    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
  );
  db.exec(SCHEMA);
  const insertSession = db.prepare(
    "INSERT INTO sessions (id, code, created_at, status, teacher_token_hash, projector_token_hash) VALUES (?, ?, ?, 'live', ?, ?)",
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

  return {
    createSession(row, created) {
      transaction(() => {
        insertSession.run(row.id, row.code, row.createdAt, row.teacherTokenHash, row.projectorTokenHash);
        insertEvent.run(row.id, 1, row.createdAt, created.type, JSON.stringify(created));
      });
      nextSeq.set(row.id, 2);
    },
    append(sessionId, events) {
      if (events.length === 0) return;
      let seq = seqFor(sessionId);
      const first = seq;
      try {
        transaction(() => {
          for (const { at, event } of events)
            insertEvent.run(sessionId, seq++, at, event.type, JSON.stringify(event));
        });
      } catch (e) {
        nextSeq.set(sessionId, first);
        throw e;
      }
      nextSeq.set(sessionId, seq);
    },
    events(sessionId) {
      return (selectEvents.all(sessionId) as { seq: number; at: number; data: string }[]).map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        event: JSON.parse(r.data) as SessionEvent,
      }));
    },
    session(id) {
      const r = selectSession.get(id) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    sessionByCode(code) {
      const r = selectByCode.get(code) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    latestByCode(code) {
      const r = selectLatestByCode.get(code) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    sessions() {
      return (selectAll.all() as unknown as RawSession[]).map(toRow);
    },
    setStatus(id, status) {
      updateStatus.run(status, id);
    },
    lastEventAt(sessionId) {
      const r = selectLastAt.get(sessionId) as { at: number | null } | undefined;
      return r?.at === null || r?.at === undefined ? null : Number(r.at);
    },
    liveSessions() {
      const rows = selectLive.all() as unknown as (RawSession & { last_at: number })[];
      return rows.map((r) => ({ row: toRow(r), lastAt: Number(r.last_at) }));
    },
    close() {
      db.close();
    },
  };
}
