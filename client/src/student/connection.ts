/**
 * The student's seat over the network: reconnect with the stored token on page load, follow the SDK's own
 * reconnects on network drops, retry by hand while the server still keeps the seat, and store the renewed
 * token after every (re)connect (a token works once).
 */
import { Client, CloseCode, ErrorCode, type Room } from "@colyseus/sdk";
import { loadSeat, type Seat, saveSeat, serverOrigin } from "../join/handover.ts";
import type { PublicState } from "./publicState.ts";

export type StudentRoom = Room<unknown, PublicState>;

export type Status = "connecting" | "connected" | "reconnecting";

/** Why the page has no seat any more; each gets its own sentence and way back. */
export type Gone = "no-seat" | "seat-lost" | "server-stopped" | "closed";

export interface ConnectionHandlers {
  /** A room connection to attach message handlers to: the first, or a fresh one after a manual reconnect. */
  readonly onRoom: (room: StudentRoom, seat: Seat) => void;
  readonly onStatus: (status: Status) => void;
  /** The connection is over for good (a "removed" message or the end of the session is told separately). */
  readonly onGone: (why: Gone) => void;
}

// The server keeps a dropped seat 90 s; trying a little less long leaves no reconnect racing its expiry.
const GIVE_UP_AFTER_MS = 85_000;
// Codes for "this seat or room no longer exists": retrying cannot help.
const SEAT_GONE = new Set<number>([ErrorCode.MATCHMAKE_INVALID_ROOM_ID, ErrorCode.MATCHMAKE_EXPIRED]);
// Close codes after which the SDK gave up or never tried, but the seat may still be waiting.
const WORTH_RETRYING = new Set<number>([
  CloseCode.NORMAL_CLOSURE,
  CloseCode.GOING_AWAY,
  CloseCode.NO_STATUS_RECEIVED,
  CloseCode.ABNORMAL_CLOSURE,
  CloseCode.FAILED_TO_RECONNECT,
  CloseCode.MAY_TRY_RECONNECT,
]);

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const errorCode = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "number"
    ? (error as { code: number }).code
    : undefined;

export function connect(handlers: ConnectionHandlers): { stop(): void } {
  let stopped = false;
  let seat = loadSeat();

  const keepToken = (room: StudentRoom): void => {
    if (!seat) return;
    seat = { ...seat, reconnectionToken: room.reconnectionToken };
    saveSeat(seat);
  };

  /** Reconnects by hand until it works, the seat is known to be gone, or the grace period is over. */
  async function reconnect(): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; !stopped; attempt++) {
      if (!seat) return handlers.onGone("no-seat");
      try {
        const room = await new Client(serverOrigin()).reconnect<PublicState>(seat.reconnectionToken);
        if (stopped) return void room.leave(true);
        attach(room as StudentRoom);
        return;
      } catch (error) {
        const code = errorCode(error);
        // A refresh can beat the server to noticing the old socket closed: give it a moment first.
        if (SEAT_GONE.has(code ?? 0) && attempt >= 2) return handlers.onGone("seat-lost");
        if (Date.now() - started > GIVE_UP_AFTER_MS) return handlers.onGone("seat-lost");
        handlers.onStatus("reconnecting");
        await sleep(Math.min(5000, 300 * 2 ** attempt));
      }
    }
  }

  function attach(room: StudentRoom): void {
    // The SDK refuses to auto-reconnect in a room's first 5 s; a phone can drop that early too.
    room.reconnection.minUptime = 0;
    keepToken(room);
    room.onDrop(() => handlers.onStatus("reconnecting"));
    room.onReconnect(() => {
      keepToken(room);
      handlers.onStatus("connected");
    });
    room.onLeave((code: number) => {
      if (stopped) return;
      if (code === CloseCode.SERVER_SHUTDOWN) return handlers.onGone("server-stopped");
      if (WORTH_RETRYING.has(code)) {
        handlers.onStatus("reconnecting");
        void reconnect();
        return;
      }
      handlers.onGone("closed");
    });
    if (seat) handlers.onRoom(room, seat);
    handlers.onStatus("connected");
  }

  if (!seat) handlers.onGone("no-seat");
  else {
    handlers.onStatus("connecting");
    void reconnect();
  }
  return {
    stop() {
      stopped = true;
    },
  };
}
