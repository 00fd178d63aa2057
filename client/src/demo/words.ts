/**
 * What the demo page says about a run in words: the sentence that compares the two classes with the numbers
 * of this run, and what a class heard in its last round (the schemes' own words are in
 * shared/protocol/schemeWords.ts).
 *
 * The comparison's main figure is the ratio of τ (rounds per e-fold of the class error, the engine's
 * `efoldTime`, as the command line measures it), with the rounds to 95 % beside it. A class whose error
 * vanished, or fell e³-fold in one update, has no τ: it is compared in rounds only, and never as "572 times
 * as many" (the rounds of a one-round class divided into another's: a figure of the criterion, not of a
 * pace). With the gradient step at η = 1 the reason is said where it holds: on `independent` each signal
 * is its student's answer; on `grating` (the mouse experiment) the two populations' signals together move
 * the grating by exactly its distance from the target (the exam's λ is E's curvature along its one output).
 */
import {
  efoldTime,
  exactRound,
  feedbackFor,
  LEARNERS,
  type LearnerName,
  type RoundResult,
  type Scheme,
  type SchemeConfig,
} from "../../../shared/engine/index.ts";
import { schemePhrase } from "../../../shared/protocol/schemeWords.ts";

export const ruleText = (learner: LearnerName): string => LEARNERS[learner].summary;

export const rounds = (n: number): string => `${n.toLocaleString("en")} round${n === 1 ? "" : "s"}`;

export interface Outcome {
  readonly scheme: SchemeConfig;
  readonly reachedAt: number | null;
  readonly rounds: number;
  /** The class error of every round played so far, its bots' rule and rate (for τ and for why it is exact). */
  readonly trace: ArrayLike<number>;
  readonly learner: LearnerName;
  readonly rate: number;
}

/** A class's τ: a number, "exact" (its error vanished), "one update" (e³ in one step), or not yet. */
type Tau =
  | { readonly kind: "measured"; readonly tau: number }
  | { readonly kind: "exact"; readonly round: number }
  | { readonly kind: "one update" }
  | { readonly kind: "not yet" };

export function tauOf(o: Outcome): Tau {
  const tau = efoldTime(o.trace, LEARNERS[o.learner].roundsPerUpdate);
  if (tau === 0) {
    // No slope: the error vanished within the e³ window (exact), or fell e³-fold in one update and went on
    // (a class that landed on the key rounds later did not land there in one step).
    const window = Array.from(o.trace).findIndex((e, r) => r > 0 && e <= o.trace[0] * E_MINUS_3);
    const round = exactRound(o.trace);
    return round !== null && round <= window ? { kind: "exact", round } : { kind: "one update" };
  }
  return Number.isFinite(tau) && tau > 0 ? { kind: "measured", tau } : { kind: "not yet" };
}

const E_MINUS_3 = Math.exp(-3);

const fig = (v: number): string => Number(v.toPrecision(v >= 10 ? 3 : 2)).toLocaleString("en");

const times = (ratio: number): string =>
  ratio >= 10 ? Math.round(ratio).toLocaleString("en") : ratio.toFixed(1);

/** The rounds to 95 %, the sentence the page has always led with (the browser test reads it). */
function roundsClause(first: Outcome, second: Outcome, over: boolean, limit: number): string {
  const p1 = schemePhrase(first.scheme);
  const p2 = schemePhrase(second.scheme);
  const lead = `With ${p1} the class reached 95 % in ${rounds(first.reachedAt ?? 0)}`;
  if (second.reachedAt === null)
    return over
      ? `${lead}; with ${p2} it did not get there within ${rounds(limit)}.`
      : `${lead}; with ${p2} it has not yet, after ${rounds(second.rounds)}.`;
  if (second.reachedAt === first.reachedAt)
    return `Both classes reached 95 % in ${rounds(first.reachedAt ?? 0)}.`;
  return `${lead}; with ${p2} it needed ${second.reachedAt.toLocaleString("en")}.`;
}

/** Why one step of η = 1 lands on the key, on the exams where it does (see the header). */
const EXACT_BECAUSE: Readonly<Record<string, string>> = {
  independent:
    "each student's signal says exactly how far it is from its key, so one step of η = 1 lands on it",
  grating:
    "the two populations' signals together say exactly how far the grating is from its target, so one step of η = 1 turns it there",
};

/** Why a class has no τ, in words: exact (and, where the exam backs it at η = 1, why). */
function noTauClause(o: Outcome, t: Tau, exam: string): string {
  const p = schemePhrase(o.scheme);
  const because = EXACT_BECAUSE[exam];
  if (t.kind === "exact" && because && o.learner === "gradient" && o.rate === 1)
    return `${t.round === 1 ? "One round was" : `${rounds(t.round)} were`} enough: on this exam ${because}. No rate to compare, only rounds.`;
  if (t.kind === "exact")
    return `With ${p} the class landed on the key itself in ${rounds(t.round)}: no rate to compare, only rounds.`;
  return `With ${p} the class's error fell e³-fold (about 20-fold) in a single update: no rate to compare, only rounds.`;
}

/** The ratio of τ: "Per round the class error fell with personal signals about 16 times as fast as …". */
function tauClause(fast: Outcome, ft: number, slow: Outcome, st: number): string {
  const ratio = st / ft;
  const pf = schemePhrase(fast.scheme);
  const ps = schemePhrase(slow.scheme);
  const how =
    ratio >= 1.2 ? `about ${times(ratio)} times as fast as with ${ps}` : `about as fast as with ${ps}`;
  return `Per round the class error fell with ${pf} ${how}: it took ${fig(ft)} rounds to shrink by a factor e (2.7) against ${fig(st)}.`;
}

/**
 * The comparison: the ratio of τ where both classes have one, the rounds to 95 % beside it; the class that
 * got there first leads. `over` says the run has ended, so a class still short of the criterion will not get
 * there in this run.
 */
export function comparison(a: Outcome, b: Outcome, over: boolean, limit: number, exam = ""): string {
  const [first, second] =
    (b.reachedAt ?? Number.POSITIVE_INFINITY) < (a.reachedAt ?? Number.POSITIVE_INFINITY) ? [b, a] : [a, b];
  const p1 = schemePhrase(first.scheme);
  const p2 = schemePhrase(second.scheme);
  if (first.reachedAt === null) {
    if (over) return `Neither class reached 95 % within ${rounds(limit)}.`;
    if (first.rounds === 0)
      return `Press Play: one class hears ${p1}, the other ${p2}. Which reaches 95 % of the way to the key first?`;
    return `After ${rounds(first.rounds)}, neither class has reached 95 % yet.`;
  }
  const reached = roundsClause(first, second, over, limit);
  const t1 = tauOf(first);
  const t2 = tauOf(second);
  const quick = [first, second].flatMap((o, k) => {
    const t = k === 0 ? t1 : t2;
    return t.kind === "exact" || t.kind === "one update" ? [noTauClause(o, t, exam)] : [];
  });
  if (quick.length > 0) return [reached, ...quick].join(" ");
  if (t1.kind === "measured" && t2.kind === "measured") {
    const [fast, ft, slow, st] =
      t1.tau <= t2.tau ? [first, t1.tau, second, t2.tau] : [second, t2.tau, first, t1.tau];
    return `${tauClause(fast, ft, slow, st)} ${reached}`;
  }
  return reached;
}

/** What a class heard after its last round (`result`, null before the first), said for the whole class. */
export function heardText(result: RoundResult | null, scheme: Scheme): string {
  if (!result) return "Nothing heard yet.";
  if (result.signal) {
    const blocked = scheme.blocked;
    if (!blocked) return "Each student heard its own signal.";
    // Every signal blocked (the mouse experiment's block, or a share of 1): no one heard anything.
    return blocked.every((b) => b === 1)
      ? "Every signal was blocked: no student heard anything."
      : "Each student heard its own signal; the blocked ones heard nothing.";
  }
  if (result.teamError) return "Each table heard its own “Good job” or “Not quite”.";
  const f = feedbackFor(result, scheme, 0);
  if (f.kind !== "global" || f.improved === null)
    return `Everyone heard the score: ${Math.round(result.score)}.`;
  return f.improved ? "Everyone heard “Good job, everyone”." : "Everyone heard “Not quite, everyone”.";
}
