/**
 * A session's convergence chart as the board draws it, told round by round as it was played: each class's
 * curve is cut into the stretches of rounds it played under one scheme, and each stretch drawn in its
 * scheme's colour (a colour-blind-safe set: orange for "Good job, everyone", sky blue for personal signals),
 * with one line style per class (solid: this class; dashed: the twin class). A switch colours the curve from
 * its round on and never repaints the rounds before it; the segment out of a round takes that round's scheme,
 * since a round's feedback moves the class in the round after it (a round's error shows the moves its students
 * made on the feedback before). The legend says, per class and scheme, which rounds those were.
 *
 * By default the y axis is the class score, 0 to 100 (100 = the key), linear; the log scale of the class
 * error, with the theory's line dotted, is the teacher's option.
 */
import { CLASS_CRITERION, criterionError } from "../../../shared/engine/convergence.ts";
import { classScore } from "../../../shared/engine/exam.ts";
import { keyBase, chartKey as schemeKey } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import type { ChartData, ChartLine, ChartMark } from "./chart.ts";
import {
  CHART_WORDS,
  CRITERION_WORDS,
  className,
  heardUnder,
  legendItem,
  legendText,
  markText,
  type Side,
  THEORY_PREFIX,
} from "./words.ts";

export type ChartScale = "score" | "log";

/** Okabe–Ito colours, bright on the board's dark panel; the first two are the pair the lesson is about. */
const SCHEME_COLOURS: Record<string, string> = {
  global: "#E69F00",
  vectorized: "#56B4E9",
  teams: "#F0E442",
  sign: "#6FD3B0",
  noisy: "#E59CC8",
  alignment: "#F4F7FB",
  blocked: "#FF8A5C",
  "blocked-all": "#B8A3F5",
};
const OTHER_COLOUR = "#C8D0DA";

/** A chart key's colour: a block of every signal apart from other blocks, since its line goes flat. */
export const schemeColour = (key: string): string =>
  SCHEME_COLOURS[key] ?? SCHEME_COLOURS[keyBase(key)] ?? OTHER_COLOUR;

/** Line style per class: this class solid, the twin class dashed. */
export const CLASS_DASH: Readonly<Record<Side, readonly number[] | null>> = { live: null, twin: [14, 9] };
const LINE_WIDTH = 4;
const THEORY_DASH = [2, 7];
/** Past this many rounds a marker on every round is clutter. */
const MARKERS_UP_TO = 40;

/** A run of rounds (from 1, both ends in) one class played under one scheme. */
export interface Stretch {
  readonly scheme: string;
  readonly from: number;
  readonly to: number;
}

export function stretchesOf(schemes: readonly string[]): Stretch[] {
  const out: Stretch[] = [];
  for (let i = 0; i < schemes.length; i++) {
    const last = out[out.length - 1];
    if (last && last.scheme === schemes[i]) out[out.length - 1] = { ...last, to: i + 1 };
    else out.push({ scheme: schemes[i], from: i + 1, to: i + 1 });
  }
  return out;
}

export interface SchemeChange {
  /** The first round under the new scheme. */
  readonly round: number;
  readonly from: string;
  readonly to: string;
}

export function schemeChanges(schemes: readonly string[]): SchemeChange[] {
  const all = stretchesOf(schemes);
  return all.slice(1).map((s, k) => ({ round: s.from, from: all[k].scheme, to: s.scheme }));
}

/** How many points of a line can be drawn (finite numbers). */
export function drawnPoints(values: readonly number[]): number {
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) n++;
  return n;
}

/** One entry of the legend: a class under one scheme, and the rounds it played so. */
export interface LegendEntry {
  readonly side: Side;
  readonly scheme: string;
  readonly rounds: readonly (readonly [number, number])[];
  readonly colour: string;
  readonly dash: readonly number[] | null;
  /** The class's name, the entry without it ("“Good job, everyone”, rounds 1–3"), and in full. */
  readonly className: string;
  readonly item: string;
  readonly text: string;
}

const configOf = (p: ClassPicture, side: Side): SchemeConfig => (side === "live" ? p.scheme : p.twinScheme);
const schemesOf = (p: ClassPicture, side: Side): readonly string[] =>
  side === "live" ? p.chart.schemes : p.chart.twinSchemes;

/**
 * Per class, each scheme it played, in the order it first played it, with its rounds. Before the first
 * round a class has one entry: the scheme it is about to play, with no rounds yet.
 */
export function legendOf(p: ClassPicture): LegendEntry[] {
  const out: LegendEntry[] = [];
  for (const side of ["live", "twin"] as const) {
    const config = configOf(p, side);
    const by = new Map<string, [number, number][]>();
    for (const s of stretchesOf(schemesOf(p, side))) {
      const ranges = by.get(s.scheme) ?? [];
      ranges.push([s.from, s.to]);
      by.set(s.scheme, ranges);
    }
    if (by.size === 0) by.set(schemeKey(config), []);
    for (const [scheme, rounds] of by) {
      const phrase = heardUnder(scheme, config);
      out.push({
        side,
        scheme,
        rounds,
        colour: schemeColour(scheme),
        dash: CLASS_DASH[side],
        className: className(side, p.twinLikePeople),
        item: legendItem(phrase, rounds),
        text: legendText(side, phrase, rounds, p.twinLikePeople),
      });
    }
  }
  return out;
}

/**
 * The values of one class's curve under one scheme: its rounds, and the round just after each of its
 * stretches (the segment out of its last round is its feedback's step); NaN elsewhere (a gap).
 */
export function stretchValues(
  values: readonly number[],
  schemes: readonly string[],
  scheme: string,
): number[] {
  return values.map((v, i) => (schemes[i] === scheme || schemes[i - 1] === scheme ? v : Number.NaN));
}

/** The indices of the rounds played under `scheme` (where a marker is drawn). */
const roundsUnder = (schemes: readonly string[], scheme: string): number[] =>
  schemes.flatMap((s, i) => (s === scheme ? [i] : []));

const toScore = (values: readonly number[]): number[] =>
  values.map((v) => (Number.isFinite(v) ? classScore(v) : Number.NaN));

const anyNumber = (values: readonly number[]): boolean => values.some((v) => Number.isFinite(v));

export interface ChartOptions {
  readonly scale: ChartScale;
  /** The x axis runs over rounds 1..rounds; null: as far as the data. */
  readonly rounds: number | null;
}

export function boardChart(
  p: ClassPicture,
  options: ChartOptions = { scale: "score", rounds: null },
): ChartData {
  const c = p.chart;
  const score = options.scale === "score";
  const lines: ChartLine[] = [];
  const theories: ChartLine[] = [];
  const n = Math.max(c.errors.length, c.twinErrors.length);
  for (const side of ["live", "twin"] as const) {
    const errors = side === "live" ? c.errors : c.twinErrors;
    const theory = side === "live" ? c.theory : c.twinTheory;
    const schemes = schemesOf(p, side);
    const values = score ? toScore(errors) : errors;
    for (const entry of legendOf(p).filter((e) => e.side === side)) {
      lines.push({
        label: entry.text,
        colour: entry.colour,
        values: stretchValues(values, schemes, entry.scheme),
        count: errors.length,
        dash: entry.dash,
        width: LINE_WIDTH,
        markers: n <= MARKERS_UP_TO ? roundsUnder(schemes, entry.scheme) : null,
      });
      if (!score && anyNumber(theory))
        theories.push({
          label: `${THEORY_PREFIX}: ${entry.text}`,
          colour: entry.colour,
          values: stretchValues(theory, schemes, entry.scheme),
          count: theory.length,
          dash: THEORY_DASH,
          width: 2,
        });
    }
  }
  const marks: ChartMark[] = schemeChanges(c.schemes).map((change) => ({
    round: change.round,
    label: markText(heardUnder(change.to, p.scheme)),
  }));
  const first = c.errors[0];
  const goal = c.errors.length > 0 && Number.isFinite(first) ? criterionError(first, CLASS_CRITERION) : null;
  const words = CHART_WORDS[options.scale];
  return {
    lines: [...lines, ...theories],
    criterion: goal === null ? null : score ? classScore(goal) : goal,
    criterionLabel: CRITERION_WORDS,
    marks,
    y: score
      ? { kind: "linear", min: 0, max: 100, ticks: [0, 25, 50, 75, 100], label: words.axis }
      : { kind: "log", label: words.axis },
    rounds: options.rounds,
  };
}

/** A cheap fingerprint of what the chart shows, so the board redraws it only when it changed. */
export function chartKey(p: ClassPicture, options: ChartOptions): string {
  const c = p.chart;
  const n = c.errors.length;
  return JSON.stringify([
    n,
    c.twinErrors.length,
    c.errors[n - 1],
    c.twinErrors[c.twinErrors.length - 1],
    c.schemes.join(","),
    c.twinSchemes.join(","),
    p.scheme,
    p.twinScheme,
    options,
  ]);
}
