/**
 * How the projector reads a failure on its way into the room, and whether trying again can help: a wrong
 * code or a refused key will not get better (say so plainly and stop), an ended session shows its end, and
 * a server that is down, restarting or busy is tried again.
 */
import type { Problem } from "./words.ts";

export type Failure =
  | { readonly kind: "fatal"; readonly problem: Problem }
  | { readonly kind: "ended" }
  | { readonly kind: "retry"; readonly note: string; readonly afterMs: number | null };

/** The answer of GET /api/join/CODE when it is not a room. */
export function lookupFailure(
  status: number,
  code: string,
  message: string | null,
  retryAfterS?: number,
): Failure {
  if (status === 404)
    return {
      kind: "fatal",
      problem: {
        title: `No session has the code ${code}`,
        text: "Check the projector link on the teacher's dashboard: the session may be on another server.",
      },
    };
  if (status === 410) return { kind: "ended" };
  if (status === 429)
    return {
      kind: "retry",
      note: message ?? "Too many wrong codes from here: waiting before trying again.",
      afterMs: retryAfterS && retryAfterS > 0 ? retryAfterS * 1000 : null,
    };
  // A 503 comes with the server's own reason (a session it cannot open yet): say it while trying again.
  return { kind: "retry", note: message ?? `The server answered ${status}: trying again.`, afterMs: null };
}

/** A failed join: the room's refusals (4xx, with its sentence) are final; anything else is tried again. */
export function joinFailure(error: unknown): Failure {
  const code =
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "number"
      ? (error as { code: number }).code
      : null;
  const message =
    error instanceof Error && error.message ? error.message : typeof error === "string" ? error : null;
  if (code === 410) return { kind: "ended" };
  if (code !== null && code >= 400 && code < 500)
    return {
      kind: "fatal",
      problem: {
        title: "The class room refused the projector",
        text: message ?? "The projector's key was not accepted.",
      },
    };
  return { kind: "retry", note: "Cannot reach the class server: trying again.", afterMs: null };
}

/** Waits between tries: quick at first, then every few seconds. */
export const backoffMs = (attempt: number): number => Math.min(5000, 300 * 2 ** Math.min(attempt, 10));
