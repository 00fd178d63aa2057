/**
 * The comparison of a session's two classes as one sentence with numbers: how many rounds each took to get
 * 95 % of the way to the key, or, for a class not there yet, about how many it needs. The teacher's
 * dashboard shows it under the live board and under each replay's frame.
 *
 * Rounds are counted as the engine's convergence measures count them: rounds after the first until a
 * round's error is at most the criterion of the first round's error. An estimate extends the side's own
 * theory line (its per-round factor ρ, from the measured error of the last round on), else the measured
 * log-linear trend of the recent rounds since the last switch (trusted only a few times as far as the
 * rounds played); with neither, the sentence says the class has not got there yet and gives no number.
 * Every figure comes from the chart: nothing is made up to fill a sentence.
 */
import { criterionError, roundsToCriterion } from "../engine/convergence.ts";
import { ln } from "../engine/detmath.ts";
import { SCHEME_NAMES } from "../engine/schemes.ts";
import { schemePhrase } from "../protocol/schemeWords.ts";
import type { SchemeConfig } from "../protocol/session.ts";
import type { ChartPicture } from "./chart.ts";

/** Where a side's figure comes from. */
export type Basis = "measured" | "theory" | "trend" | "none";

export interface SideOutcome {
  /** Rounds after the first until the class met the criterion, or null when it has not. */
  readonly reachedAt: number | null;
  /** For a class short of the criterion: about how many rounds it needs in all, or null with no honest figure. */
  readonly estimate: number | null;
  readonly basis: Basis;
}

export interface Comparison {
  /** Closed rounds in the chart. */
  readonly rounds: number;
  readonly live: SideOutcome;
  readonly twin: SideOutcome;
  /** The rounds (from 1) in which the live class's scheme changed. */
  readonly switches: readonly number[];
  readonly sentence: string;
}

export interface CompareOptions {
  /** The session is over: a class short of the criterion will not get there in it. */
  readonly over?: boolean;
}

/** The trend needs a few rounds of the same scheme to say anything. */
const MIN_TREND_POINTS = 3;
/**
 * A trend is trusted to at most this many times the rounds played: classes slow down as they near the key
 * (the layered exam above all), so a straight line on the log scale drawn far ahead flatters them.
 */
const MAX_TREND_REACH = 4;
/** No estimate beyond this many rounds: past it, a number means nothing in a classroom. */
const MAX_ESTIMATE = 100_000;

/** The phrase of a scheme known only by its name (the chart keeps no parameters). */
const phraseOfName = (name: string): string => {
  const known = SCHEME_NAMES.find((n) => n === name);
  return known ? schemePhrase({ name: known }) : `“${name}”`;
};

export const roundsText = (n: number): string => `${n.toLocaleString("en")} round${n === 1 ? "" : "s"}`;

/** An estimate as people say it: exact while small, two significant figures from 100 on. */
export function aboutText(n: number): string {
  if (n < 100) return n.toLocaleString("en");
  let unit = 1;
  while (n / unit >= 100) unit *= 10;
  return (Math.round(n / unit) * unit).toLocaleString("en");
}

/** The first index of the run of rounds that ends the chart under one scheme. */
function lastSwitchIndex(schemes: readonly string[]): number {
  let s = schemes.length - 1;
  while (s > 0 && schemes[s - 1] === schemes[s]) s--;
  return Math.max(0, s);
}

/**
 * ln of the theory line's factor per round at its end, or NaN where there is none; −∞ when the line reached
 * zero. Over its last two rounds (within the stretch since the last switch or gap): a rule whose update takes
 * two rounds (a baseline and a jiggle) moves the line every other round, and a line that levels off (a
 * blocked share that stays) must read as slow now, not as fast as it once fell.
 */
function theoryLogFactor(
  errors: readonly number[],
  theory: readonly number[],
  schemes: readonly string[],
): number {
  const last = errors.length - 1;
  if (last < 1 || Number.isNaN(theory[last])) return Number.NaN;
  let start = last;
  while (start > 0 && !Number.isNaN(theory[start - 1])) start--;
  start = Math.max(start, lastSwitchIndex(schemes));
  const from = Math.max(start === 0 ? 0 : start - 1, last - 2);
  // After a gap the line took off from the measured error.
  const base = Number.isNaN(theory[from]) ? errors[from] : theory[from];
  if (!(base > 0)) return Number.NaN;
  if (theory[last] === 0) return Number.NEGATIVE_INFINITY;
  const factor = ln(theory[last] / base) / (last - from);
  return Number.isFinite(factor) ? factor : Number.NaN;
}

/** Least-squares slope and intercept of ln E against the round index, over rounds with E > 0. */
function logTrend(errors: readonly number[], from: number): { slope: number; intercept: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let r = from; r < errors.length; r++) {
    if (!(errors[r] > 0) || !Number.isFinite(errors[r])) continue;
    const y = ln(errors[r]);
    n++;
    sx += r;
    sy += y;
    sxx += r * r;
    sxy += r * y;
  }
  if (n < MIN_TREND_POINTS) return null;
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  if (!Number.isFinite(slope)) return null;
  return { slope, intercept: (sy - slope * sx) / n };
}

/** How one side of the session stands: reached, estimated from its theory or its trend, or neither. */
export function sideOutcome(
  errors: readonly number[],
  theory: readonly number[],
  schemes: readonly string[],
): SideOutcome {
  const reachedAt = roundsToCriterion(errors);
  if (reachedAt !== null) return { reachedAt, estimate: null, basis: "measured" };
  const none: SideOutcome = { reachedAt: null, estimate: null, basis: "none" };
  const last = errors.length - 1;
  const target = criterionError(errors[0]);
  const now = errors[last];
  if (!(target > 0) || !(now > target) || !Number.isFinite(now)) return none;

  // The theory's factor carries the class on from where it measurably is, not from where the line says.
  const lnRho = theoryLogFactor(errors, theory, schemes);
  if (lnRho < 0) {
    const more = lnRho === Number.NEGATIVE_INFINITY ? 1 : Math.max(1, Math.ceil(ln(target / now) / lnRho));
    const estimate = last + more;
    if (estimate <= MAX_ESTIMATE) return { reachedAt: null, estimate, basis: "theory" };
  }

  // The recent half of the stretch since the last switch: a class slowing down is judged by its pace now.
  const since = lastSwitchIndex(schemes);
  const from = since + Math.floor((last - since) / 2);
  const trend = logTrend(errors, Math.min(from, Math.max(since, last - MIN_TREND_POINTS + 1)));
  if (!trend || !(trend.slope < 0)) return none;
  const crossing = Math.ceil((ln(target) - trend.intercept) / trend.slope);
  const estimate = Math.max(last + 1, crossing);
  if (estimate > MAX_TREND_REACH * errors.length || estimate > MAX_ESTIMATE) return none;
  return { reachedAt: null, estimate, basis: "trend" };
}

const BASIS_NOTE: Record<Basis, string> = {
  measured: "",
  none: "",
  theory: " by the theory’s rate",
  trend: " by its trend so far",
};

/** The phrase for a side short of the criterion: "needs about 90 …" or "has not got there after 12 rounds". */
function shortOf(side: SideOutcome, rounds: number, over: boolean): string {
  if (side.estimate !== null)
    return `${over ? "would have needed" : "needs"} about ${aboutText(side.estimate)}${BASIS_NOTE[side.basis]}`;
  return `${over ? "did not get there in" : "has not got there after"} ${roundsText(rounds)}`;
}

function times(slow: number, fast: number): string {
  if (!(fast > 0) || slow <= fast) return "";
  const ratio = slow / fast;
  return `: ${ratio >= 10 ? Math.round(ratio).toLocaleString("en") : ratio.toFixed(1)} times as many`;
}

/** The rounds (from 1) in which the scheme's name changed. */
function switchRounds(schemes: readonly string[]): number[] {
  const out: number[] = [];
  for (let r = 1; r < schemes.length; r++) if (schemes[r] !== schemes[r - 1]) out.push(r + 1);
  return out;
}

function switchedPreface(
  schemes: readonly string[],
  switches: readonly number[],
  live: SchemeConfig,
): string {
  if (switches.length === 1) {
    const at = switches[0];
    return `The scheme was switched in round ${at}, from ${phraseOfName(schemes[at - 2])} to ${schemePhrase(live)}, and the twin class switched the other way. Counting from round 1, `;
  }
  const list = switches.map(String);
  const rounds = `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
  return `The scheme was switched in rounds ${rounds}; it is now ${schemePhrase(live)}. Counting from round 1, `;
}

/**
 * The comparison of the live class and its twin, or null before the first round has closed. `live` and
 * `twin` are the schemes the classes play now (the chart only keeps the names of earlier ones).
 */
export function compareClasses(
  chart: ChartPicture,
  live: SchemeConfig,
  twin: SchemeConfig,
  options: CompareOptions = {},
): Comparison | null {
  const rounds = chart.errors.length;
  if (rounds === 0) return null;
  const over = options.over ?? false;
  const twinNames = chart.schemes.map((name) => (name === "global" ? "vectorized" : "global"));
  const a = sideOutcome(chart.errors, chart.theory, chart.schemes);
  const b = sideOutcome(chart.twinErrors, chart.twinTheory, twinNames);
  const switches = switchRounds(chart.schemes);
  const switched = switches.length > 0;

  // Unswitched, each class is named by what it heard; after a switch, by which class it is.
  const preface = switched ? switchedPreface(chart.schemes, switches, live) : "";
  const withLive = switched ? "the class" : `with ${schemePhrase(live)} the class`;
  const liveName = switched ? "the class" : `the class with ${schemePhrase(live)}`;
  const thisName = switched ? "this class" : `this class, with ${schemePhrase(live)},`;
  const twinName = switched ? "the twin class" : `the twin class with ${schemePhrase(twin)}`;

  let body: string;
  if (a.reachedAt !== null && b.reachedAt !== null) {
    const took =
      b.reachedAt === a.reachedAt
        ? "the same"
        : b.reachedAt > a.reachedAt
          ? `${b.reachedAt.toLocaleString("en")}${times(b.reachedAt, a.reachedAt)}`
          : `only ${b.reachedAt.toLocaleString("en")}`;
    body = `${withLive} reached 95 % in ${roundsText(a.reachedAt)}; ${twinName} took ${took}.`;
  } else if (a.reachedAt !== null) {
    body = `${withLive} reached 95 % in ${roundsText(a.reachedAt)}; ${twinName} ${shortOf(b, rounds, over)}.`;
  } else if (b.reachedAt !== null) {
    body = `${twinName} reached 95 % in ${roundsText(b.reachedAt)}; ${thisName} ${shortOf(a, rounds, over)}.`;
  } else if (a.estimate === null && b.estimate === null) {
    body = over
      ? `neither ${liveName} nor ${twinName} reached 95 % in ${roundsText(rounds)}.`
      : `after ${roundsText(rounds)} neither ${liveName} nor ${twinName} has reached 95 %, and it is too early to say when.`;
  } else {
    const part = (side: SideOutcome, name: string, verb: boolean): string =>
      side.estimate === null
        ? `${name} has no estimate${over ? "" : " yet"}`
        : `${name}${verb ? (over ? " would have needed" : " needs") : ""} about ${aboutText(side.estimate)}${BASIS_NOTE[side.basis]}`;
    const lead = `after ${roundsText(rounds)} neither class ${over ? "reached" : "has reached"} 95 %`;
    body = `${lead}: ${part(a, a.estimate === null ? liveName : withLive, true)}; ${part(b, twinName, a.estimate === null)}.`;
  }
  const sentence = switched ? preface + body : capitalised(body);
  return { rounds, live: a, twin: b, switches, sentence };
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
