/**
 * The demo's plots for a researcher, as chart inputs (demoXYChart.ts draws them): the rate sweep's trials,
 * the speedup against the class size M with the theory's line, and the teams(g) dial. Each is drawn from
 * the run's own figures; where a figure was not measured (a τ that is exact) the chart says what it draws
 * instead, in its subtitle. Pure functions.
 */
import { type ExperimentResult, roundsToCriterion, type SchemeOutcome } from "../../shared/engine/index.ts";
import { schemeLabel } from "../../shared/protocol/schemeWords.ts";
import { theoryDescribes } from "./demoReport.ts";
import type { XYChartInput, XYPoint, XYSeries } from "./demoXYChart.ts";

const scalarFirst = (r: ExperimentResult): SchemeOutcome | undefined =>
  r.outcomes.find((o) => o.scheme.name === "global");
const vectorOf = (r: ExperimentResult): SchemeOutcome | undefined =>
  r.outcomes.find((o) => o.scheme.name === "vectorized") ??
  r.outcomes.find((o) => o.scheme.name !== "global" && o.roundsPerUpdate === 1);

/** The rate sweep: mean rounds to criterion over the tuning seeds at each rate tried; null if none swept. */
export function sweepChart(result: ExperimentResult): XYChartInput | null {
  const swept = result.outcomes.filter((o) => o.rate.source === "sweep");
  if (swept.length === 0) return null;
  const series: XYSeries[] = [];
  for (const [k, o] of swept.entries()) {
    const name = `${schemeLabel(o.scheme)} (${o.learner})`;
    const full = o.rate.trials.filter((t) => t.stage !== "coarse");
    const point = (t: (typeof full)[number]): XYPoint => ({
      x: t.rate,
      y: t.meanRounds,
      hollow: t.pruned || t.reached < 1,
    });
    series.push({
      label: `${name}: ${o.rate.tuningSeeds.length} tuning seeds`,
      points: full.map(point),
      group: k,
      shape: 0,
    });
    const coarse = o.rate.trials.filter((t) => t.stage === "coarse");
    series.push({
      label: `${name}: coarse walk, ${coarse[0]?.seeds ?? 0} seeds`,
      points: coarse.map(point),
      scatter: true,
      group: k,
      shape: 1,
    });
    series.push({
      label: `${name}: chosen η = ${Number(o.rate.rate.toPrecision(3))}`,
      points: full.filter((t) => t.rate === o.rate.rate).map(point),
      scatter: true,
      // Black, on top of its scheme's curve: the one rate the run then plays.
      group: 6,
      shape: 3,
    });
  }
  const { spec } = result;
  return {
    title: `The rate sweep: ${spec.exam} exam, ${spec.students} students${spec.outputs ? `, ${spec.outputs} outputs` : ""}`,
    subtitle:
      "mean rounds to criterion over the tuning seeds at each rate tried (none of them a reported seed)",
    notes: [
      `Hollow: rejected, a tuning seed missed the criterion within ${spec.rounds} rounds (a miss counts as twice that).`,
    ],
    legend: "bottom-left",
    xLabel: "learning rate η (log scale)",
    yLabel: "mean rounds to criterion (log scale)",
    xLog: true,
    yLog: true,
    series,
  };
}

/** The theory's rounds to criterion from its own curve (null where it never gets there in the run). */
const theoryRounds = (o: SchemeOutcome): number | null =>
  o.theoryCurve ? roundsToCriterion(o.theoryCurve) : null;

/**
 * Speedup against M: the ratio of τ (global's over the vector scheme's, band over seeds) and the ratio of
 * rounds to criterion, each with the theory's. Where the vector scheme is exact in one round its τ is not
 * measured: the chart then draws global's τ in rounds, the e-folds' cost against one exact round.
 */
export function speedupChart(results: readonly ExperimentResult[]): XYChartInput | null {
  const pairs = results.flatMap((r) => {
    const g = scalarFirst(r);
    const v = vectorOf(r);
    return g && v ? [{ m: r.spec.students, g, v }] : [];
  });
  if (pairs.length < 2) return null;
  const exact = pairs.some((p) => p.v.exactIn !== null);
  const vName = schemeLabel(pairs[0].v.scheme);
  const tau: XYPoint[] = pairs.flatMap(({ m, g, v }) => {
    if (exact)
      return Number.isFinite(g.tauMeasured)
        ? [{ x: m, y: g.tauMeasured, lo: g.tauBand.p10, hi: g.tauBand.p90 }]
        : [];
    return v.tauRatio === null
      ? []
      : [{ x: m, y: v.tauRatio, lo: v.tauRatioBand.p10, hi: v.tauRatioBand.p90 }];
  });
  const tauTheory: XYPoint[] = pairs.flatMap(({ m, g, v }) => {
    const gt = g.tauPredicted;
    const vt = exact ? 1 : v.tauPredicted;
    return gt !== null && vt !== null && vt > 0 && Number.isFinite(gt) ? [{ x: m, y: gt / vt }] : [];
  });
  const rounds: XYPoint[] = pairs.flatMap(({ m, v }) =>
    v.speedupOverGlobal === null ? [] : [{ x: m, y: v.speedupOverGlobal }],
  );
  const roundsTheory: XYPoint[] = pairs.flatMap(({ m, g, v }) => {
    const gr = theoryRounds(g);
    const vr = theoryRounds(v);
    return gr !== null && vr !== null && vr > 0 ? [{ x: m, y: gr / vr }] : [];
  });
  const r0 = results[0].spec;
  return {
    title: `Speedup of ${vName} over "Good job" against the class size: ${r0.exam} exam`,
    subtitle: `${r0.seeds} seeds per size; bars: 10–90 % over seeds; dashed: the theory (Werfel, Xie & Seung 2005)`,
    notes: exact
      ? [
          `${vName} is exact in one round here (η = 1: the signal is the answer itself), so its τ is not measured:`,
          `the τ line is global's τ in rounds, the rounds "Good job" needs per e-fold (about 2M).`,
        ]
      : [],
    xLabel: "students M (log scale)",
    yLabel: "speedup (log scale)",
    xLog: true,
    yLog: true,
    series: [
      {
        label: exact ? "global's τ in rounds (measured)" : "ratio of τ (measured)",
        points: tau,
        group: 0,
        shape: 0,
      },
      {
        label: exact ? "global's τ, theory" : "ratio of τ, theory",
        points: tauTheory,
        theory: true,
        group: 0,
      },
      { label: "ratio of rounds to criterion (measured)", points: rounds, group: 1, shape: 1 },
      { label: "ratio of rounds to criterion, theory", points: roundsTheory, theory: true, group: 1 },
    ],
  };
}

/** The teams(g) dial: τ against the table size g, each rule its own series, with the theory (k = g). */
export function teamsDialChart(result: ExperimentResult): XYChartInput | null {
  const teams = result.outcomes.filter((o) => o.scheme.name === "teams");
  if (new Set(teams.map((o) => (o.scheme.name === "teams" ? o.scheme.teamSize : 0))).size < 2) return null;
  const size = (o: SchemeOutcome): number =>
    o.scheme.name === "teams" ? Math.min(o.scheme.teamSize, result.spec.students) : result.spec.students;
  const g = result.outcomes.filter((o) => o.scheme.name === "global");
  const learners = [...new Set(teams.map((o) => o.learner))];
  const series: XYSeries[] = learners.flatMap((learner, k) => {
    const rows = [...teams, ...g].filter((o) => o.learner === learner);
    return [
      {
        label: `${learner} (measured; global = a table of M)`,
        points: rows.flatMap((o) =>
          Number.isFinite(o.tauMeasured) && o.exactIn === null
            ? [{ x: size(o), y: o.tauMeasured, lo: o.tauBand.p10, hi: o.tauBand.p90 }]
            : [],
        ),
        group: k,
        shape: k,
      },
      {
        label: `${learner}, theory`,
        points: rows.flatMap((o) =>
          o.tauPredicted !== null && Number.isFinite(o.tauPredicted) && theoryDescribes(o)
            ? [{ x: size(o), y: o.tauPredicted }]
            : [],
        ),
        theory: true,
        group: k,
      },
    ];
  });
  const { spec } = result;
  const unmeasured = teams.filter(
    (o) => o.exactIn !== null || !(o.tauMeasured > 0 && Number.isFinite(o.tauMeasured)),
  );
  const left = unmeasured.map((o) => `${schemeLabel(o.scheme)} (${o.learner})`);
  return {
    notes: left.length
      ? [`Not drawn, τ not measured (exact, or e³ within one update, or never): ${left.join(", ")}.`]
      : [],
    title: `The teams(g) dial: ${spec.exam} exam, ${spec.students} students`,
    subtitle: `τ (rounds per e-fold) against the table size g, ${spec.seeds} seeds; bars: 10–90 %; dashed: theory, k = g`,
    xLabel: "students per table g (log scale)",
    yLabel: "τ in rounds (log scale)",
    xLog: true,
    yLog: true,
    series,
  };
}
