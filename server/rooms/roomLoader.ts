/**
 * Live sessions outlive their process: a session's room is brought up from its log wherever it is asked for
 * (at start-up, or by the first lookup of its code after it was unloaded or its process died) and named by
 * the session, so every page's stored room id keeps working. In a cluster the room may be listed on another
 * process: a live one keeps it; a gone one's listing is swept and the room comes back on a live process
 * (Colyseus picks the least loaded). A session nobody has touched for RESUME_WITHIN_HOURS is not brought
 * back: it is marked interrupted, and its log stays for replays.
 */
import { matchMaker, ServerError } from "@colyseus/core";
import type { SessionRow, SessionStore } from "../store/store.ts";
import { CLAIMED_ELSEWHERE, type Liveness } from "./writers.ts";

export const RESUME_WITHIN_HOURS = 24;

export interface RoomLoader {
  /** The room id of the session's room, loaded from the log if need be; null when it is too old to resume. */
  roomFor(row: SessionRow): Promise<string | null>;
  /** At start-up: every live session brought back or marked interrupted. */
  resumeAll(): Promise<{ resumed: string[]; expired: string[] }>;
}

export function createRoomLoader(deps: {
  readonly store: SessionStore;
  readonly liveness: Liveness;
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

  const expire = async (row: SessionRow): Promise<void> => {
    await deps.store.setStatus(row.id, "interrupted");
    deps.log("a session nobody came back to is marked interrupted", { session: row.id });
  };

  /** Whether the session's room is up on this process or a live one (a dead one's listing is swept). */
  const listed = async (id: string): Promise<boolean> => {
    const listing = await matchMaker.getRoomById(id);
    if (!listing) {
      // Up here but listed nowhere: a stale room elsewhere that closed took the listing of the same id with it
      // (Colyseus removes a disposed room's listing by its id). This process lists its rooms again.
      if (!matchMaker.getLocalRoomById(id)) return false;
      await matchMaker.restoreMissingRoomCaches();
      return true;
    }
    if (listing.processId === deps.liveness.self()) return true;
    return !(await deps.liveness.isGone(listing.processId));
  };

  return {
    async roomFor(row) {
      if (await listed(row.id)) return row.id;
      const lastAt = (await deps.store.lastEventAt(row.id)) ?? row.createdAt;
      if (tooOld(lastAt)) {
        await expire(row);
        return null;
      }
      return load(row.id);
    },
    async resumeAll() {
      const resumed: string[] = [];
      const expired: string[] = [];
      for (const { row, lastAt } of await deps.store.liveSessions()) {
        if (tooOld(lastAt)) {
          await expire(row);
          expired.push(row.id);
          continue;
        }
        // In a cluster, a session a live process holds is left to it (and comes here only if that one dies).
        const holder = row.writer;
        if (holder && holder !== deps.liveness.self() && !(await deps.liveness.isGone(holder))) continue;
        if (await listed(row.id)) continue;
        try {
          await load(row.id);
          resumed.push(row.id);
        } catch (error) {
          // Another process of the cluster was quicker: the session is back, there.
          if (error instanceof ServerError && error.code === CLAIMED_ELSEWHERE) continue;
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
