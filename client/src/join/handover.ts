/**
 * What the join page hands to the student page: the seat's reconnection token in sessionStorage (one tab,
 * one seat; a refresh keeps it), and the browser's clientKey in localStorage (so a ban holds across names).
 */

const SEAT_KEY = "groupExam.seat";
const CLIENT_KEY = "groupExam.clientKey";

export interface Seat {
  readonly roomId: string;
  /** Renewed by the server on every (re)connect: store the newest after each one. */
  readonly reconnectionToken: string;
  readonly code: string;
  readonly nickname: string;
}

function isSeat(value: unknown): value is Seat {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return ["roomId", "reconnectionToken", "code", "nickname"].every((k) => typeof v[k] === "string");
}

export function loadSeat(): Seat | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(SEAT_KEY) ?? "null");
    return isSeat(parsed) ? parsed : null;
  } catch {
    // A corrupt entry is as good as none: the student joins again.
    return null;
  }
}

export function saveSeat(seat: Seat): void {
  sessionStorage.setItem(SEAT_KEY, JSON.stringify(seat));
}

export function forgetSeat(): void {
  sessionStorage.removeItem(SEAT_KEY);
}

/** 24 random characters, made once per browser and kept. */
export function clientKey(): string {
  const kept = localStorage.getItem(CLIENT_KEY);
  if (kept && kept.length >= 16 && kept.length <= 64) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const fresh = btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => (c === "+" ? "-" : "_"));
  localStorage.setItem(CLIENT_KEY, fresh);
  return fresh;
}

/**
 * Where the exam server is: the page's own origin in production. `?server=http://host:port` points a page
 * served by Vite's dev server straight at a server, whose WebSocket routes the dev proxy does not forward.
 */
export function serverOrigin(): string {
  const given = new URLSearchParams(location.search).get("server");
  if (given && /^https?:\/\/[^/]+$/.test(given)) return given;
  return location.origin;
}

/** The same `?server=` carried to the next page, so development links keep working. */
export function withServerParam(path: string): string {
  const given = new URLSearchParams(location.search).get("server");
  return given ? `${path}?server=${encodeURIComponent(given)}` : path;
}
