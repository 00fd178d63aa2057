/**
 * The projector's way into its class room: find the room by code (GET /api/join/CODE), join it with the
 * projector's key, follow the SDK's own reconnects on network drops, and when the connection is lost for
 * good, find and join the room again from scratch (the projector holds no seat, so a fresh join is as good
 * as the old one). It stops at a refusal that cannot get better, and at the end of the session. The room
 * id is remembered for the tab: an ended session's code no longer finds its room, but the room keeps its
 * final state a while, so a projector reloaded just after the end can still show the final board.
 */
import { Client, type Room } from "@colyseus/sdk";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import { tuneReconnection } from "../common/reconnection.ts";
import { serverOrigin } from "../join/handover.ts";
import { backoffMs, type Failure, joinFailure, lookupFailure } from "./joinErrors.ts";
import type { ProjectorState } from "./state.ts";
import type { Problem } from "./words.ts";

export type ProjectorRoom = Room<unknown, ProjectorState>;

export type LinkStatus = "connecting" | "connected" | "reconnecting";

export interface LinkHandlers {
  /** A room connection: the first, or a fresh one after the old was lost. */
  readonly onRoom: (room: ProjectorRoom) => void;
  readonly onStatus: (status: LinkStatus, note?: string) => void;
  /** A problem that trying again will not fix; the link has stopped. */
  readonly onProblem: (problem: Problem) => void;
  /** The session is over (told by the server when looking for the room); the link has stopped. */
  readonly onEnded: () => void;
  /** Whether the page has seen the session end: then a closed connection is no reason to come back. */
  readonly ended: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const ROOM_KEY = (code: string): string => `groupExam.projectorRoom.${code}`;

function rememberRoom(code: string, roomId: string): void {
  try {
    sessionStorage.setItem(ROOM_KEY(code), roomId);
  } catch {
    // No storage (a locked-down browser): a reload after the end just says the session has ended.
  }
}

function rememberedRoom(code: string): string | null {
  try {
    return sessionStorage.getItem(ROOM_KEY(code));
  } catch {
    return null;
  }
}

type Lookup =
  | { readonly ok: true; readonly roomId: string }
  | { readonly ok: false; readonly failure: Failure };

async function findRoom(code: string): Promise<Lookup> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/join/${encodeURIComponent(code)}`);
  } catch {
    return {
      ok: false,
      failure: { kind: "retry", note: "Cannot reach the class server: trying again.", afterMs: null },
    };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (res.ok && typeof record.roomId === "string") return { ok: true, roomId: record.roomId };
  const message = typeof record.error === "string" ? record.error : null;
  const retryAfter = Number(res.headers.get("Retry-After"));
  return { ok: false, failure: lookupFailure(res.ok ? 502 : res.status, code, message, retryAfter) };
}

export function connectProjector(code: string, token: string, handlers: LinkHandlers): { stop(): void } {
  let stopped = false;
  let joining = false;
  let triedRemembered = false;

  /** Returns true when the link must stop. */
  function fail(failure: Failure): boolean {
    if (failure.kind === "fatal") {
      stopped = true;
      handlers.onProblem(failure.problem);
      return true;
    }
    if (failure.kind === "ended") {
      stopped = true;
      handlers.onEnded();
      return true;
    }
    return false;
  }

  async function join(first: boolean): Promise<void> {
    if (joining) return;
    joining = true;
    try {
      for (let attempt = 0; !stopped; attempt++) {
        handlers.onStatus(first && attempt === 0 ? "connecting" : "reconnecting");
        const found = await findRoom(code);
        let failure: Failure;
        // An ended session's code finds no room; the room this tab saw may still be up with the final board.
        const roomId = found.ok
          ? found.roomId
          : found.failure.kind === "ended" && !triedRemembered
            ? rememberedRoom(code)
            : null;
        if (!found.ok && roomId) triedRemembered = true;
        if (roomId) {
          try {
            const room = await new Client(serverOrigin()).joinById<ProjectorState>(roomId, {
              role: "projector",
              protocol: PROTOCOL_VERSION,
              token,
            });
            if (stopped) {
              void room.leave(true);
              return;
            }
            rememberRoom(code, roomId);
            attach(room as ProjectorRoom);
            return;
          } catch (error) {
            failure = found.ok ? joinFailure(error) : found.failure;
          }
        } else
          failure = found.ok
            ? { kind: "retry", note: "The server named no room: trying again.", afterMs: null }
            : found.failure;
        if (fail(failure)) return;
        if (failure.kind === "retry") {
          handlers.onStatus("reconnecting", failure.note);
          await sleep(failure.afterMs ?? backoffMs(attempt));
        }
      }
    } finally {
      joining = false;
    }
  }

  function attach(room: ProjectorRoom): void {
    tuneReconnection(room);
    room.onDrop(() => handlers.onStatus("reconnecting"));
    room.onReconnect(() => handlers.onStatus("connected"));
    room.onLeave(() => {
      if (stopped || handlers.ended()) return;
      void join(false);
    });
    handlers.onRoom(room);
    handlers.onStatus("connected");
  }

  void join(true);
  return {
    stop() {
      stopped = true;
    },
  };
}
