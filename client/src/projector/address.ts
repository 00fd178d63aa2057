/**
 * What the projector's own URL says: the class code in the path (`/class/CODE`) and the projector's key in
 * the fragment (`#key=TOKEN`), which browsers never send to the server, so it stays out of its logs. The URL
 * is left as it is: a reload must find the key again.
 */
import { isJoinCode, normalizeJoinCode } from "../../../shared/protocol/joinCode.ts";

export type Address =
  | { readonly ok: true; readonly code: string; readonly token: string }
  | { readonly ok: false; readonly code: string | null; readonly problem: "no-code" | "no-key" };

/** The longest token the room accepts in its join options. */
const TOKEN_MAX = 128;

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function readAddress(pathname: string, hash: string): Address {
  const match = /^\/class\/([^/]+)\/?$/.exec(pathname);
  const code = match ? normalizeJoinCode(decoded(match[1])) : "";
  if (!isJoinCode(code)) return { ok: false, code: code || null, problem: "no-code" };
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("key")?.trim() ?? "";
  if (token === "" || token.length > TOKEN_MAX) return { ok: false, code, problem: "no-key" };
  return { ok: true, code, token };
}

/** Where students join: the server's configured origin for them, or this page's own. */
export function joinUrlFor(joinOrigin: string | null, pageOrigin: string, code: string): string {
  const origin = joinOrigin && /^https?:\/\/[^\s]+$/.test(joinOrigin) ? joinOrigin : pageOrigin;
  return `${origin.replace(/\/+$/, "")}/join/${code}`;
}
