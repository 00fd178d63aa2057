/**
 * The teacher's keys to its sessions, kept only in this browser: localStorage maps a session's id to its
 * teacher and projector tokens, its join code and when it was made. Whoever holds a teacher token runs the
 * session, so it never leaves this browser except in the Authorization header and the room's join.
 */

const KEY = "groupExam.teacherSessions";

export interface KeptSession {
  readonly teacherToken: string;
  readonly projectorToken: string;
  readonly code: string;
  readonly createdAt: number;
}

function isKept(value: unknown): value is KeptSession {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.teacherToken === "string" &&
    typeof v.projectorToken === "string" &&
    typeof v.code === "string" &&
    typeof v.createdAt === "number"
  );
}

/** Every kept session by id; entries of the wrong shape are left out, not trusted. */
export function keptSessions(): Map<string, KeptSession> {
  const out = new Map<string, KeptSession>();
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return out;
    for (const [id, value] of Object.entries(parsed)) if (isKept(value)) out.set(id, value);
  } catch {
    // A corrupt entry is as good as none.
  }
  return out;
}

export function keptSession(id: string): KeptSession | null {
  return keptSessions().get(id) ?? null;
}

export function keepSession(id: string, session: KeptSession): void {
  const all = keptSessions();
  all.set(id, session);
  localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(all)));
}

export function forgetSession(id: string): void {
  const all = keptSessions();
  all.delete(id);
  localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(all)));
}
