/**
 * The server's clock as seen from here: the offset is measured once per connection with the room's "time"
 * request, from the quickest of a few round trips, so a round's countdown matches the projector's.
 */
import type { TimeReply } from "../../../shared/protocol/messages.ts";
import type { StudentRoom } from "./connection.ts";

let offsetMs = 0;

/** Server time now, in ms since the epoch. */
export const serverNow = (): number => Date.now() + offsetMs;

export async function measureOffset(room: StudentRoom, samples = 3): Promise<void> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples; i++) {
    try {
      const sent = Date.now();
      const reply = await room.request<undefined, TimeReply>("time", undefined, { timeout: 3000 });
      const received = Date.now();
      // The quickest round trip gives the tightest bound on when the server read its clock.
      if (received - sent < best && typeof reply.now === "number") {
        best = received - sent;
        offsetMs = reply.now - (sent + received) / 2;
      }
    } catch {
      // No answer (a drop mid-request): keep the last offset; the next connection measures again.
      return;
    }
  }
}

/** "1:05", or "0:09": minutes and whole seconds, rounded up so 0:00 means closed. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
