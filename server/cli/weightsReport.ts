/**
 * The weight-perturbation command line, its pure half: the flags read into a run (weightsRun.ts), and the
 * run's rows written as a table, as JSON with every seed's figures, and as a few sentences that say what the
 * run showed. Whether the run shows Werfel et al.'s "further factor of N" is worded from the run's own
 * ratios, never said unconditionally (weights.ts prints it all).
 */
import { parseArgs } from "node:util";
import { CRITERION, type Summary } from "../../shared/engine/convergence.ts";
import { DEFAULT_SIGMA } from "../../shared/engine/learners.ts";
import { FlagError, realNumber, wholeNumber } from "./flags.ts";
import { textTable } from "./textTable.ts";
import type { Perturb, WeightsRow, WeightsRunSpec } from "./weightsRun.ts";

export const WEIGHTS_DEFAULTS = { students: 20, inputs: [1, 2, 4], seeds: 20, seed: 1 } as const;

export const WEIGHTS_USAGE = `node server/cli/weights.ts [options]
  Weight perturbation against node perturbation (Werfel, Xie & Seung 2005), bots only, under "Good job,
  everyone": each student's level is a linear function of N inputs and what it jiggles is its N weights.
  Over an exam of N questions it should need about N times the rounds node perturbation needs.
  --students M     bots in the class (default ${WEIGHTS_DEFAULTS.students})
  --inputs LIST    the numbers of inputs N to play, comma-separated (default ${WEIGHTS_DEFAULTS.inputs.join(",")})
  --questions Q    questions of the exam, at most N (default N): with fewer, the factor expected is Q
  --seeds N        seeds (exams and classes) per N (default ${WEIGHTS_DEFAULTS.seeds})
  --seed S         first seed: the seeds are S … S + N − 1 (default ${WEIGHTS_DEFAULTS.seed})
  --sigma S        jiggle size σ (default ${DEFAULT_SIGMA})
  --rate R         fix the rate by hand: one number for both, or weights=R,nodes=R (default: the engine's
                   rule, 1/(M·Q) for weight perturbation and 1/M for node perturbation)
  --json           per-seed values as JSON instead of the table`;

export type WeightsArgs =
  | { readonly ok: true; readonly spec: WeightsRunSpec; readonly json: boolean }
  | { readonly ok: false; readonly error: string; readonly help: boolean };

const list = (raw: string): string[] => raw.split(",").map((v) => v.trim());

function rate(raw: string): number {
  const v = realNumber("rate", raw, { min: 0, max: 1e6 });
  if (v === 0) throw new FlagError("--rate must be above 0");
  return v;
}

/** `--rate 0.05` (both learners) or `--rate weights=0.0125,nodes=0.05`. */
function parseRates(raw: string | undefined): Partial<Record<Perturb, number>> {
  if (raw === undefined) return {};
  if (!raw.includes("=")) return { weights: rate(raw), nodes: rate(raw) };
  const rates: Partial<Record<Perturb, number>> = {};
  for (const item of list(raw)) {
    const [name, value, ...rest] = item.split("=").map((v) => v.trim());
    if ((name !== "weights" && name !== "nodes") || value === undefined || rest.length)
      throw new FlagError(`--rate must be a number or weights=R,nodes=R, not "${raw}"`);
    if (rates[name] !== undefined) throw new FlagError(`--rate gives ${name} twice`);
    rates[name] = rate(value);
  }
  return rates;
}

export function parseWeightsArgs(argv: readonly string[]): WeightsArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        students: { type: "string" },
        inputs: { type: "string" },
        questions: { type: "string" },
        seeds: { type: "string" },
        seed: { type: "string" },
        sigma: { type: "string" },
        rate: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) return { ok: false, error: WEIGHTS_USAGE, help: true };
    const d = WEIGHTS_DEFAULTS;
    const inputs =
      values.inputs === undefined
        ? [...d.inputs]
        : list(values.inputs).map((v) => wholeNumber("inputs", v, { min: 1, max: 64 }));
    if (new Set(inputs).size !== inputs.length) throw new FlagError("--inputs lists a number twice");
    const questions =
      values.questions === undefined ? null : wholeNumber("questions", values.questions, { min: 1, max: 64 });
    const sigma = realNumber("sigma", values.sigma, { fallback: DEFAULT_SIGMA, min: 0, max: 0.5 });
    if (sigma === 0) throw new FlagError("--sigma must be above 0");
    const spec: WeightsRunSpec = {
      students: wholeNumber("students", values.students, { fallback: d.students, min: 1, max: 2000 }),
      inputs,
      questions,
      seeds: wholeNumber("seeds", values.seeds, { fallback: d.seeds, min: 1, max: 10_000 }),
      seed: wholeNumber("seed", values.seed, { fallback: d.seed, min: 0, max: 2 ** 32 - 1 }),
      sigma,
      rates: parseRates(values.rate),
    };
    return { ok: true, spec, json: values.json };
  } catch (e) {
    if (e instanceof FlagError || e instanceof TypeError)
      return { ok: false, error: `${e.message}\n\n${WEIGHTS_USAGE}`, help: false };
    throw e;
  }
}

const fmt = (v: number | null): string => (v === null ? "—" : Number(v.toPrecision(3)).toString());

/** Mean and band of rounds; "never" where no seed got there, the share where some did not. */
function roundsCell(s: Summary): string {
  if (s.reached === 0) return "never";
  const band = `${fmt(s.p10)}–${s.p90 === null ? "never" : fmt(s.p90)}`;
  if (s.mean === null) return `— (${band}, ${Math.round(s.reached * 100)} % got there)`;
  return `${fmt(s.mean)} (${band})`;
}

function ratioCell(row: WeightsRow): string {
  if (row.ratio === null) return "—";
  const b = row.ratioBand;
  return `${fmt(row.ratio)}× (${fmt(b.p10)}–${fmt(b.p90)})`;
}

export function weightsHeader(spec: WeightsRunSpec): string {
  return [
    `Weight perturbation against node perturbation: ${spec.students} bots under "Good job, everyone", independent exam, seeds ${spec.seed}–${spec.seed + spec.seeds - 1}, σ ${spec.sigma}.`,
    `Rounds: rounds played until the exam's mean error at the levels the class means is ${CRITERION * 100} % of the way to the key (mean and 10–90 % over seeds); each update is a baseline and a jiggled round.`,
  ].join("\n");
}

export function weightsTable(rows: readonly WeightsRow[]): string {
  return textTable([
    [
      "N",
      "questions",
      "weights: rate",
      "rounds (10–90 %)",
      "nodes: rate",
      "rounds (10–90 %)",
      "ratio (10–90 %)",
      "expected",
    ],
    ...rows.map((r) => [
      String(r.inputs),
      String(r.questions),
      `${fmt(r.weights.rate)}${r.weights.rateSource === "by hand" ? " (by hand)" : ""}`,
      roundsCell(r.weights.rounds),
      `${fmt(r.nodes.rate)}${r.nodes.rateSource === "by hand" ? " (by hand)" : ""}`,
      roundsCell(r.nodes.rounds),
      ratioCell(r),
      `about ${r.expected}`,
    ]),
  ]);
}

/** A ratio counts as "about" the factor expected within a factor 1.5 either way. */
const near = (ratio: number, expected: number): boolean => ratio >= expected / 1.5 && ratio <= expected * 1.5;

const saidAt = (r: WeightsRow): string =>
  `${fmt(r.ratio)}× at N = ${r.inputs} (expected about ${r.expected})`;

/** Sentences worded from the run's own figures: unreached seeds, then whether it shows a further factor of N. */
export function weightsNotes(rows: readonly WeightsRow[]): string[] {
  const notes: string[] = [];
  for (const r of rows)
    if (r.ratio === null)
      notes.push(
        `At N = ${r.inputs} not every seed reached the criterion within ${r.horizon} rounds (weight perturbation: ${Math.round(r.weights.rounds.reached * 100)} %, node perturbation: ${Math.round(r.nodes.rounds.reached * 100)} %), so there is no ratio to give.`,
      );
  const fewer = rows.filter((r) => r.questions < r.inputs);
  if (fewer.length)
    notes.push(
      `With fewer questions than inputs (${fewer.map((r) => `N = ${r.inputs}: ${r.questions}`).join(", ")}) the factor expected is the number of questions: the directions no question's cue sees never matter.`,
    );
  // With fewer questions than inputs the factor is the questions', not N: the verdict names what it measured.
  const factor = fewer.length ? "the number of questions the weights serve" : "N";
  const measured = rows.filter((r) => r.ratio !== null && r.expected > 1);
  if (measured.length === 0) {
    notes.push(
      rows.some((r) => r.expected > 1)
        ? `This run measured no ratio where the weights serve more than one question, so it cannot say whether weight perturbation is a further factor of ${factor} slower.`
        : "With one question for the weights to serve the two learners are the same rule: this run has no further factor to show.",
    );
    return notes;
  }
  const ratios = measured.map((r) => r.ratio ?? 0);
  const parts = measured.map(saidAt);
  const said =
    parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  if (measured.every((r) => near(r.ratio ?? 0, r.expected)))
    notes.push(
      `This run shows a further factor of ${factor}: weight perturbation needed more rounds than node perturbation on the same exams by ${said}.`,
    );
  else if (ratios.every((v) => v > 1) && ratios.every((v, k) => k === 0 || v > ratios[k - 1]))
    notes.push(
      `This run shows weight perturbation slower by a factor that grows with N, but not about ${factor}: it needed more rounds than node perturbation by ${said}.`,
    );
  else
    notes.push(
      `This run does not show a further factor of ${factor}: weight perturbation needed ${said} the rounds of node perturbation.`,
    );
  return notes;
}

/** The JSON: the spec, the criterion, and per N both learners' rates and every seed's rounds and ratio. */
export function weightsJson(spec: WeightsRunSpec, rows: readonly WeightsRow[]): object {
  return {
    spec,
    criterion: CRITERION,
    rows: rows.map((r) => ({
      inputs: r.inputs,
      questions: r.questions,
      horizon: r.horizon,
      expected: r.expected,
      ratio: r.ratio,
      ratioBand: r.ratioBand,
      weights: { rate: r.weights.rate, rateSource: r.weights.rateSource, rounds: r.weights.rounds },
      nodes: { rate: r.nodes.rate, rateSource: r.nodes.rateSource, rounds: r.nodes.rounds },
      perSeed: r.weights.perSeed.map((w, s) => {
        const n = r.nodes.perSeed[s];
        return {
          seed: spec.seed + s,
          weights: w,
          nodes: n,
          ratio: w !== null && n !== null && n > 0 ? w / n : null,
        };
      }),
    })),
  };
}
