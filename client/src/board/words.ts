/**
 * What a class board says in words: each scheme as the class hears it (the shared scheme words, so every page
 * names a scheme alike), the two classes by name, the chart's legend, axes and scheme-change marks, the key
 * under the field, and a sentence that describes the field for people who cannot see the canvas. Words for
 * a room: "this class", "the twin class (bots playing like people)", a score from 0 to 100.
 */

import { CLASS_CRITERION } from "../../../shared/engine/convergence.ts";
import { chartKey, keyPhrase, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { SeatPicture } from "../../../shared/session/picture.ts";

/** The phrase of a scheme known only by name (a past round's): no parameters, nothing invented. */
const NAME_PHRASES: Record<string, string> = {
  global: "“Good job, everyone”",
  vectorized: "personal signals",
  sign: "only the direction of each personal signal",
  alignment: "personal signals sent back through a random path",
  noisy: "noisy personal signals",
  teams: "one “Good job” per table",
  blocked: "personal signals, some blocked",
};

/** What the class hears under scheme `name` (a chart key); `config` gives its parameters when it is that scheme. */
export function heardUnder(name: string, config?: SchemeConfig | null): string {
  if (config && chartKey(config) === name) return schemePhrase(config);
  return keyPhrase(name) ?? NAME_PHRASES[name] ?? name;
}

export type Side = "live" | "twin";

/** The two classes as the wall names them. The twin plays like people unless the teacher turned that off. */
export const className = (side: Side, twinLikePeople = true): string =>
  side === "live"
    ? "This class"
    : twinLikePeople
      ? "The twin class (bots playing like people)"
      : "The twin class (bots)";

/** "round 4", "rounds 1–3", "rounds 1–3 and 7–9". */
export function roundsText(ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return "from round 1";
  const one = ([a, b]: readonly [number, number]): string => (a === b ? `${a}` : `${a}–${b}`);
  const single = ranges.length === 1 && ranges[0][0] === ranges[0][1];
  const parts = ranges.map(one);
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `${single ? "round" : "rounds"} ${list}`;
}

/** One legend entry without its class: "“Good job, everyone”, rounds 1–3". */
export const legendItem = (phrase: string, ranges: readonly (readonly [number, number])[]): string =>
  `${phrase}, ${roundsText(ranges)}`;

/** One legend entry in full: "This class, “Good job, everyone”, rounds 1–3". */
export const legendText = (
  side: Side,
  phrase: string,
  ranges: readonly (readonly [number, number])[],
  twinLikePeople = true,
): string => `${className(side, twinLikePeople)}, ${legendItem(phrase, ranges)}`;

export const CRITERION_WORDS = `${Math.round(CLASS_CRITERION * 100)} % of the way to the key`;

/** The chart's title and its y axis, by scale. */
export const CHART_WORDS = {
  score: { title: "Class score after each round (100 = the key)", axis: "class score" },
  log: { title: "How far the class is from the key (class error, log scale)", axis: "class error" },
} as const;

/** The theory's lines (on the log scale): their names, and the legend's one line for them all. */
export const THEORY_PREFIX = "what the theory predicts";
export const THEORY_NOTE = "Thin dotted lines, in the same colours: what the theory predicts for each.";

/** A scheme-change mark: the live class's new feedback from that round on. */
export const markText = (to: string): string => `→ ${to}`;

/**
 * What the field's discs show: nothing of the key (the wall after "Good job", or with every signal blocked),
 * the signal each student heard
 * (the wall after personal signals), or each one's distance from the key (the teacher, and after the reveal).
 */
export type FieldShows = "nothing" | "blocked" | "heard" | "key";

/** The line under the field: what a disc says. */
export function fieldKey(shows: FieldShows): string {
  if (shows === "nothing")
    return "Each disc is a student (a square around it) or a bot. The class hears only one “Good job” or “Not quite”, so every disc looks alike: the key stays hidden until the reveal.";
  if (shows === "blocked")
    return "Each disc is a student (a square around it) or a bot. Every signal is blocked, so nobody heard anything and every disc looks alike: the key stays hidden until the reveal.";
  if (shows === "heard")
    return "Each disc is a student (a square around it) or a bot, showing the signal it heard: an up arrow said go up, a down arrow go down; bigger and brighter said farther. The key stays hidden until the reveal.";
  return "Each disc is a student (a square around it) or a bot: bigger and brighter is farther from the key; blue with an up arrow should go up, orange with a down arrow should come down.";
}

/** What the answer panel says when the wall may not show the key. */
export const KEY_HIDDEN = "The key stays hidden until the reveal.";

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * "40 neurons: 12 students, 28 bots (2 standing in). 25 should move up, 13 down, 2 are there." A field whose
 * corrections are all hidden (the wall under a scalar scheme) says so instead of "all are there".
 */
export function fieldSummary(seats: readonly SeatPicture[]): string {
  let humans = 0;
  let bots = 0;
  let standIns = 0;
  let up = 0;
  let down = 0;
  let known = 0;
  for (const s of seats) {
    if (s.kind === "human") humans++;
    else if (s.kind === "bot") bots++;
    else standIns++;
    if (!Number.isNaN(s.credit)) known++;
    if (s.credit > 0) up++;
    else if (s.credit < 0) down++;
  }
  if (seats.length === 0) return "No neurons yet: nobody has joined.";
  const who = [plural(humans, "student", "students"), plural(bots, "bot", "bots")];
  if (standIns > 0)
    who.push(plural(standIns, "bot standing in for a student", "bots standing in for students"));
  const head = `${plural(seats.length, "neuron", "neurons")}: ${who.join(", ")}.`;
  if (known === 0) return `${head} ${KEY_HIDDEN}`;
  const there = known - up - down;
  return `${head} ${up.toLocaleString("en")} should move up, ${down.toLocaleString("en")} down, ${there.toLocaleString("en")} are there.`;
}
