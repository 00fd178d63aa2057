/**
 * Nicknames: trimmed, whitespace folded, length-limited, printable, and kept clean. The check is the
 * server's (every join passes through it); the client runs the same function to warn before sending.
 */

export const NICKNAME_MAX = 24;

export type NicknameError = "empty" | "too-long" | "unprintable" | "not-allowed";

/** Words a classroom does not want on the projector; matched on letters only, after folding look-alikes. */
const BLOCKED = [
  "fuck",
  "shit",
  "cunt",
  "bitch",
  "nigg",
  "fag",
  "whore",
  "slut",
  "rape",
  "nazi",
  "hitler",
  "dick",
  "pussy",
  "cock",
  "asshole",
  "bastard",
  "retard",
];

const LOOKALIKES: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "i",
};

function folded(s: string): string {
  return [...s.normalize("NFKD").toLowerCase()]
    .map((c) => LOOKALIKES[c] ?? c)
    .filter((c) => c >= "a" && c <= "z")
    .join("");
}

export type NicknameResult =
  | { readonly ok: true; readonly nickname: string }
  | { readonly ok: false; readonly error: NicknameError };

export function cleanNickname(raw: unknown): NicknameResult {
  if (typeof raw !== "string") return { ok: false, error: "empty" };
  // Refuse huge inputs before any work on them.
  if (raw.length > NICKNAME_MAX * 8) return { ok: false, error: "too-long" };
  const nickname = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (nickname.length === 0) return { ok: false, error: "empty" };
  if ([...nickname].length > NICKNAME_MAX) return { ok: false, error: "too-long" };
  if (/[\p{C}]/u.test(nickname)) return { ok: false, error: "unprintable" };
  const letters = folded(nickname);
  if (BLOCKED.some((w) => letters.includes(w))) return { ok: false, error: "not-allowed" };
  return { ok: true, nickname };
}

/** Two nicknames clash when they look the same to people: case and spacing do not count. */
export const nicknameKey = (nickname: string): string =>
  nickname.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
