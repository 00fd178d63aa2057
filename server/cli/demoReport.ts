/**
 * The demo's outputs from an experiment's result: the table people read, the JSON scripts read, and the
 * chart's input. Pure functions: the CLI does the printing and the writing.
 */
import {
  CRITERION,
  type ExperimentResult,
  LEARNERS,
  type SchemeOutcome,
  type Summary,
} from "../../shared/engine/index.ts";
import { schemeLabel } from "../../shared/protocol/schemeWords.ts";
import type { ChartInput } from "./svgChart.ts";

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

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatTable(result: ExperimentResult): string {
  const { spec } = result;
  const head = [
    `Group Exam, bot-only demo: ${spec.exam} exam, ${spec.students} students${spec.outputs ? `, ${spec.outputs} outputs` : ""}, ${spec.seeds} seeds, at most ${spec.rounds} rounds${spec.human ? ", human-like bots" : ""}.`,
    `Criterion: ${CRITERION * 100} % of the way from the start to the key. Rounds count class evaluations.`,
    "",
  ];
  const rows = [
    [
      "scheme",
      "bot rule",
      "rate η",
      "rounds to criterion (10–90 %)",
      "τ measured (10–90 %)",
      "τ theory",
      "speedup vs global",
    ],
    ...result.outcomes.map((o) => [
      schemeLabel(o.scheme),
      `${o.learner}${o.roundsPerUpdate > 1 ? ` (${o.roundsPerUpdate} rounds/update)` : ""}`,
      `${fmt(o.rate.rate)} (${o.rate.source})`,
      roundsCell(o.roundsToCriterion),
      `${fmt(o.tauMeasured)} (${fmt(o.tauBand.p10)}–${fmt(o.tauBand.p90)})`,
      o.tauPredicted === null ? "—" : `${fmt(o.tauPredicted)}${o.theoryExact ? "" : " ≈"}`,
      o.speedupOverGlobal === null ? "—" : `${fmt(o.speedupOverGlobal)}×`,
    ]),
  ];
  return [...head, table(rows), "", ...notes(result)].join("\n");
}

function notes(result: ExperimentResult): string[] {
  const out: string[] = [];
  const two = result.outcomes.filter((o) => o.roundsPerUpdate > 1);
  const paired = two.filter((o) => o.learner === "perturbation-robust");
  const based = two.filter((o) => o.learner !== "perturbation-robust");
  if (based.length)
    out.push(
      `${based.map((o) => schemeLabel(o.scheme)).join(", ")}: node perturbation pays for its baseline — each update is a baseline round and a jiggled round, and both are counted.`,
    );
  if (paired.length) {
    const costs = paired.flatMap((o) => {
      const textbook = based.find((b) => b.scheme.name === o.scheme.name && b.learner === "perturbation");
      const ratio = textbook ? o.tauMeasured / textbook.tauMeasured : Number.NaN;
      return Number.isFinite(ratio) ? [`${schemeLabel(o.scheme)} ${Math.round((ratio - 1) * 100)} %`] : [];
    });
    out.push(
      `${paired.map((o) => schemeLabel(o.scheme)).join(", ")}: perturbation-robust is the rule a live class's bots play by, made to learn beside people who move as they like: jiggles up, then down, a quarter of the class's distance from the key; a rate scaled to the share of the score's change its own jiggles explain; bounded steps. Where nothing else moves it costs${costs.length ? ` (τ against the textbook rule: ${costs.join(", ")})` : " a little against the textbook rule"}; beside movers the textbook rule collapses and this one does not.`,
    );
  }
  if (result.outcomes.some((o) => o.theoryExact === false))
    out.push(
      "≈: the theory is an approximation here (its formula's assumptions hold only roughly for this rule or exam).",
    );
  if (result.spec.exam === "readout")
    out.push(
      "On the readout exam a scalar can steer Q outputs: the gap between the schemes shrinks toward Q, not M.",
    );
  if (result.outcomes.some((o) => o.scheme.name === "blocked"))
    out.push(
      "blocked: students whose signal is blocked never move, so their share of the error stays (the paper's blocking).",
    );
  if (result.outcomes.some((o) => o.scheme.name === "alignment" && result.spec.exam !== "independent"))
    out.push(
      "alignment: the decoder here is fixed, so nothing aligns it with the random feedback path; the class may not learn.",
    );
  out.push("Levels stay in [0, 1]; every key here is reachable, so node perturbation does not drift.");
  return out;
}

export function toJson(result: ExperimentResult): object {
  const summary = (s: Summary) => ({ mean: s.mean, p10: s.p10, p90: s.p90, reached: s.reached });
  return {
    exam: result.spec.exam,
    students: result.spec.students,
    outputs: result.spec.outputs ?? null,
    seeds: result.spec.seeds,
    rounds: result.spec.rounds,
    humanLike: Boolean(result.spec.human),
    criterion: CRITERION,
    schemes: result.outcomes.map((o: SchemeOutcome) => ({
      scheme: o.scheme.name,
      config: o.scheme,
      learner: o.learner,
      learnerSummary: LEARNERS[o.learner].summary,
      roundsPerUpdate: o.roundsPerUpdate,
      rate: o.rate.rate,
      rateSource: o.rate.source,
      roundsToCriterion: summary(o.roundsToCriterion),
      tauMeasured: finite(o.tauMeasured),
      tauBand: summary(o.tauBand),
      tauPredicted: finite(o.tauPredicted),
      theoryExact: o.theoryExact,
      speedupOverGlobal: o.speedupOverGlobal,
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
