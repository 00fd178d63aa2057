/**
 * Nicknames: trimmed, whitespace folded, length-limited, visible, the person's own and kept clean. The
 * check is the server's (every join passes through it); the join page runs the same function to warn
 * before sending. `nicknameKey` says when two names are one to the eye: the room refuses a second "alice"
 * spelled with a Cyrillic "а", and a ban by name holds against it.
 */
import { allVisible, hasLetters, skeleton } from "./nicknameFold.ts";
import { isAbusive } from "./nicknameWords.ts";

export const NICKNAME_MAX = 24;

export type NicknameError =
  | "empty"
  | "too-long"
  /** A character no one can see or that cannot be drawn: controls, blank letters, stacked marks. */
  | "unprintable"
  /** Nothing to read: only marks, emoji or punctuation. */
  | "no-letters"
  /** Passes for the teacher, the projector or a bot. */
  | "reserved"
  /** A word, sign or code the class should not see. */
  | "not-allowed";

export type NicknameResult =
  | { readonly ok: true; readonly nickname: string }
  | { readonly ok: false; readonly error: NicknameError };

/** Leetspeak digits and signs, read as the letters they stand for (0 and 1 the skeleton folds already). */
const LEET: Record<string, string> = { "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

/** The letters a name spells once look-alikes, leetspeak, accents and all else are set aside. */
const spelled = (s: string): string =>
  Array.from(skeleton(s).normalize("NFD"), (c) => LEET[c] ?? c)
    .join("")
    .replace(/[^\p{L}]/gu, "");

/**
 * Who a student may not pass for, in the words a class would use; "bot" because bots sit in the class as
 * "bot 1", "bot 2"... Matched on whole names, so "Botond" and "Ada the Professor" are names of their own.
 */
const RESERVED = new Set(
  (
    "teacher professor prof instructor lecturer tutor admin administrator moderator staff projector bot " +
    "profesor profesora professora professeur maestro maestra lehrer lehrerin docent docente"
  )
    .split(" ")
    .map(spelled),
);
const TITLES = ["", "the", "mr", "mrs", "ms", "miss", "dr", "sir", "madam"].map(spelled);

/** Whether the name is one of those, perhaps with a title before it or a number after ("bot 3", "b0t 3"). */
function impersonates(nickname: string): boolean {
  const core = spelled(nickname.replace(/[\s\p{P}\p{S}\p{N}]+$/u, ""));
  return TITLES.some((title) => core.startsWith(title) && RESERVED.has(core.slice(title.length)));
}

export function cleanNickname(raw: unknown): NicknameResult {
  if (typeof raw !== "string") return { ok: false, error: "empty" };
  // Refuse huge inputs before any work on them.
  if (raw.length > NICKNAME_MAX * 8) return { ok: false, error: "too-long" };
  const nickname = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (nickname.length === 0) return { ok: false, error: "empty" };
  if (Array.from(nickname).length > NICKNAME_MAX) return { ok: false, error: "too-long" };
  if (!allVisible(nickname)) return { ok: false, error: "unprintable" };
  if (isAbusive(nickname)) return { ok: false, error: "not-allowed" };
  if (!hasLetters(nickname)) return { ok: false, error: "no-letters" };
  if (impersonates(nickname)) return { ok: false, error: "reserved" };
  return { ok: true, nickname };
}

/**
 * Two nicknames clash when people cannot tell them apart: case, spacing, invisible characters and
 * look-alike letters do not count ("Alice", "alice", "АLICE" with a Cyrillic А, "ａｌｉｃｅ", "AIice").
 */
export const nicknameKey = (nickname: string): string => skeleton(nickname).replace(/\s+/g, "");

/** What each refusal says to the student: the join page shows it, and the room answers with it. */
export const NICKNAME_SENTENCES: Record<NicknameError, string> = {
  empty: "Type a nickname, or tap “Suggest a name”.",
  "too-long": `A nickname has at most ${NICKNAME_MAX} characters.`,
  unprintable: "That nickname has characters that cannot be seen or shown: use letters, digits and spaces.",
  "no-letters": "A nickname needs at least one letter or digit.",
  reserved: "That name belongs to the teacher or a bot: choose a name of your own.",
  "not-allowed": "Choose a nickname the whole class can see on the projector.",
};
