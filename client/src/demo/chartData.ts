/**
 * The demo's adapter from its bot classes to the board's chart: one line per class in the command line
 * chart's colours, its theory where the theory has a line (empty until the first round gives its start),
 * and the criterion from the first round's error, which every class shares (same levels, same exam).
 */
import { criterionError } from "../../../shared/engine/index.ts";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import type { ChartData } from "../board/chart.ts";
import type { RunMirror } from "./mirror.ts";

/** Okabe–Ito blue and vermillion, the command line chart's first two colours. */
const COLOURS = ["#0072B2", "#D55E00"] as const;
const NO_THEORY_YET = new Float64Array(0);

export function chartOf(run: RunMirror | null): ChartData {
  if (!run) return { lines: [], criterion: null };
  return {
    lines: run.lanes.map((lane, k) => ({
      label: schemeLabel(lane.plan.scheme),
      colour: COLOURS[k % COLOURS.length],
      values: lane.trace,
      count: lane.rounds,
      theory: lane.hasTheory ? (lane.theory ?? NO_THEORY_YET) : null,
    })),
    criterion: criterionError(run.lanes[0].trace[0]),
  };
}
