/**
 * What a nickname looks like to people, as a string a machine can compare: the skeleton of UTS #39
 * (Unicode's confusable detection) cut down to the look-alikes a classroom meets. Two names with the same
 * skeleton cannot be told apart on a projector: Cyrillic "а" and Latin "a", fullwidth "Ａ" and "A",
 * capital "I", small "l" and the digit "1". And the characters no one can see at all, which a name may not
 * hold: a blank name, or "alice" with a zero-width space, would let one student pass for another.
 */

/**
 * Look-alikes from other scripts, each to the Latin letter it cannot be told from (the glyphs are the same
 * in ordinary fonts). Capitals first: Cyrillic "В" is Latin "B", while lowercase "в" is no Latin letter.
 */
const LOOKALIKE_PAIRS =
  // Cyrillic capitals, then small letters.
  "АaВbСcЕeНhІlЈjКkМmОoРpЅsТtХxУyҮyԚqԜwӀl" +
  "аaсcеeһhіlјjоoрpѕsхxуyԁdԛqԝwӏlүy" +
  // Greek capitals, then the small letters that pass for Latin ones.
  "ΑaΒbΕeΖzΗhΙlΚkΜmΝnΟoΡpΤtΥyΧx" +
  "οoιlνvρpκkαaχx" +
  // Latin letters and digits that pass for each other: I, i, l, ı, 1 and | look alike; so do 0 and o.
  "IlilılǀlƖl1l|l0oɡgɑa";

const LOOKALIKES = new Map<string, string>();
const pairs = Array.from(LOOKALIKE_PAIRS);
for (let i = 0; i < pairs.length; i += 2) LOOKALIKES.set(pairs[i], pairs[i + 1]);

const fold = (s: string): string => Array.from(s, (c) => LOOKALIKES.get(c) ?? c).join("");

/** Characters a font draws as nothing at all (UTS #44 Default_Ignorable_Code_Point). */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * A name's skeleton: compatibility forms folded (fullwidth, mathematical and circled letters), invisible
 * characters dropped, look-alikes of other scripts and of each other made one, and case folded. Accents
 * stay: "Zoë" and "Zoe", or Vietnamese "Tuấn" and "Tuân", are different names that people can tell apart.
 */
export function skeleton(name: string): string {
  const decomposed = name.normalize("NFKC").replace(IGNORABLE, "").normalize("NFD");
  return fold(fold(decomposed).toLowerCase()).normalize("NFC");
}

/** Blank letters: letters to Unicode, nothing to the eye (the Hangul fillers are also ignorable). */
const BLANK = /[\u115F\u1160\u3164\uFFA0\u2800\u{1D159}\u{1D173}-\u{1D17A}\uFFFC\uFFFD]/u;

/** Joiners that scripts need between two visible characters: Persian and Indic names, emoji sequences. */
const JOINER = /^[\u200C\u200D]$/u;
/** Emoji presentation selectors, right after what they select. */
const SELECTOR = /^[\uFE0E\uFE0F]$/u;
const VISIBLE = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]/u;

/** More marks on one letter than any script writes: "Zalgo" text, drawn over the lines above and below. */
const MARK_TOWER = /\p{M}{5,}/u;

/**
 * Whether every character of the name is one people can see: no control or format characters (a
 * right-to-left override can make a name read backwards), no blank letters, no stacked marks. Joiners and
 * emoji selectors are allowed where writing needs them, between (or after) visible characters.
 */
export function allVisible(name: string): boolean {
  if (BLANK.test(name) || MARK_TOWER.test(name)) return false;
  const chars = Array.from(name);
  return chars.every((c, i) => {
    const before = chars[i - 1] ?? "";
    const after = chars[i + 1] ?? "";
    if (JOINER.test(c)) return VISIBLE.test(before) && VISIBLE.test(after);
    if (SELECTOR.test(c)) return VISIBLE.test(before);
    return !/[\p{C}\p{Default_Ignorable_Code_Point}]/u.test(c);
  });
}

/**
 * Whether the name has something to read: a letter or a digit (circled and fullwidth ones count, as the
 * letters they are), not only marks, emoji or punctuation.
 */
export const hasLetters = (name: string): boolean =>
  /[\p{L}\p{N}]/u.test(name.normalize("NFKC").replace(new RegExp(BLANK.source, "gu"), ""));
