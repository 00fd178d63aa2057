/**
 * Joining a class: check what the student typed, find the room by its code, take a seat. The seat's
 * reconnection token is what the student page needs; the socket itself is dropped when the page changes,
 * and the server keeps the seat for the reconnect that follows.
 */
import { Client } from "@colyseus/sdk";
import { isJoinCode, normalizeJoinCode } from "../../../shared/protocol/joinCode.ts";
import type { JoinOptions } from "../../../shared/protocol/messages.ts";
import { cleanNickname } from "../../../shared/protocol/nickname.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import { findRoom } from "../common/lookup.ts";
import { clientKey, type Seat, serverOrigin } from "./handover.ts";
import { BAD_CODE, type JoinError, joinErrorFor, nicknameError, OFFLINE } from "./joinErrors.ts";

export type JoinResult =
  | { readonly ok: true; readonly seat: Seat }
  | { readonly ok: false; readonly error: JoinError };

const fail = (error: JoinError): JoinResult => ({ ok: false, error });

/** The code and message of whatever the SDK or fetch threw (SDK errors carry a numeric `code`). */
function described(error: unknown): { code: number | undefined; message: string | undefined } {
  if (typeof error !== "object" || error === null) return { code: undefined, message: undefined };
  const e = error as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === "number" ? e.code : undefined,
    message: typeof e.message === "string" ? e.message : undefined,
  };
}

async function roomOf(code: string): Promise<{ roomId: string } | JoinError> {
  const found = await findRoom(code);
  if (found.ok) return { roomId: found.roomId };
  return found.status === 0 ? OFFLINE : joinErrorFor(found.status, found.error ?? undefined);
}

export async function joinClass(typedCode: string, typedNickname: string): Promise<JoinResult> {
  const code = normalizeJoinCode(typedCode.trim());
  if (!isJoinCode(code)) return fail(BAD_CODE);
  const name = cleanNickname(typedNickname);
  if (!name.ok) return fail(nicknameError(name.error));

  const found = await roomOf(code);
  if (!("roomId" in found)) return fail(found);

  const options: JoinOptions = {
    role: "student",
    protocol: PROTOCOL_VERSION,
    code,
    nickname: name.nickname,
    clientKey: clientKey(),
  };
  try {
    const room = await new Client(serverOrigin()).joinById(found.roomId, options);
    // The room greets a new seat with its status; the student page gets it again on reconnecting.
    room.onMessage("you", () => {});
    return {
      ok: true,
      seat: { roomId: room.roomId, reconnectionToken: room.reconnectionToken, code, nickname: name.nickname },
    };
  } catch (error) {
    const { code: status, message } = described(error);
    return fail(joinErrorFor(status, message));
  }
}
