/**
 * The student's seat over the network. Two ways back into it, fastest first: the seat's reconnection token
 * (a network drop, a reload: the server still holds the connection's place), then the browser's key (a
 * restart of the server, or a token that no longer works): join the room again, and the server gives this
 * browser its own seat, level and history back. The renewed token is stored after every (re)connect (a token
 * works once). A server that is restarting is waited for; only an answer that cannot change ends the page.
 */
import { Client, CloseCode, ErrorCode, type Room } from "@colyseus/sdk";
import type { JoinOptions } from "../../../shared/protocol/messages.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import { findRoom } from "../common/lookup.ts";
import { tuneReconnection } from "../common/reconnection.ts";
import { clientKey, loadSeat, type Seat, saveSeat, serverOrigin } from "../join/handover.ts";
import type { PublicState } from "./publicState.ts";

export type StudentRoom = Room<unknown, PublicState>;

export type Status = "connecting" | "connected" | "reconnecting";

/** Why the page has no seat any more; each gets its own sentence and way back. */
export type Gone = "no-seat" | "seat-lost" | "closed" | "banned" | "ended";

export interface ConnectionHandlers {
  /** A room connection to attach message handlers to: the first, or a fresh one after a manual reconnect. */
  readonly onRoom: (room: StudentRoom, seat: Seat) => void;
  readonly onStatus: (status: Status) => void;
  /** The connection is over for good (a "removed" message is told separately). */
  readonly onGone: (why: Gone) => void;
}

// A restart, a redeploy or a laptop waking up can take minutes; the server keeps the seat for five.
const GIVE_UP_AFTER_MS = 5 * 60_000;
// Close codes after which the SDK gave up or never tried, but the seat may still be waiting.
const WORTH_RETRYING = new Set<number>([
  CloseCode.NORMAL_CLOSURE,
  CloseCode.GOING_AWAY,
  CloseCode.NO_STATUS_RECEIVED,
  CloseCode.ABNORMAL_CLOSURE,
  CloseCode.FAILED_TO_RECONNECT,
  CloseCode.MAY_TRY_RECONNECT,
  CloseCode.SERVER_SHUTDOWN,
]);
// What a join by key may answer that no retry can change.
const FINAL: Record<number, Gone> = {
  403: "banned",
  410: "ended",
  409: "seat-lost",
  423: "seat-lost",
  503: "seat-lost",
};

type Attempt =
  | { readonly kind: "in"; readonly room: StudentRoom }
  | { readonly kind: "retry" }
  | { readonly kind: "gone"; readonly why: Gone };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const errorCode = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "number"
    ? error.code
    : undefined;

async function byToken(seat: Seat): Promise<StudentRoom | null> {
  try {
    return await new Client(serverOrigin()).reconnect<PublicState>(seat.reconnectionToken);
  } catch {
    return null;
  }
}

/** Joins the seat's room with this browser's key; the room is looked up by code when it is not loaded. */
async function byKey(seat: Seat): Promise<Attempt> {
  const options: JoinOptions = {
    role: "student",
    protocol: PROTOCOL_VERSION,
    code: seat.code,
    nickname: seat.nickname,
    clientKey: clientKey(),
  };
  const join = async (roomId: string): Promise<Attempt> => {
    try {
      return { kind: "in", room: await new Client(serverOrigin()).joinById<PublicState>(roomId, options) };
    } catch (error) {
      const code = errorCode(error);
      if (code === ErrorCode.MATCHMAKE_INVALID_ROOM_ID) return { kind: "retry" };
      const final = code === undefined ? undefined : FINAL[code];
      return final ? { kind: "gone", why: final } : { kind: "retry" };
    }
  };
  const direct = await join(seat.roomId);
  if (direct.kind !== "retry") return direct;
  // The room is not loaded here (yet): the lookup brings a live session back from its log.
  const found = await findRoom(seat.code);
  if (found.ok) return join(found.roomId);
  if (found.status === 410) return { kind: "gone", why: "ended" };
  if (found.status === 404) return { kind: "gone", why: "seat-lost" };
  return { kind: "retry" };
}

export function connect(handlers: ConnectionHandlers): { stop(): void } {
  let stopped = false;
  let seat = loadSeat();

  const keepToken = (room: StudentRoom): void => {
    if (!seat) return;
    seat = { ...seat, roomId: room.roomId, reconnectionToken: room.reconnectionToken };
    saveSeat(seat);
  };

  /** Comes back by the token, then by the key, until it works, cannot work, or the seat's time is over. */
  async function reconnect(): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; !stopped; attempt++) {
      if (!seat) return handlers.onGone("no-seat");
      const viaToken = attempt === 0 ? await byToken(seat) : null;
      const result: Attempt = viaToken ? { kind: "in", room: viaToken } : await byKey(seat);
      if (stopped) {
        if (result.kind === "in") void result.room.leave(true);
        return;
      }
      if (result.kind === "in") return attach(result.room);
      if (result.kind === "gone") return handlers.onGone(result.why);
      if (Date.now() - started > GIVE_UP_AFTER_MS) return handlers.onGone("seat-lost");
      handlers.onStatus("reconnecting");
      // Every 2 s at most: a restarted server is back within a second or two, and a try costs one request.
      await sleep(Math.min(2000, 300 * 2 ** attempt));
    }
  }

  function attach(room: StudentRoom): void {
    tuneReconnection(room);
    keepToken(room);
    room.onDrop(() => handlers.onStatus("reconnecting"));
    room.onReconnect(() => {
      keepToken(room);
      handlers.onStatus("connected");
    });
    room.onLeave((code: number) => {
      if (stopped) return;
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
