/**
 * Who may come into an exam room: the teacher and the projector by their link's token, a student by the
 * join code, a clean nickname and a seat the session can give it (its own, when its browser key holds one).
 * A student's join is also counted against the join limits (per browser key, and per address for new
 * seats: joinLimits.ts). Every refusal is an HTTP-like status with a sentence the page shows as it is, and
 * one log line.
 */
import { timingSafeEqual } from "node:crypto";
import { ServerError } from "@colyseus/core";
import { normalizeJoinCode } from "../../shared/protocol/joinCode.ts";
import { JoinOptions, type Role } from "../../shared/protocol/messages.ts";
import { cleanNickname, NICKNAME_SENTENCES } from "../../shared/protocol/nickname.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { admission, type JoinRefusal } from "../../shared/session/rules.ts";
import type { SessionState } from "../../shared/session/session.ts";
import { hashToken } from "../tokens.ts";
import { type JoinLimits, joinLimitSentence } from "./joinLimits.ts";

export interface AuthResult {
  readonly role: Role;
  readonly nickname: string;
  readonly clientKey: string;
  /** A student's place as the check found it: a new seat, or the one its key holds. */
  readonly seat?: "new" | "back";
}

export const JOIN_REFUSALS: Record<JoinRefusal, readonly [number, string]> = {
  ended: [410, "This session has ended."],
  locked: [423, "The teacher has locked this session."],
  banned: [403, "You cannot join this session."],
  "name-banned": [403, "That nickname cannot be used in this session: choose another."],
  full: [503, "The class is full."],
  "name-taken": [409, "That nickname is taken in this class: choose another."],
};

export const joinRefused = (refusal: JoinRefusal): ServerError => new ServerError(...JOIN_REFUSALS[refusal]);

function sameToken(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RoomSecrets {
  readonly teacherTokenHash: string;
  readonly projectorTokenHash: string;
}

/** Checks a join's options against the session; throws the refusal the page shows. */
export function authenticate(
  options: unknown,
  session: SessionState,
  secrets: RoomSecrets,
  log: (message: string, data?: Record<string, unknown>) => void,
  ip: string | undefined,
): AuthResult {
  // Every refusal is one log line with its reason, and the sentence the page shows.
  const refused = (status: number, sentence: string, reason: string): ServerError => {
    log("refused a join", { refusal: reason, ip });
    return new ServerError(status, sentence);
  };
  const parsed = JoinOptions.safeParse(options);
  if (!parsed.success) throw refused(400, "Those join options were not understood.", "bad-options");
  const o = parsed.data;
  if (o.protocol !== PROTOCOL_VERSION)
    throw refused(400, "This page is out of date: reload it to join.", "old-page");
  if (o.role === "teacher" || o.role === "projector") {
    const hash = o.role === "teacher" ? secrets.teacherTokenHash : secrets.projectorTokenHash;
    if (!sameToken(o.token, hash)) {
      log("refused a join with a wrong token", { role: o.role, ip });
      throw new ServerError(403, "That link's token is not valid for this session.");
    }
    return { role: o.role, nickname: o.role, clientKey: "" };
  }
  if (normalizeJoinCode(o.code) !== session.code)
    throw refused(404, "No session has that code.", "wrong-code");
  const name = cleanNickname(o.nickname);
  if (!name.ok) throw refused(400, NICKNAME_SENTENCES[name.error], `nickname-${name.error}`);
  // Checked again by the conductor at the join itself: another join may take the name or the last seat first.
  const place = admission(session, name.nickname, o.clientKey);
  if (place.kind === "refused") {
    log("refused a join", { refusal: place.refusal, ip });
    throw joinRefused(place.refusal);
  }
  return { role: "student", nickname: name.nickname, clientKey: o.clientKey, seat: place.kind };
}

/** `authenticate`, then a student's join counted against the limits; throws the refusal the page shows. */
export async function authenticateJoin(
  options: unknown,
  session: SessionState,
  secrets: RoomSecrets,
  log: (message: string, data?: Record<string, unknown>) => void,
  ip: string | undefined,
  limits: JoinLimits,
): Promise<AuthResult> {
  const auth = authenticate(options, session, secrets, log, ip);
  if (auth.role !== "student") return auth;
  const refusal = await limits.take(ip ?? "unknown", auth.clientKey, auth.seat ?? "new");
  if (!refusal) return auth;
  log("refused a join: too many joins", { limit: refusal.limit, retryAfter: refusal.wait, ip });
  throw new ServerError(429, joinLimitSentence(refusal));
}
