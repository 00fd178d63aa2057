/**
 * Finding a class's room by its join code (GET /api/join/CODE). The server brings a live session's room
 * back from its log when it is not loaded (after a restart), so this is also how a page finds its class
 * again after the server came back.
 */
import { serverOrigin } from "../join/handover.ts";

export type Lookup =
  | { readonly ok: true; readonly roomId: string }
  /** `status` 0: the server could not be reached. `retryAfter` in seconds, when the server gave one. */
  | {
      readonly ok: false;
      readonly status: number;
      readonly error: string | null;
      readonly retryAfter: number | null;
    };

export async function findRoom(code: string): Promise<Lookup> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/join/${encodeURIComponent(code)}`);
  } catch {
    return { ok: false, status: 0, error: null, retryAfter: null };
  }
  const body: unknown = await res.json().catch(() => null);
  const record = typeof body === "object" && body !== null ? body : {};
  const roomId = "roomId" in record && typeof record.roomId === "string" ? record.roomId : null;
  if (res.ok && roomId) return { ok: true, roomId };
  const error = "error" in record && typeof record.error === "string" ? record.error : null;
  const retryAfter = Number(res.headers.get("Retry-After"));
  // A 200 without a room id is a proxy's page, not our server's answer: as good as unreachable.
  return {
    ok: false,
    status: res.ok ? 502 : res.status,
    error,
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}
