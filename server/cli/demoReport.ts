/**
 * The demo's outputs from an experiment's result: the table people read, the JSON scripts read, and the
 * chart's input. The table's headline is the ratio of τ per round against "Good job" with its band over
 * seeds, rounds to criterion beside it; a τ that is exact or never measured says so in words, never as a
 * number. Pure functions: the CLI does the printing and the writing.
 */

import { criterionOf } from "../../shared/engine/humanLike.ts";
import {
  type ExperimentResult,
  LEARNERS,
  type SchemeOutcome,
  type Summary,
} from "../../shared/engine/index.ts";
import { schemeLabel } from "../../shared/protocol/schemeWords.ts";
import { notes } from "./demoNotes.ts";
import type { ChartInput } from "./svgChart.ts";
import { textTable } from "./textTable.ts";

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

function fmt(v: number | null, digits = 3): string {
  if (v === null) return "—";
  if (v === Number.POSITIVE_INFINITY) return "∞";
  if (v !== 0 && Math.abs(v) < 0.01) return "<0.01";
  return Number(v.toPrecision(digits)).toString();
}

function roundsCell(s: Summary): string {
  const band = `${fmt(s.p10)}–${s.p90 === null ? "never" : fmt(s.p90)}`;
  if (s.reached === 0) return "never";
  if (s.mean === null) return `— (${band}, ${Math.round(s.reached * 100)} % got there)`;
  return `${fmt(s.mean)} (${band})`;
}

/** τ as a cell: a number only where one was measured. */
function tauCell(o: SchemeOutcome): string {
  if (o.exactIn !== null) return `exact in ${o.exactIn} round${o.exactIn === 1 ? "" : "s"}`;
  if (!Number.isFinite(o.tauMeasured)) return "not measured (never fell e³-fold)";
  if (o.tauMeasured === 0) return "not measured (e³ in one update)";
  // Some seeds fell e³-fold in one update (no τ to measure there): the band would start at a 0 that is no τ.
  if (o.tauBand.p10 === 0) return `${fmt(o.tauMeasured)} (some seeds: e³ in one update)`;
  return `${fmt(o.tauMeasured)} (${fmt(o.tauBand.p10)}–${fmt(o.tauBand.p90)})`;
}

/**
 * Whether the theory's τ describes this row's rule. The robust rule under teams guesses each table's share
 * from the whole class's score; the engine gives it the textbook's k = g for its rate, but its τ is well
 * above that formula's (about 1.8× at g = 5), so the formula's τ is not printed beside it.
 */
export const theoryDescribes = (o: SchemeOutcome): boolean =>
  !(o.learner === "perturbation-robust" && o.scheme.name === "teams");

function tauTheoryCell(o: SchemeOutcome): string {
  if (o.tauPredicted === null || !theoryDescribes(o)) return "—";
  if (o.tauPredicted === 0) return "exact";
  if (!Number.isFinite(o.tauPredicted)) return "never (a floor)";
  return `${fmt(o.tauPredicted)}${o.theoryExact ? "" : " ≈"}`;
}

/** The headline: global's τ over this scheme's, with the band of the seed-by-seed ratios. */
function ratioCell(o: SchemeOutcome, hasGlobal: boolean): string {
  if (!hasGlobal) return "—";
  if (o.exactIn !== null) return `exact in ${o.exactIn} round${o.exactIn === 1 ? "" : "s"}`;
  if (o.tauRatio === null) return "not measured";
  const b = o.tauRatioBand;
  // A seed that fell e³-fold in one update has no τ, so no ratio: the band has a floor and no top.
  if (b.p90 === null) return `${fmt(o.tauRatio)}× (${fmt(b.p10)}× or more; some seeds: e³ in one update)`;
  return `${fmt(o.tauRatio)}× (${fmt(b.p10)}–${fmt(b.p90)})`;
}

function rateCell(o: SchemeOutcome): string {
  return `${Number(o.rate.rate.toPrecision(3))} (${o.rate.source === "fixed" ? "by hand" : o.rate.source})`;
}

export function formatTable(result: ExperimentResult): string {
  const { spec } = result;
  const hasGlobal = result.outcomes.some((o) => o.scheme.name === "global");
  const swept = result.outcomes.find((o) => o.rate.source === "sweep");
  const head = [
    `Group Exam, bot-only demo: ${spec.exam} exam, ${spec.students} students${spec.outputs ? `, ${spec.outputs} outputs` : ""}, seeds ${spec.baseSeed ?? 1}–${(spec.baseSeed ?? 1) + spec.seeds - 1}, at most ${spec.rounds} rounds${spec.human ? ", human-like bots" : ""}${spec.scoreNoise ? `, score noise ${spec.scoreNoise}` : ""}.`,
    ...(spec.scoreNoise
      ? [
          `Score noise: the class hears its class error plus Gaussian noise of size ${spec.scoreNoise} (class-error units) and learns from that (each table's score likewise; personal signals stay exact); the figures below are the exact error. Rates were chosen, and the theory drawn, for a class that hears it exactly.`,
        ]
      : []),
    `Criterion: ${criterionOf(spec.human) * 100} % of the way from the start to the key${spec.human ? " (a hand that slips by 0.02 cannot get closer than that: humanLike.ts)" : ""}. Rounds count class evaluations. τ: rounds per e-fold of the class error.`,
    ...(hasGlobal
      ? [
          `"vs global": against global played by the same bot rule (vector schemes: by the first rule); τ ratios paired seed by seed.`,
        ]
      : []),
    ...(swept
      ? [
          `Swept rates: ${swept.rate.tuningSeeds.length} tuning seeds of their own (none of the reported ones), octaves then quarter- and eighth-octaves, a rate rejected if any tuning seed misses.`,
        ]
      : []),
    "",
  ];
  const rows = [
    [
      "scheme",
      "bot rule",
      "rate η",
      "τ ratio vs global (10–90 %)",
      "rounds to criterion (10–90 %)",
      "rounds vs global",
      "τ measured (10–90 %)",
      "τ theory",
    ],
    ...result.outcomes.map((o) => [
      schemeLabel(o.scheme),
      `${o.learner}${o.roundsPerUpdate > 1 ? ` (${o.roundsPerUpdate} rounds/update)` : ""}`,
      rateCell(o),
      ratioCell(o, hasGlobal),
      roundsCell(o.roundsToCriterion),
      o.speedupOverGlobal === null ? "—" : `${fmt(o.speedupOverGlobal)}×`,
      tauCell(o),
      tauTheoryCell(o),
    ]),
  ];
  return [...head, textTable(rows), "", ...notes(result)].join("\n");
}

const finiteArray = (a: ArrayLike<number>): (number | null)[] =>
  Array.from(a, (v) => (Number.isFinite(v) ? v : null));

/** Why a τ is null in the JSON: "exact" (the error vanished), "one update" (e³ within one), "never". */
function whyNoTau(exactIn: number | null, tau: number): "exact" | "one update" | "never" | null {
  if (exactIn !== null) return "exact";
  if (tau === 0) return "one update";
  if (!Number.isFinite(tau)) return "never";
  return null;
}

export function toJson(result: ExperimentResult): object {
  const summary = (s: Summary) => ({ mean: s.mean, p10: s.p10, p90: s.p90, reached: s.reached });
  return {
    exam: result.spec.exam,
    students: result.spec.students,
    outputs: result.spec.outputs ?? null,
    seeds: result.spec.seeds,
    baseSeed: result.spec.baseSeed ?? 1,
    rounds: result.spec.rounds,
    humanLike: Boolean(result.spec.human),
    criterion: criterionOf(result.spec.human),
    scoreNoise: result.spec.scoreNoise ?? 0,
    schemes: result.outcomes.map((o: SchemeOutcome) => ({
      scheme: o.scheme.name,
      label: schemeLabel(o.scheme),
      config: o.scheme,
      learner: o.learner,
      learnerSummary: LEARNERS[o.learner].summary,
      roundsPerUpdate: o.roundsPerUpdate,
      sigma: o.sigma,
      rate: o.rate.rate,
      rateSource: o.rate.source,
      rateStable: o.rate.stable,
      tuningSeeds: o.rate.tuningSeeds,
      sweepTrials: o.rate.trials,
      tauRatioOverGlobal: o.tauRatio,
      tauRatioBand: summary(o.tauRatioBand),
      roundsToCriterion: summary(o.roundsToCriterion),
      speedupOverGlobal: o.speedupOverGlobal,
      exactIn: o.exactIn,
      tauMeasured: o.exactIn !== null || o.tauMeasured === 0 ? null : finite(o.tauMeasured),
      tauNotMeasured: whyNoTau(o.exactIn, o.tauMeasured),
      tauBand: summary(o.tauBand),
      tauPredicted: theoryDescribes(o) ? finite(o.tauPredicted) : null,
      theoryExact: o.theoryExact,
      perSeed: o.perSeed.map((p) => ({
        seed: p.seed,
        roundsToCriterion: p.roundsToCriterion,
        tau: p.exactIn !== null || p.tau === 0 ? null : finite(p.tau),
        tauNotMeasured: whyNoTau(p.exactIn, p.tau),
        exactIn: p.exactIn,
        startError: p.startError,
        finalError: p.finalError,
      })),
      curve: {
        mean: finiteArray(o.curve.mean),
        p10: finiteArray(o.curve.p10),
        p90: finiteArray(o.curve.p90),
        theory: o.theoryCurve ? finiteArray(o.theoryCurve) : null,
      },
    })),
  };
}

export function chartInput(result: ExperimentResult): ChartInput {
  const { spec } = result;
  return {
    title: `Class error against rounds: ${spec.exam} exam, ${spec.students} students`,
    subtitle: `mean and 10–90 % band over ${spec.seeds} seeds, each scheme at its own best rate; dashed: theory`,
    xLabel: "round",
    yLabel: "class error (log scale)",
    series: result.outcomes.map((o) => ({
      label: `${schemeLabel(o.scheme)} (${o.learner}, η = ${fmt(o.rate.rate)})`,
      mean: o.curve.mean,
      p10: o.curve.p10,
      p90: o.curve.p90,
      theory: o.theoryCurve,
    })),
  };
}
