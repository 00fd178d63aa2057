/**
 * The comparison of the schemes a session played, as honest figures and one plain sentence: per round, how
 * much each scheme shortened the class's distance to the key, how many times as fast one was, and the rounds
 * each class took to get 90 % of the way from the same start. The projector shows it during play and at the
 * end; the dashboard and each replay frame show it too.
 *
 * It is told by scheme, never by class: a curve's rounds are credited to the scheme they were played under,
 * so a switch (the class to personal signals, the twin to "Good job") never relabels what came before.
 *
 * - Distance: √E, the RMS distance of the class's answer from the key (what the class score is made of).
 * - A stretch: a run of rounds one class played under one scheme. A round's error shows the moves its
 *   students made on the feedback of the round before, so a stretch's feedback shows from the error of its
 *   first round (round 1's for a first stretch, which every class plays from the start level) to the error of
 *   the round after its last, once that is played. Its progress is ln(d_first / d_after) over those rounds, up
 *   to the first round that is 90 % of the way from the session's start (CLASS_CRITERION), so a scheme that
 *   got there is not diluted by the rounds it then spent at a person's floor. A stretch that starts there
 *   already says nothing of its scheme and is left out; one whose feedback has not moved anyone yet (its one
 *   round is the last played) has no rounds to count.
 * - A scheme's pace: its stretches' progress over their rounds, as the share of the distance cut per round.
 *   The ratio of two paces (of their logarithms: the ratio of the e-fold times) is "times as fast".
 * - Rounds to 90 %: counted as the engine counts them (rounds after the first), for every stretch that
 *   started short of 90 %: each class's first stretch, where both start alike, and a stretch after a switch
 *   (the class that turned to personal signals gets its credit). A stretch not there yet gets "at its
 *   pace, about N more" only while it is being played, its scheme's pace is positive and N is a number a
 *   class could play.
 * - "Times as fast" is said only once the slower scheme has cut the distance by a tenth over at least two
 *   rounds: a ratio over a pace that is still mostly noise (a few rounds of people under "Good job") would
 *   jump from 16 to 300 in two rounds and mean nothing.
 * - A stretch that got there in one round (one update), or hit the key exactly, has no pace: one step is no
 *   sequence of rounds to take a rate from, and an exact hit would divide by a distance of zero (the page once
 *   said "by 100 %: about 1,900 times as fast", the size of a stand-in for zero, not a measurement). Such a
 *   scheme is compared in rounds only, as the command line does ("exact in 1 round", "e³ in one update").
 *   On `independent` a personal signal is the student's own answer (−gᵢ/λ = tᵢ − xᵢ): the sentence says so.
 */
import { CLASS_CRITERION, criterionError, EXACT_SHARE } from "../engine/convergence.ts";
import { exp, ln } from "../engine/detmath.ts";
import { SCHEME_NAMES } from "../engine/schemes.ts";
import { chartKey, keyBase, keyPhrase, schemePhrase } from "../protocol/schemeWords.ts";
import type { SchemeConfig } from "../protocol/session.ts";
import type { ChartPicture } from "./chart.ts";

export type Side = "live" | "twin";

export interface Stretch {
  readonly side: Side;
  readonly scheme: string;
  /** Indices into the chart (round r + 1 is index r): the stretch's first and last round. */
  readonly from: number;
  readonly to: number;
  /** Rounds counted for its pace, and the natural log of how much it shortened the distance over them. */
  readonly rounds: number;
  readonly logShrink: number;
  /** Whether it started short of 90 % (only such a stretch says anything of its scheme). */
  readonly counted: boolean;
  /** Rounds it took to get 90 % of the way, from its first round; null when it did not. */
  readonly reachedIn: number | null;
  /** It hit the key itself (to rounding) by the round it got there: its pace would divide by zero. */
  readonly exact: boolean;
  /** Its rounds, as people count them (rounds 1–3: 3). */
  readonly played: number;
  /** For a stretch still being played and not there yet: about how many more rounds at its scheme's pace. */
  readonly moreAtPace: number | null;
}

export interface SchemePace {
  readonly scheme: string;
  readonly rounds: number;
  /** ln(distance before / after) per round; 0 or less: no progress. */
  readonly logPerRound: number;
  /** The share of the distance cut per round, 0…1 (negative: it grew). */
  readonly cutPerRound: number;
}

export interface FirstRun {
  readonly scheme: string;
  /** Rounds after the first until 90 % of the way, within the class's first stretch; null when not. */
  readonly reachedAt: number | null;
  /** Rounds of the first stretch. */
  readonly played: number;
  /** For a class not there yet: about how many more rounds at its pace, or null with no honest figure. */
  readonly moreAtPace: number | null;
}

export interface Comparison {
  readonly rounds: number;
  /** The rounds (from 1) in which the live class's scheme changed. */
  readonly switches: readonly number[];
  readonly stretches: readonly Stretch[];
  /** The schemes played, fastest first. */
  readonly paces: readonly SchemePace[];
  /** How many times as fast the fastest scheme was as the slowest, once the slowest has a pace to divide by. */
  readonly speedup: number | null;
  /**
   * The schemes with no pace because each of their stretches got there in one round or exactly (compared in
   * rounds only), fewest rounds first; `exact` when every one of them hit the key itself.
   */
  readonly quick: readonly {
    readonly scheme: string;
    readonly rounds: number;
    readonly exact: boolean;
    /** The class that took those rounds (the first, when both did). */
    readonly side: Side;
  }[];
  /** Each class's first stretch, where both start alike. */
  readonly first: { readonly live: FirstRun; readonly twin: FirstRun };
  /** The whole comparison in plain words. */
  readonly sentence: string;
  /** Its first clause alone, for the back of the room. */
  readonly headline: string;
}

export interface CompareOptions {
  /** The session is over: a class short of the criterion will not get there in it. */
  readonly over?: boolean;
  /** The schemes in play now, for their parameters (the chart keeps only names). */
  readonly live?: SchemeConfig;
  readonly twin?: SchemeConfig;
  /** The exam, for why a class can be exact in one round (on `independent` the signal is the answer). */
  readonly exam?: string;
}

const CRITERION_WORDS = `${Math.round(CLASS_CRITERION * 100)} % of the way`;
/** Past this many rounds an estimate means nothing in a classroom. */
const MAX_ESTIMATE = 100_000;
/** The slower scheme's least progress before a ratio is said: a tenth of the distance, over two rounds. */
const MIN_SLOW_SHRINK = ln(1 / 0.9);
const MIN_SLOW_ROUNDS = 2;

export const roundsText = (n: number): string => `${n.toLocaleString("en")} round${n === 1 ? "" : "s"}`;

/** An estimate as people say it: exact while small, two significant figures from 100 on. */
export function aboutText(n: number): string {
  if (n < 100) return n.toLocaleString("en");
  let unit = 1;
  while (n / unit >= 100) unit *= 10;
  return (Math.round(n / unit) * unit).toLocaleString("en");
}

/** "72 %", "1.4 %", "0.03 %": two significant figures, as a share of the distance. */
export function percentText(share: number): string {
  const p = Number((share * 100).toPrecision(2));
  // 99.6 % is not all of it: "100 %" would say the class is on the key.
  if (p >= 100 && share < 1) return "more than 99 %";
  if (p >= 10) return `${Math.round(p)} %`;
  if (p >= 0.01) return `${p} %`;
  return "less than 0.01 %";
}

export function timesText(ratio: number): string {
  if (ratio >= 10) return `about ${aboutText(Math.round(ratio))} times as fast`;
  if (ratio >= 1.2) return `about ${ratio.toFixed(1)} times as fast`;
  return "about as fast";
}

const distance = (error: number): number => Math.sqrt(Math.max(0, error));

/** The stretches of one side, each measured as the file's docblock says (`moreAtPace` left for later). */
export function stretchesOf(
  side: Side,
  errors: readonly number[],
  schemes: readonly string[],
  goal: number,
): Stretch[] {
  const out: Stretch[] = [];
  let from = 0;
  while (from < errors.length) {
    let to = from;
    while (to + 1 < errors.length && schemes[to + 1] === schemes[from]) to++;
    // A round's error shows the moves its students made on the feedback of the round before: a stretch's
    // feedback moved the class from its first round's error to the round after its last (once played).
    const start = from;
    const last = Math.min(to + 1, errors.length - 1);
    let end = last;
    for (let r = start + 1; r <= last; r++)
      if (errors[r] <= goal) {
        end = r;
        break;
      }
    const before = distance(errors[start]);
    const after = distance(errors[end]);
    const counted = errors[start] > goal && end > start && before > 0;
    const reachedIn = counted && errors[end] <= goal ? end - start : null;
    // The key itself (bots taking the exact step), or 90 % in one round: no pace to measure (see the docblock).
    const exact = reachedIn !== null && errors[end] <= errors[start] * EXACT_SHARE;
    const paced = counted && !exact && reachedIn !== 1;
    out.push({
      side,
      scheme: schemes[from] ?? "",
      from,
      to,
      rounds: paced ? end - start : 0,
      logShrink: paced ? ln(before / after) : 0,
      counted: errors[start] > goal,
      reachedIn,
      exact,
      played: to - from + 1,
      moreAtPace: null,
    });
    from = to + 1;
  }
  return out;
}

function pacesOf(stretches: readonly Stretch[]): SchemePace[] {
  const by = new Map<string, { rounds: number; log: number }>();
  for (const s of stretches) {
    const p = by.get(s.scheme) ?? { rounds: 0, log: 0 };
    p.rounds += s.rounds;
    p.log += s.logShrink;
    by.set(s.scheme, p);
  }
  const out: SchemePace[] = [];
  for (const [scheme, p] of by) {
    if (p.rounds === 0) continue;
    const logPerRound = p.log / p.rounds;
    out.push({ scheme, rounds: p.rounds, logPerRound, cutPerRound: 1 - exp(-logPerRound) });
  }
  return out.sort((a, b) => b.logPerRound - a.logPerRound);
}

/** About how many more rounds from `now` to `goal` at `pace`, or null with no honest figure. */
function moreRounds(now: number, goal: number, pace: SchemePace | undefined): number | null {
  if (!pace || !(pace.logPerRound > 0) || !(now > goal)) return null;
  const more = Math.ceil(ln(distance(now) / distance(goal)) / pace.logPerRound);
  return more <= MAX_ESTIMATE ? more : null;
}

/** The schemes that got there with no pace to show (one round, or the key exactly), fewest rounds first. */
function quickOf(stretches: readonly Stretch[], paces: readonly SchemePace[]): Comparison["quick"] {
  const out: { scheme: string; rounds: number; exact: boolean; side: Side }[] = [];
  for (const scheme of new Set(stretches.map((s) => s.scheme))) {
    if (paces.some((p) => p.scheme === scheme)) continue;
    const mine = stretches.filter((s) => s.scheme === scheme && s.counted && s.reachedIn !== null);
    if (mine.length === 0) continue;
    const best = mine.reduce((a, b) => ((b.reachedIn ?? 0) < (a.reachedIn ?? 0) ? b : a));
    out.push({ scheme, rounds: best.reachedIn ?? 0, exact: mine.every((s) => s.exact), side: best.side });
  }
  return out.sort((a, b) => a.rounds - b.rounds);
}

/** The rounds (from 1) in which a side's scheme changed. */
function switchRounds(schemes: readonly string[]): number[] {
  const out: number[] = [];
  for (let r = 1; r < schemes.length; r++) if (schemes[r] !== schemes[r - 1]) out.push(r + 1);
  return out;
}

/** The comparison so far, or null before the first round has closed. */
export function compareClasses(chart: ChartPicture, options: CompareOptions = {}): Comparison | null {
  const rounds = Math.min(chart.errors.length, chart.twinErrors.length);
  if (rounds === 0 || !(chart.errors[0] > 0)) return null;
  const over = options.over ?? false;
  const sides = {
    live: { errors: chart.errors.slice(0, rounds), schemes: chart.schemes.slice(0, rounds) },
    twin: { errors: chart.twinErrors.slice(0, rounds), schemes: chart.twinSchemes.slice(0, rounds) },
  };
  const goal = criterionError(sides.live.errors[0], CLASS_CRITERION);
  const measured = [
    ...stretchesOf("live", sides.live.errors, sides.live.schemes, goal),
    ...stretchesOf("twin", sides.twin.errors, sides.twin.schemes, goal),
  ];
  const paces = pacesOf(measured);
  const paceOf = (scheme: string) => paces.find((p) => p.scheme === scheme);
  // A stretch still being played and short of 90 %: how far its scheme's pace would take it.
  const stretches = measured.map((s) =>
    s.counted && s.reachedIn === null && s.to === rounds - 1 && !over
      ? { ...s, moreAtPace: moreRounds(sides[s.side].errors[s.to], goal, paceOf(s.scheme)) }
      : s,
  );
  const fast = paces[0];
  const slow = paces[paces.length - 1];
  const settled =
    slow !== undefined && slow.rounds >= MIN_SLOW_ROUNDS && slow.logPerRound * slow.rounds >= MIN_SLOW_SHRINK;
  const speedup =
    paces.length >= 2 && fast.logPerRound > 0 && slow.logPerRound > 0 && settled
      ? fast.logPerRound / slow.logPerRound
      : null;
  const firstOf = (side: Side): FirstRun => {
    const s = stretches.find((x) => x.side === side && x.from === 0);
    const e = sides[side].errors;
    return {
      scheme: s?.scheme ?? "",
      reachedAt: s?.reachedIn ?? null,
      played: (s?.to ?? 0) + 1,
      moreAtPace: s && s.reachedIn === null ? moreRounds(e[s.to], goal, paceOf(s.scheme)) : null,
    };
  };
  const switches = switchRounds(sides.live.schemes);
  const quick = quickOf(stretches, paces);
  const words = new Words(options);
  const pace = words.paces(paces, speedup, rounds, quick.length > 0);
  const headline = quick.length > 0 ? words.quickHeadline(quick, stretches, rounds, over) : pace;
  const parts = [
    switches.length > 0 ? words.switched(sides.live.schemes, sides.twin.schemes, switches) : "",
    quick.length > 0 ? words.quick(quick) : "",
    pace,
    words.reaches([...quick.map((q) => q.scheme), ...paces.map((p) => p.scheme)], stretches, rounds, over),
  ];
  const sentence = parts.filter((p) => p !== "").join(" ");
  return {
    rounds,
    switches,
    stretches,
    paces,
    speedup,
    quick,
    first: { live: firstOf("live"), twin: firstOf("twin") },
    sentence,
    headline,
  };
}

/** "a", "a and b", "a, b and c". */
const listText = (all: readonly string[]): string =>
  all.length <= 1 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]}`;

/** The comparison's sentences, with each scheme's phrase (its parameters where the options give them). */
class Words {
  private readonly options: CompareOptions;
  constructor(options: CompareOptions) {
    this.options = options;
  }

  phrase(name: string): string {
    const { live, twin } = this.options;
    if (live && chartKey(live) === name) return schemePhrase(live);
    if (twin && chartKey(twin) === name) return schemePhrase(twin);
    const told = keyPhrase(name);
    if (told) return told;
    const known = SCHEME_NAMES.find((n) => n === name);
    return known ? schemePhrase({ name: known }) : `“${name}”`;
  }

  paces(paces: readonly SchemePace[], speedup: number | null, rounds: number, quick: boolean): string {
    if (paces.length === 0)
      return quick ? "" : `After ${roundsText(rounds)} no scheme has shortened the distance to the key yet.`;
    const cut = (p: SchemePace): string =>
      p.logPerRound > 0
        ? `by ${percentText(p.cutPerRound)} with ${this.phrase(p.scheme)}`
        : `not at all with ${this.phrase(p.scheme)}`;
    const list = listText(paces.map(cut));
    return `Per round the distance to the key shrank ${list}${speedup !== null ? `: ${timesText(speedup)}` : ""}.`;
  }

  /** "With personal signals one round was enough to get 90 % of the way", and why where the exam says. */
  private quickLead(q: Comparison["quick"][number]): string {
    const took = q.rounds === 1 ? "one round was" : `${roundsText(q.rounds)} were`;
    const who = q.side === "live" ? "this class" : "the twin class";
    return `With ${this.phrase(q.scheme)} ${took} enough for ${who} to get ${CRITERION_WORDS}`;
  }

  /** On `independent` a personal signal is the student's own answer: −gᵢ/λ = tᵢ − xᵢ. */
  private signalIsAnswer(q: Comparison["quick"][number]): boolean {
    return q.exact && this.options.exam === "independent";
  }

  /** Why a scheme has no pace, in the dashboard's sentence. No "times as fast": compare in rounds. */
  quick(quick: Comparison["quick"]): string {
    return quick
      .map((q) => {
        const lead = this.quickLead(q);
        if (this.signalIsAnswer(q))
          return `${lead}: on this exam each student's signal told it how far to move and which way, so following it lands on its key. One round gives no pace to compare, so the schemes are compared in rounds.`;
        if (q.exact)
          return `${lead}, onto the key itself: that gives no pace to compare, so the schemes are compared in rounds.`;
        return `${lead}: one round gives no pace to compare, so the schemes are compared in rounds.`;
      })
      .join(" ");
  }

  /** The wall's line when a scheme has no pace: its rounds, and where the others stand, in rounds. */
  quickHeadline(
    quick: Comparison["quick"],
    stretches: readonly Stretch[],
    rounds: number,
    over: boolean,
  ): string {
    const q = quick[0];
    const why = this.signalIsAnswer(q) ? ": each student's signal told it how far to move and which way" : "";
    const others: string[] = [];
    for (const scheme of new Set(stretches.map((s) => s.scheme))) {
      if (scheme === q.scheme) continue;
      const mine = stretches.filter((s) => s.scheme === scheme && s.counted && s.played > 0);
      if (mine.length === 0) continue;
      const who = (s: Stretch): string => (s.side === "live" ? "this class" : "the twin class");
      const got = mine
        .filter((s) => s.reachedIn !== null)
        .sort((x, y) => (x.reachedIn ?? 0) - (y.reachedIn ?? 0));
      if (got.length > 0) {
        others.push(`With ${this.phrase(scheme)} ${who(got[0])} took ${roundsText(got[0].reachedIn ?? 0)}.`);
        continue;
      }
      const s = mine.reduce((a, b) => (b.played > a.played ? b : a));
      const still = s.to === rounds - 1 && !over;
      const pace =
        still && s.moreAtPace !== null ? ` (at its pace, about ${aboutText(s.moreAtPace)} more)` : "";
      const not = `${who(s)} ${still ? "has not got there in" : "did not get there in"}`;
      others.push(`With ${this.phrase(scheme)} ${not} ${roundsText(s.played)}${pace}.`);
    }
    return [`${this.quickLead(q)}${why}.`, ...others].join(" ");
  }

  switched(schemes: readonly string[], twin: readonly string[], switches: readonly number[]): string {
    // A class switched back and forth (the mouse experiment's blocks) gets its rounds listed, not a story.
    if (switches.length > 2)
      return `The class switched schemes ${switches.length} times, in rounds ${listText(switches.map(String))}.`;
    return switches
      .map((round) => {
        const i = round - 1;
        const [from, to] = [this.phrase(schemes[i - 1]), this.phrase(schemes[i])];
        const change =
          from !== to
            ? `from ${from} to ${to}`
            : keyBase(schemes[i]) === "blocked"
              ? "from one population's block to the other's"
              : `to ${to} with another setting`;
        const twinToo = twin[i] !== twin[i - 1] ? `, and the twin class to ${this.phrase(twin[i])}` : "";
        return `In round ${round} the class switched ${change}${twinToo}.`;
      })
      .join(" ");
  }

  /** Rounds to 90 % per scheme, fastest first (`first` gives the order): every stretch that started short of it, by class and start. */
  reaches(first: readonly string[], stretches: readonly Stretch[], rounds: number, over: boolean): string {
    const order = [...first, ...stretches.map((s) => s.scheme)];
    const parts: string[] = [];
    for (const scheme of order.filter((name, i) => order.indexOf(name) === i)) {
      const mine = stretches
        .filter((s) => s.scheme === scheme && s.counted && s.played > 0)
        .sort((x, y) => x.from - y.from);
      if (mine.length === 0) continue;
      const one = (s: Stretch): string => {
        const who = s.side === "live" ? "this class" : "the twin class";
        const where = s.from === 0 ? "from the start" : `after the switch in round ${s.from + 1}`;
        if (s.reachedIn !== null) return `${who} took ${roundsText(s.reachedIn)} ${where}`;
        if (s.to < rounds - 1 || over)
          return `${who} did not get there in its ${roundsText(s.played)} ${where}`;
        const pace = s.moreAtPace !== null ? ` (at its pace, about ${aboutText(s.moreAtPace)} more)` : "";
        return `${who} has not got there in ${roundsText(s.played)} ${where}${pace}`;
      };
      parts.push(`with ${this.phrase(scheme)} ${mine.map(one).join(", and ")}`);
    }
    return parts.length
      ? `To get ${Math.round(CLASS_CRITERION * 100)} % of the way: ${parts.join("; ")}.`
      : "";
  }
}
