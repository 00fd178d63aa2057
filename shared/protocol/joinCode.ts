/**
 * Join codes: short, easy to read aloud and to type on a phone, with no look-alike characters
 * (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). The randomness comes in as 32-bit integers from the caller.
 */
export const JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const JOIN_CODE_LENGTH = 6;

export function joinCodeFrom(random: ArrayLike<number>): string {
  if (random.length < JOIN_CODE_LENGTH)
    throw new RangeError(`a join code needs ${JOIN_CODE_LENGTH} random numbers`);
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[(random[i] >>> 0) % JOIN_CODE_ALPHABET.length];
  return code;
}

/** What a student typed, made comparable: upper case, no spaces or dashes. */
export const normalizeJoinCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, "");

export const isJoinCode = (s: string): boolean =>
  s.length === JOIN_CODE_LENGTH && [...s].every((c) => JOIN_CODE_ALPHABET.includes(c));
