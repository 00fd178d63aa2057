/**
 * What the projector's own URL says: the class code in the path (`/class/CODE`) and the projector's key in
 * the fragment (`#key=TOKEN`), which browsers never send to the server, so it stays out of its logs. The key
 * must not stay in the address bar either, where the whole class can read it off the wall: once the page has
 * it, the tab keeps it in its session storage (per code) and the address shows `/class/CODE` only. A reload
 * of the tab finds the key there; a new link with a key in its fragment takes over from the kept one.
 */
import { isJoinCode, normalizeJoinCode } from "../../../shared/protocol/joinCode.ts";

export type Address =
  | {
      readonly ok: true;
      readonly code: string;
      readonly token: string;
      /** Whether the key came from the address bar (then it is to be kept and taken off the address). */
      readonly fromLink: boolean;
    }
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

const usable = (token: string | null | undefined): token is string =>
  typeof token === "string" && token !== "" && token.length <= TOKEN_MAX;

/**
 * The code from the path and the key from the fragment, or else the key this tab kept for the code
 * (`kept`); a fragment's key that is empty or too long is no key, and the kept one is not used instead.
 */
export function readAddress(
  pathname: string,
  hash: string,
  kept: (code: string) => string | null = () => null,
): Address {
  const match = /^\/class\/([^/]+)\/?$/.exec(pathname);
  const code = match ? normalizeJoinCode(decoded(match[1])) : "";
  if (!isJoinCode(code)) return { ok: false, code: code || null, problem: "no-code" };
  const inLink = new URLSearchParams(hash.replace(/^#/, "")).get("key");
  if (inLink !== null) {
    const token = inLink.trim();
    return usable(token) ? { ok: true, code, token, fromLink: true } : { ok: false, code, problem: "no-key" };
  }
  const token = kept(code)?.trim();
  return usable(token) ? { ok: true, code, token, fromLink: false } : { ok: false, code, problem: "no-key" };
}

/** The address to show once the key is kept: the same page and query, without the fragment. */
export const addressWithoutKey = (pathname: string, search: string): string => `${pathname}${search}`;

/** The session storage's name for a class's kept key: one per code, so two classes in one tab do not mix. */
export const keptKeyName = (code: string): string => `groupExam.projectorKey.${code}`;

/** Where students join: the server's configured origin for them, or this page's own. */
export function joinUrlFor(joinOrigin: string | null, pageOrigin: string, code: string): string {
  const origin = joinOrigin && /^https?:\/\/[^\s]+$/.test(joinOrigin) ? joinOrigin : pageOrigin;
  return `${origin.replace(/\/+$/, "")}/join/${code}`;
}
