/**
 * A session's convergence chart as the board draws it: the live class and its twin solid, each theory
 * dashed where it has a line, the criterion (95 % of the way from the first round's error), and a mark at
 * every round where the live scheme changed, named in words.
 */
import { criterionError } from "../../../shared/engine/convergence.ts";
import type { ChartPicture } from "../../../shared/session/chart.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import type { ChartData, ChartMark } from "./chart.ts";
import { heardUnder, liveLabel, theoryLabel, twinLabel } from "./words.ts";

/** Okabe–Ito yellow and sky blue: both bright on the board's dark background. */
export const LIVE_COLOUR = "#F0E442";
export const TWIN_COLOUR = "#56B4E9";

export interface SchemeChange {
  /** The first round under the new scheme. */
  readonly round: number;
  readonly from: string;
  readonly to: string;
}

export function schemeChanges(schemes: readonly string[]): SchemeChange[] {
  const out: SchemeChange[] = [];
  for (let i = 1; i < schemes.length; i++)
    if (schemes[i] !== schemes[i - 1]) out.push({ round: i + 1, from: schemes[i - 1], to: schemes[i] });
  return out;
}

/** How many points of a line can be drawn (finite numbers). */
export function drawnPoints(values: readonly number[]): number {
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) n++;
  return n;
}

const anyNumber = (values: readonly number[]): boolean => values.some((v) => Number.isFinite(v));

export function boardChart(p: ClassPicture): ChartData {
  const c: ChartPicture = p.chart;
  const marks: ChartMark[] = schemeChanges(c.schemes).map((change) => ({
    round: change.round,
    label: `→ ${heardUnder(change.to, p.scheme)}`,
  }));
  const first = c.errors[0];
  return {
    lines: [
      {
        label: liveLabel(p.scheme),
        colour: LIVE_COLOUR,
        values: c.errors,
        count: c.errors.length,
        theory: anyNumber(c.theory) ? c.theory : null,
        theoryLabel: theoryLabel("live"),
      },
      {
        label: twinLabel(p.twinScheme),
        colour: TWIN_COLOUR,
        values: c.twinErrors,
        count: c.twinErrors.length,
        theory: anyNumber(c.twinTheory) ? c.twinTheory : null,
        theoryLabel: theoryLabel("twin"),
      },
    ],
    criterion: c.errors.length > 0 && Number.isFinite(first) ? criterionError(first) : null,
    marks,
  };
}

/** A cheap fingerprint of what the chart shows, so the board redraws it only when it changed. */
export function chartKey(p: ClassPicture): string {
  const c = p.chart;
  const n = c.errors.length;
  return JSON.stringify([
    n,
    c.twinErrors.length,
    c.errors[n - 1],
    c.twinErrors[c.twinErrors.length - 1],
    c.schemes[n - 1],
    p.scheme,
    p.twinScheme,
  ]);
}
