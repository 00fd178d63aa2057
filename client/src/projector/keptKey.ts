/**
 * The projector's key as this tab keeps it (session storage: it lives as long as the tab, survives a reload,
 * and no other tab or later visit sees it). Storage can be missing or refuse (a locked-down browser): then
 * keeping says so, and the page leaves the key in its address rather than lose it on the next reload.
 */
import { keptKeyName } from "./address.ts";

/** Keeps the key for the code; true only when the tab's storage really holds it now. */
export function keepKey(code: string, token: string): boolean {
  try {
    sessionStorage.setItem(keptKeyName(code), token);
    return sessionStorage.getItem(keptKeyName(code)) === token;
  } catch {
    return false;
  }
}

/** The key this tab kept for the code, or null. */
export function keptKey(code: string): string | null {
  try {
    return sessionStorage.getItem(keptKeyName(code));
  } catch {
    return null;
  }
}
