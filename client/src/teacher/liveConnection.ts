/**
 * The teacher's connection to a session's room: find the room by the join code, join it with the teacher's
 * token, follow the SDK's own reconnects, and when a connection is lost for good join afresh (the token
 * works any number of times), until the session has ended or the page leaves the live view. The server's
 * clock offset is measured on each connection, for the round's countdown.
 */
import { Client, CloseCode, type Room } from "@colyseus/sdk";
import type { JoinOptions, TimeReply } from "../../../shared/protocol/messages.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import { tuneReconnection } from "../common/reconnection.ts";
import { serverOrigin } from "../join/handover.ts";
import { findRoom } from "./api.ts";
import type { TeacherState } from "./liveState.ts";
import type { KeptSession } from "./store.ts";

export type TeacherRoom = Room<unknown, TeacherState>;

export type LinkStatus =
  | { readonly kind: "connecting" | "connected" | "reconnecting" }
  /** The session is over and its room is gone: nothing to connect to. */
  | { readonly kind: "ended" }
  /** Connecting cannot work (a wrong token, an unknown code): said in `message`. */
  | { readonly kind: "failed"; readonly message: string };

export interface LinkHandlers {
  /** A fresh connection: attach message and state handlers to it. */
  readonly onRoom: (room: TeacherRoom) => void;
  readonly onStatus: (status: LinkStatus) => void;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const statusOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
};

let offsetMs = 0;
/** Server time now, in ms since the epoch, as measured on the last connection. */
export const serverNow = (): number => Date.now() + offsetMs;

async function measureOffset(room: TeacherRoom): Promise<void> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    try {
      const sent = Date.now();
      const reply = await room.request<undefined, TimeReply>("time", undefined, { timeout: 3000 });
      const received = Date.now();
      if (received - sent < best && typeof reply?.now === "number") {
        best = received - sent;
        offsetMs = reply.now - (sent + received) / 2;
      }
    } catch {
      return;
    }
  }
}

export function connectTeacher(kept: KeptSession, handlers: LinkHandlers): { stop(): void } {
  let stopped = false;
  let current: TeacherRoom | null = null;

  async function join(): Promise<void> {
    for (let attempt = 0; !stopped; attempt++) {
      handlers.onStatus({ kind: attempt === 0 && current === null ? "connecting" : "reconnecting" });
      const found = await findRoom(kept.code);
      if (stopped) return;
      if (!found.ok) {
        if (found.status === 410) return handlers.onStatus({ kind: "ended" });
        if (found.status === 404) return handlers.onStatus({ kind: "failed", message: found.error });
        await sleep(Math.min(5000, 500 * 2 ** attempt));
        continue;
      }
      const options: JoinOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: kept.teacherToken };
      try {
        const room = await new Client(serverOrigin()).joinById<TeacherState>(found.value.roomId, options);
        if (stopped) {
          void room.leave(true);
          return;
        }
        attach(room as TeacherRoom);
        return;
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 400) {
          const message = error instanceof Error ? error.message : "The room refused the teacher's key.";
          return handlers.onStatus({ kind: "failed", message });
        }
        await sleep(Math.min(5000, 500 * 2 ** attempt));
      }
    }
  }

  function attach(room: TeacherRoom): void {
    current = room;
    tuneReconnection(room);
    room.onDrop(() => handlers.onStatus({ kind: "reconnecting" }));
    room.onReconnect(() => {
      handlers.onStatus({ kind: "connected" });
      void measureOffset(room);
    });
    room.onLeave((code: number) => {
      if (stopped || room !== current) return;
      current = null;
      if (code === CloseCode.CONSENTED) return;
      // The room may have closed (an ended session's room goes after a while): look it up again.
      void sleep(300).then(join);
    });
    handlers.onRoom(room);
    handlers.onStatus({ kind: "connected" });
    void measureOffset(room);
  }

  void join();
  return {
    stop() {
      stopped = true;
      const room = current;
      current = null;
      if (room) void room.leave(true).catch(() => undefined);
    },
  };
}
