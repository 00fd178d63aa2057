/**
 * What the server keeps: sessions and their event logs, behind one interface with two homes. The embedded
 * default is one SQLite file (sqliteStore.ts, no other service); a cluster shares one PostgreSQL database
 * (pgStore.ts, chosen by DATABASE_URL). Both make the same promises:
 *
 * - An event is durable when `append` resolves: the room shows nothing an event causes before then.
 * - A session has one writer at a time. A room `claim`s its session before it writes; the claim carries an
 *   epoch, and an append under an epoch that is no longer the session's is refused by the database itself
 *   (`WriterRefused`), not by hope. A session's events carry their sequence, so two writers that raced past
 *   every other check still cannot both write event N.
 * - A claim succeeds when the session has no writer, has this one, or has a writer the caller knows is gone
 *   (a process that stopped answering). Two processes racing to bring back the same session: one wins.
 */
import type { SessionConfig, SessionStatus } from "../../shared/protocol/session.ts";
import type { LoggedEvent, SessionEvent } from "../../shared/session/events.ts";

export interface SessionRow {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly status: SessionStatus;
  readonly teacherTokenHash: string;
  readonly projectorTokenHash: string;
  /** The process that writes (or last wrote) the session's log, or null when none does (new, or released). */
  readonly writer: string | null;
}

/** A session's row with its summary: what a list of sessions shows, with no log read. */
export interface SessionSummaryRow extends SessionRow {
  readonly config: SessionConfig;
  readonly rounds: number;
  /** Joins (a student that joins twice counts twice, as in the log). */
  readonly students: number;
  readonly lastScore: number | null;
}

export interface SummaryPage {
  readonly rows: readonly SessionSummaryRow[];
  /** The id to pass as `after` for the next page, or null on the last page. */
  readonly next: string | null;
}

/** The right to write one session's log, as long as its epoch is the session's. */
export interface Claim {
  readonly sessionId: string;
  readonly writer: string;
  readonly epoch: number;
}

export interface TimedEvent {
  readonly at: number;
  readonly event: SessionEvent;
}

/** What a batch of events adds to its session's summary columns (the rounds closed, the joins, the last score). */
export function summaryDelta(events: readonly TimedEvent[]): {
  readonly rounds: number;
  readonly students: number;
  readonly lastScore: number | null;
} {
  let rounds = 0;
  let students = 0;
  let lastScore: number | null = null;
  for (const { event } of events) {
    if (event.type === "closed") {
      rounds++;
      lastScore = event.record.score;
    } else if (event.type === "joined") students++;
  }
  return { rounds, students, lastScore };
}

/** An append by a writer whose claim another writer has taken since (a stale release does nothing). */
export class WriterRefused extends Error {
  readonly sessionId: string;
  constructor(sessionId: string) {
    super(`another process writes session ${sessionId} now`);
    this.sessionId = sessionId;
    this.name = "WriterRefused";
  }
}

export interface SessionStore {
  /** Which home this is, for the start-up line and the logs. */
  readonly kind: "sqlite" | "postgres";
  /** The session's row and its first event, in one transaction. The session has no writer yet. */
  createSession(row: Omit<SessionRow, "status" | "writer">, created: SessionEvent): Promise<void>;
  /**
   * Makes `writer` the session's one writer when it has none, has `writer` already, or has one of `gone`.
   * Resolves to the claim, or null when another writer holds the session (or there is no such session).
   */
  claim(sessionId: string, writer: string, gone?: readonly string[]): Promise<Claim | null>;
  /** Appends events in one transaction, durable when it resolves; rejects with WriterRefused for a stale claim. */
  append(claim: Claim, events: readonly TimedEvent[]): Promise<void>;
  /** The writer lets go (a graceful stop, an unload): the next claim needs no proof that it is gone. */
  release(claim: Claim): Promise<void>;
  events(sessionId: string): Promise<LoggedEvent[]>;
  session(id: string): Promise<SessionRow | null>;
  sessionByCode(code: string): Promise<SessionRow | null>;
  /** The newest session that ever had this code, live or not (to tell "ended" from "wrong"). */
  latestByCode(code: string): Promise<SessionRow | null>;
  sessions(): Promise<SessionRow[]>;
  setStatus(id: string, status: SessionStatus): Promise<void>;
  /**
   * The summaries of the sessions whose teacher tokens hash to one of `teacherTokenHashes`, newest first,
   * `limit` at most, after the session `after` (a previous page's `next`); null when `after` is not one of them.
   */
  summaries(
    teacherTokenHashes: readonly string[],
    limit: number,
    after?: string,
  ): Promise<SummaryPage | null>;
  /** The time of a session's last event, or null for an unknown session. */
  lastEventAt(sessionId: string): Promise<number | null>;
  /** Sessions not ended, with the time of their last event: what a restarted server brings back. */
  liveSessions(): Promise<{ readonly row: SessionRow; readonly lastAt: number }[]>;
  close(): Promise<void>;
}
