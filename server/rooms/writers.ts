/**
 * Which process writes a session's log. The store refuses a second writer (store.ts); this adds the two
 * things the store cannot know: whether the process that holds a session is gone (only then may another
 * take it), and that one process opens a session's room once, even when two creates reach it at the same
 * time (a lookup here and a create forwarded from another process).
 */
import type { Claim, SessionRow, SessionStore } from "../store/store.ts";

/** The code a room's create fails with when another room (here or on a live process) holds its session. */
export const CLAIMED_ELSEWHERE = 409;

export interface Liveness {
  /** This process's name as a writer: Colyseus's process id, new at every start. */
  self(): string;
  /**
   * Whether another process is gone (killed, or not answering the cluster's health check). A process found
   * gone has its room listings swept, so nobody is sent to it again.
   */
  isGone(processId: string): Promise<boolean>;
}

/** One process alone (SQLite holds its file exclusively): every other writer is an earlier run of it. */
export function soleProcess(self: () => string): Liveness {
  return { self, isGone: async (processId) => processId !== self() };
}

export class Writers {
  private readonly opening = new Set<string>();
  private readonly store: SessionStore;
  private readonly liveness: Liveness;

  constructor(store: SessionStore, liveness: Liveness) {
    this.store = store;
    this.liveness = liveness;
  }

  /** Makes this process the session's writer, or null while another room here or a live process has it. */
  async claim(row: SessionRow): Promise<Claim | null> {
    if (this.opening.has(row.id)) return null;
    this.opening.add(row.id);
    try {
      const self = this.liveness.self();
      const holder = row.writer;
      const gone = holder && holder !== self && (await this.liveness.isGone(holder)) ? [holder] : [];
      const claim = await this.store.claim(row.id, self, gone);
      if (!claim) this.opening.delete(row.id);
      return claim;
    } catch (error) {
      this.opening.delete(row.id);
      throw error;
    }
  }

  /** The room is gone from this process (disposed or never opened): a later load may claim again. */
  done(sessionId: string): void {
    this.opening.delete(sessionId);
  }
}
