/**
 * `npm exec -- node server/cli/alignmentFigures.ts [--seeds N] [--students 30,100] [--questions Q] [--out DIR]`:
 * feedback alignment on the `layered` exam (shared/engine/alignmentStudy.ts). For each class size, "Good job"
 * (node perturbation), `alignment`, `vectorized` and the control where only the second layer moves, each
 * at the rate a sweep on tuning seeds found best: rounds to the criterion (95 % of the way), mean and
 * 10–90 % band over the reported seeds; then the alignment angles per round, mean and band over seeds; and
 * two charts in DIR (default artifacts/figures): class error against rounds, and the angles against rounds.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  type AngleCurves,
  type ArmResult,
  alignmentAt,
  runStudy,
} from "../../shared/engine/alignmentStudy.ts";
import type { Band, Summary } from "../../shared/engine/convergence.ts";
import { WEIGHT_RATE } from "../../shared/engine/exams/layered.ts";
import { renderXYChartSvg, type XYSeries } from "./demoXYChart.ts";
import { type ChartSeries, renderConvergenceSvg } from "./svgChart.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "30" },
    students: { type: "string", default: "30,100" },
    questions: { type: "string", default: "1" },
    out: { type: "string", default: "artifacts/figures" },
  },
});
const int = (s: string | undefined, lo: number, hi: number, fallback: number): number => {
  const v = Number.parseInt(s ?? "", 10);
  return Number.isInteger(v) ? Math.max(lo, Math.min(hi, v)) : fallback;
};
const seeds = int(values.seeds, 1, 500, 30);
const questions = int(values.questions, 1, 50, 1);
const sizes = (values.students ?? "30,100").split(",").map((s) => int(s, 5, 2000, 30));
const outDir = values.out ?? "artifacts/figures";

const CURVE_ROUNDS = 80;
const SHOWN = [0, 1, 2, 3, 5, 8, 10, 15, 20, 30, 40, 60, 79];
const fmt = (v: number | null): string => (v === null ? "never" : v < 10 ? v.toFixed(1) : v.toFixed(0));
const rounds = (s: Summary): string => {
  if (s.reached === 0) return "never";
  if (s.mean === null) return `${fmt(s.p10)}–${fmt(s.p90)}, reached in ${Math.round(100 * s.reached)} %`;
  return `${fmt(s.mean)} (${fmt(s.p10)}–${fmt(s.p90)})`;
};
const pad = (s: string, n: number): string => s.padEnd(n);

function table(results: readonly ArmResult[]): string[] {
  const global = results.find((r) => r.arm === "global")?.roundsToCriterion.mean ?? null;
  const lines = [
    `  ${pad("scheme", 19)}${pad("bot rule", 14)}${pad("rate η (sweep)", 16)}${pad("rounds to criterion (10–90 %)", 33)}fewer rounds than global`,
  ];
  for (const r of results) {
    const mean = r.roundsToCriterion.mean;
    const vs = global !== null && mean !== null && mean > 0 ? `${(global / mean).toFixed(1)}×` : "—";
    lines.push(
      `  ${pad(r.arm, 19)}${pad(r.learner, 14)}${pad(String(r.rate), 16)}${pad(rounds(r.roundsToCriterion), 33)}${vs}`,
    );
  }
  return lines;
}

const band = (b: Band, r: number): string =>
  `${b.mean[r].toFixed(0)} (${b.p10[r].toFixed(0)}–${b.p90[r].toFixed(0)})`;

/** The slower rate whose angles are shown beside the sweep's: W has more time there to line up with B. */
const SLOW_RATE = 0.25;

function angles(curves: AngleCurves): string[] {
  const { angle, weightAngle } = curves;
  const shown = SHOWN.filter((r) => r < angle.mean.length);
  return [
    `  alignment at η = ${curves.rate}: rounds to criterion ${rounds(curves.roundsToCriterion)}; angles in degrees (mean and 10–90 % over seeds; 90 = chance):`,
    `  ${pad("round", 7)}${pad("signals: through B vs true", 30)}weights: W vs B`,
    ...shown.map((r) => `  ${pad(String(r + 1), 7)}${pad(band(angle, r), 30)}${band(weightAngle, r)}`),
  ];
}

const errorSeries = (r: ArmResult): ChartSeries => ({
  label: `${r.arm} (η = ${r.rate})`,
  mean: r.error.mean,
  p10: r.error.p10,
  p90: r.error.p90,
});

function errorChart(m: number, results: readonly ArmResult[]): string {
  return renderConvergenceSvg({
    title: `Feedback alignment on the layered exam, M = ${m}: class error per round`,
    subtitle: `mean and 10–90 % band over ${seeds} seeds, each scheme at its own best rate`,
    xLabel: "round",
    yLabel: "class error",
    series: results.map(errorSeries),
  });
}

const angleSeries = (label: string, b: Band, group: number, shape: number): XYSeries => ({
  label,
  group,
  shape,
  points: Array.from(b.mean, (y, i) => ({
    x: i + 1,
    y,
    ...(i % 10 === 4 ? { lo: b.p10[i], hi: b.p90[i] } : {}),
  })),
});

function angleChart(m: number, fast: AngleCurves, slow: AngleCurves): string {
  return renderXYChartSvg({
    title: `How well the random path lines up with the true one, M = ${m}`,
    subtitle: `alignment on the layered exam, mean over ${seeds} seeds (bars: 10–90 %)`,
    notes: [
      "signals: the first layer's signals through the fixed random matrix B, against the true backward pass's",
      "weights: the second layer's weights W against B as matrices; 90° is no better than chance",
    ],
    xLabel: "round",
    yLabel: "angle (degrees)",
    legend: "bottom-right",
    series: [
      angleSeries(`signals, η = ${fast.rate} (the sweep's)`, fast.angle, 0, 0),
      angleSeries(`signals, η = ${slow.rate}`, slow.angle, 1, 1),
      angleSeries(`weights, η = ${fast.rate}`, fast.weightAngle, 2, 2),
      angleSeries(`weights, η = ${slow.rate}`, slow.weightAngle, 3, 3),
      {
        label: "90°: chance",
        theory: true,
        group: 6,
        points: [
          { x: 1, y: 90 },
          { x: CURVE_ROUNDS, y: 90 },
        ],
      },
    ],
  });
}

console.log(
  `Feedback alignment on the layered exam: ${seeds} seeds per scheme (tuning seeds apart), ${questions} question${questions > 1 ? "s" : ""}, the second layer's weights learning at η_W = ${WEIGHT_RATE} under the vector schemes.`,
);
console.log("Criterion: 95 % of the way from the start to the key. Rounds count class evaluations.");
mkdirSync(outDir, { recursive: true });
const files: string[] = [];
for (const m of sizes) {
  const options = { students: m, seeds, questions, rounds: 20 * m + 200 };
  // The error curves run to where "Good job" is at its criterion in most seeds.
  const results = runStudy({ ...options, curveRounds: 6 * m + 100 });
  console.log(`\nM = ${m} (Q = ${Math.max(1, Math.round(m / 5))} second-layer students):`);
  for (const line of table(results)) console.log(line);
  const best = results.find((r) => r.arm === "alignment")?.rate ?? 1;
  const fast = alignmentAt(best, { ...options, curveRounds: CURVE_ROUNDS });
  const slow = alignmentAt(SLOW_RATE, { ...options, curveRounds: CURVE_ROUNDS });
  for (const line of [...angles(fast), ...angles(slow)]) console.log(line);
  const angleFile = join(outDir, `alignment-angle-M${m}.svg`);
  writeFileSync(angleFile, angleChart(m, fast, slow));
  const errorFile = join(outDir, `alignment-error-M${m}.svg`);
  writeFileSync(errorFile, errorChart(m, results));
  files.push(errorFile, angleFile);
}

console.log(`\nCharts: ${files.join(", ")}`);
