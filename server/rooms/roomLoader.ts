/**
 * Live sessions outlive their process: a session's room is brought up from its log wherever it is asked for
 * (at start-up, or by the first lookup of its code after it was unloaded) and named by the session, so every
 * page's stored room id keeps working. A session nobody has touched for RESUME_WITHIN_HOURS is not brought
 * back: it is marked interrupted, and its log stays for replays.
 */
import { matchMaker } from "@colyseus/core";
import type { SessionRow, SessionStore } from "../store/sessionStore.ts";

export const RESUME_WITHIN_HOURS = 24;

export interface RoomLoader {
  /** The room id of the session's room, loaded from the log if need be; null when it is too old to resume. */
  roomFor(row: SessionRow): Promise<string | null>;
  /** At start-up: every live session brought back or marked interrupted. */
  resumeAll(): Promise<{ resumed: string[]; expired: string[] }>;
}

export function createRoomLoader(deps: {
  readonly store: SessionStore;
  readonly now: () => number;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
}): RoomLoader {
  const loading = new Map<string, Promise<string>>();
  const tooOld = (lastAt: number): boolean => deps.now() - lastAt > RESUME_WITHIN_HOURS * 3_600_000;

  const load = (id: string): Promise<string> => {
    let pending = loading.get(id);
    if (!pending) {
      // One load per session at a time: two lookups racing for a restored room get the same one.
      pending = matchMaker
        .createRoom("exam", { sessionId: id, restore: true })
        .then((room) => room.roomId)
        .finally(() => loading.delete(id));
      loading.set(id, pending);
    }
    return pending;
  };

  const expire = (row: SessionRow): void => {
    deps.store.setStatus(row.id, "interrupted");
    deps.log("a session nobody came back to is marked interrupted", { session: row.id });
  };

  return {
    async roomFor(row) {
      if (await matchMaker.getRoomById(row.id)) return row.id;
      const lastAt = deps.store.lastEventAt(row.id) ?? row.createdAt;
      if (tooOld(lastAt)) {
        expire(row);
        return null;
      }
      return load(row.id);
    },
    async resumeAll() {
      const resumed: string[] = [];
      const expired: string[] = [];
      for (const { row, lastAt } of deps.store.liveSessions()) {
        if (tooOld(lastAt)) {
          expire(row);
          expired.push(row.id);
          continue;
        }
        try {
          await load(row.id);
          resumed.push(row.id);
        } catch (error) {
          deps.log("a live session could not be resumed; it stays live for a later try", {
            session: row.id,
            error: String(error),
          });
        }
      }
      return { resumed, expired };
    },
  };
}
