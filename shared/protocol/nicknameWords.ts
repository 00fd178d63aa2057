/**
 * Words a classroom does not want on the projector, found by obscenity (a maintained filter: its English
 * word list, with look-alike letters, leetspeak and repeated letters folded), plus what it misses (hate
 * symbols and codes, a few slurs and spellings), minus what it takes for abuse and is a real name (Dick,
 * Cummings, Fagerström, Dikshit, Shittu, Wankel...). A name is read as typed and as spelled out, each
 * also with I and l swapped where one passes for the other, so that "F.U.C.K", "f u c k" and "hitIer"
 * (a capital I for the l) are read as the words they spell. Obscenity does its matching on strings alone
 * (regular expressions, no I/O), so shared/ may use it.
 */
import {
  DataSet,
  englishDataset,
  englishRecommendedTransformers,
  type ParsedPattern,
  pattern,
  RegExpMatcher,
} from "obscenity";

/**
 * Ours, written as obscenity patterns ("|" is a word's edge, "[x]" an optional letter), matched after its
 * folding, so a pattern spells a repeated letter once (except b, e, o, l, s and g, which it keeps twice).
 */
const EXTRA: readonly (readonly [string, ParsedPattern])[] = [
  ["fuck", pattern`phuck`],
  ["fuck", pattern`phuk`],
  ["fuck", pattern`|fuq`],
  ["fuck", pattern`ph?ck`],
  ["bitch", pattern`biatch`],
  ["bitch", pattern`biotch`],
  ["cunt", pattern`|kunt|`],
  // The name Dick passes (see NAMES); the phrase does not.
  ["dick", pattern`dick head`],
  ["dick", pattern`dick face`],
  ["dick", pattern`my dick`],
  ["suck", pattern`suck my`],
  ["ass", pattern`dumbass`],
  ["ass", pattern`jackass`],
  ["ass", pattern`fatass`],
  ["butthole", pattern`buthole`],
  ["tit", pattern`|tity|`],
  // Spelled around obscenity's pattern: an l, or q's, for the i and the g's.
  ["nigger", pattern`nlgger`],
  ["nigger", pattern`nlgga`],
  ["nigger", pattern`niqer`],
  ["nigger", pattern`|niqa|`],
  ["fag", pattern`|phag|`],
  ["hitler", pattern`hitler`],
  ["hitler", pattern`hytler`],
  ["nazi", pattern`nazi`],
  ["sieg heil", pattern`sieg heil`],
  ["sieg heil", pattern`siegheil`],
  ["white power", pattern`white power`],
  ["white power", pattern`whitepower`],
  ["ku klux", pattern`ku klux`],
  ["ku klux", pattern`kuklux`],
  ["mein kampf", pattern`mein kampf`],
  ["mein kampf", pattern`meinkampf`],
  ["ching chong", pattern`ching chong`],
  ["golliwog", pattern`gol[l]iwog`],
  ["golliwog", pattern`gol[l]ywog`],
  ["slur", pattern`|spic|`],
  ["slur", pattern`|spics|`],
  ["slur", pattern`|paki|`],
  ["slur", pattern`|pakis|`],
  ["slur", pattern`|gook`],
  ["slur", pattern`|jap|`],
  ["slur", pattern`|japs|`],
  ["slur", pattern`wetback`],
  ["slur", pattern`beaner`],
  ["slur", pattern`raghead`],
  ["slur", pattern`towelhead`],
  ["slur", pattern`zipperhead`],
  ["slur", pattern`porch monkey`],
  ["slur", pattern`|homo|`],
  ["slur", pattern`|tard|`],
  ["slur", pattern`|spaz`],
  ["slur", pattern`shemale`],
  ["slur", pattern`|lesbo|`],
  ["slur", pattern`|lezie`],
  ["slur", pattern`|lezy|`],
  ["pedophile", pattern`|pedo`],
  ["pedophile", pattern`|paedo`],
  ["molest", pattern`molest`],
  ["kill yourself", pattern`kil[l] yourself`],
  ["kill yourself", pattern`kil[l]yourself`],
  ["kill yourself", pattern`|kys|`],
  ["rude", pattern`|wtf|`],
  ["rude", pattern`|stfu|`],
  ["rude", pattern`|gtfo|`],
  ["rude", pattern`|milf`],
  // The classroom's other languages: a few that need no dictionary to recognise.
  ["other language", pattern`|puta|`],
  ["other language", pattern`|puto|`],
  ["other language", pattern`pendejo`],
  ["other language", pattern`|kurwa`],
  ["other language", pattern`|merde|`],
  ["other language", pattern`putain`],
  ["other language", pattern`|salope`],
  ["other language", pattern`|conard`],
  ["other language", pattern`scheis[s]e`],
  ["other language", pattern`hurensohn`],
  ["other language", pattern`wichser`],
  ["other language", pattern`|fotze`],
  ["other language", pattern`chutiya`],
  ["other language", pattern`madarchod`],
  ["other language", pattern`b[e]henchod`],
  ["other language", pattern`|maricon`],
  ["other language", pattern`vafancul`],
];

/**
 * Real names that contain one of the words, each as the stretch of letters that makes it a name (" dick "
 * with its spaces is the name Dick alone, not "dickhead"). A match inside one of these is not a match.
 */
const NAMES = [
  " dick ",
  "dickson",
  "dickinson",
  "dickerson",
  "dickey",
  "cumming",
  "fager",
  "fagan",
  "fagin",
  "fagio",
  "fuku",
  "fuka",
  "fagb",
  "cumhur",
  "cumali",
  "pissarid",
  "assmann",
  "dickmann",
  "shitole",
  "shitrit",
  "anala",
  "wankel",
  "wankhede",
  "dikshit",
  "shittu",
  "shitara",
  "shital",
  "ashit ",
  "analia",
  "anali ",
  "anush",
  "assef",
  " bich ",
  "bichette",
  " semen ",
  "semenov",
  "semenya",
  "slutsk",
  "pornchai",
  "pornthip",
  "pornpimol",
  "pissarro",
  "negroponte",
  "kikelomo",
  " fu ",
  "nazia",
  "nazim",
  "nazir",
  "nazif",
  "nazih",
  "nazira",
  "nazila",
];

const words = new DataSet<{ originalWord: string }>().addAll(englishDataset);
for (const [word, p] of EXTRA)
  words.addPhrase((phrase) => phrase.setMetadata({ originalWord: word }).addPattern(p));
const built = words.build();

const matcher = new RegExpMatcher({
  ...built,
  ...englishRecommendedTransformers,
  whitelistedTerms: [...(built.whitelistedTerms ?? []), ...NAMES],
});

/**
 * The worst words, looked for across the spaces too ("Fu ck", "Hit ler"). Only these: across the spaces,
 * shorter words turn up in pairs of real names ("Shi Tian", "Hana Zimmer").
 */
const acrossSpaces = new RegExpMatcher({
  blacklistedTerms: [pattern`fuck`, pattern`nigger`, pattern`nigga`, pattern`hitler`, pattern`fag[g]ot`].map(
    (p, id) => ({ id, pattern: p }),
  ),
  ...englishRecommendedTransformers,
});

/** Symbols of hate that are characters of their own: swastikas (also Tibetan), SS runes, the finger. */
const HATE_SIGNS = /[卐卍\u0FD5-\u0FD8\u{1F595}]|ϟϟ|ᛋᛋ/u;
/** Codes spelled in digits or repeated letters, which obscenity's folding would turn into other letters. */
const HATE_CODES = /(?:^|[^\p{L}\p{N}])(?:14 ?88|k k k)(?:$|[^\p{L}\p{N}])|kkk/iu;

/** Letters without their accents, for matching only (the name itself keeps them). */
const plain = (s: string): string => s.normalize("NFKD").replace(/\p{M}/gu, "");

/**
 * The name as one spelled with separators would read: dots, stars and underscores inside a word dropped
 * ("F.U.C.K"), and single letters standing apart joined ("f u c k", "f-u-c-k"). Hyphens between longer
 * parts stay separators, so "Ana-Lucía" is not read as one word.
 */
function joined(s: string): string {
  const parts = s.replace(/[.*_~^`·•]+/g, "").split(/[\s-]+/);
  let out = "";
  let previousSingle = false;
  for (const part of parts) {
    const single = Array.from(part).length === 1;
    out += out === "" || (single && previousSingle) ? part : ` ${part}`;
    previousSingle = single;
  }
  return out;
}

/**
 * The name with a capital I that passes for a small l read as the l ("hitIer": an I after a small letter),
 * and a small l that passes for a capital I read as the I ("HlTLER": an l between capitals). Obscenity
 * folds case first, so it would read both as i. A name in capitals keeps its I's.
 */
const swapped = (s: string): string =>
  s.replace(/(?<=\p{Ll})I/gu, "l").replace(/(?<=\p{Lu})l(?=\p{Lu})/gu, "I");

/** Whether the name holds a word, sign or code the class should not see. */
export function isAbusive(name: string): boolean {
  if (HATE_SIGNS.test(name)) return true;
  const base = plain(name);
  const spelled = joined(base);
  if (HATE_CODES.test(base) || HATE_CODES.test(spelled)) return true;
  const readings = [base, spelled, swapped(base), swapped(spelled)];
  // Spaces around, so that a name of the NAMES list matches at the edges too.
  if (readings.some((r) => matcher.hasMatch(` ${r} `))) return true;
  return acrossSpaces.hasMatch(swapped(base).replace(/[\s.*_~^`·•-]+/g, ""));
}
