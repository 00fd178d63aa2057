/**
 * What the demo page says about a run in words: the one sentence that compares the two classes with the
 * numbers of this run, and what a class heard in its last round (the schemes' own words are in
 * shared/protocol/schemeWords.ts).
 */
import {
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
}

/**
 * The comparison: the class that got there first leads. `over` says the run has ended, so a class still
 * short of the criterion will not get there in this run.
 */
export function comparison(a: Outcome, b: Outcome, over: boolean, limit: number): string {
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
  const lead = `With ${p1} the class reached 95 % in ${rounds(first.reachedAt)}`;
  if (second.reachedAt === null)
    return over
      ? `${lead}; with ${p2} it did not get there within ${rounds(limit)}.`
      : `${lead}; with ${p2} it has not yet, after ${rounds(second.rounds)}.`;
  if (second.reachedAt === first.reachedAt) return `Both classes reached 95 % in ${rounds(first.reachedAt)}.`;
  const times = second.reachedAt / first.reachedAt;
  return `${lead}; with ${p2} it needed ${second.reachedAt.toLocaleString("en")}: ${times >= 10 ? Math.round(times).toLocaleString("en") : times.toFixed(1)} times as many.`;
}

/** What a class heard after its last round (`result`, null before the first), said for the whole class. */
export function heardText(result: RoundResult | null, scheme: Scheme): string {
  if (!result) return "Nothing heard yet.";
  if (result.signal)
    return scheme.blocked
      ? "Each student heard its own signal; the blocked ones heard nothing."
      : "Each student heard its own signal.";
  if (result.teamError) return "Each table heard its own “Good job” or “Not quite”.";
  const f = feedbackFor(result, scheme, 0);
  if (f.kind !== "global" || f.improved === null)
    return `Everyone heard the score: ${Math.round(result.score)}.`;
  return f.improved ? "Everyone heard “Good job, everyone”." : "Everyone heard “Not quite, everyone”.";
}
