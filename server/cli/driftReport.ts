/**
 * The drift command line (server/cli/drift.ts), its pure half: the flags read into a setting, the four runs
 * (node perturbation and backprop, at a reachable and an unreachable key) of shared/engine/twoLayerDrift.ts,
 * their curves as a table, as JSON, and a note per curve worded from the run: "drifted" only when the error
 * above the floor rose again by a clear factor after its lowest, never said unconditionally.
 */
import { parseArgs } from "node:util";
import { type DriftTrace, runTwoLayer, type TwoLayerSpec } from "../../shared/engine/twoLayerDrift.ts";
import { FlagError, realNumber, wholeNumber } from "./flags.ts";
import { textTable } from "./textTable.ts";

/** The setting test/engine/twoLayerDrift.test.ts holds: drift at the unreachable key, none at the reachable. */
export const DRIFT_DEFAULTS = {
  inputs: 4,
  hidden: 8,
  outputs: 2,
  rate: 0.05,
  sigma: 1e-3,
  noise: 0.3,
  rounds: 100_000,
  every: 5_000,
  seed: 1,
} as const;

/** A rise after the lowest window by this factor or more is a drift. */
export const DRIFT_FACTOR = 3;

export const DRIFT_USAGE = `node server/cli/drift.ts [options]
  Node perturbation's drift where the key cannot be reached (Hiratani et al. 2022), in a two-layer linear
  class: inputs → hidden students → outputs, the key a teacher of rank = outputs. Reachable: no label noise;
  unreachable: every round's key has Gaussian label noise. Node perturbation and backprop, same rounds.
  --inputs D     inputs (and cues) (default ${DRIFT_DEFAULTS.inputs})
  --hidden K     hidden students (default ${DRIFT_DEFAULTS.hidden}); more than the outputs leaves directions free
  --outputs N    outputs (default ${DRIFT_DEFAULTS.outputs})
  --rate R       η (default ${DRIFT_DEFAULTS.rate})
  --sigma S      jiggle size σ (default ${DRIFT_DEFAULTS.sigma})
  --noise V      label noise ν of the unreachable key (default ${DRIFT_DEFAULTS.noise})
  --rounds R     rounds (default ${DRIFT_DEFAULTS.rounds})
  --every N      a line every N rounds; each line is the mean over those rounds (default ${DRIFT_DEFAULTS.every})
  --seed S       seed (default ${DRIFT_DEFAULTS.seed})
  --json         the curves as JSON`;

export interface DriftSetting {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly rate: number;
  readonly sigma: number;
  readonly noise: number;
  readonly rounds: number;
  readonly every: number;
  readonly seed: number;
}

export type DriftArgs =
  | { readonly ok: true; readonly setting: DriftSetting; readonly json: boolean }
  | { readonly ok: false; readonly error: string; readonly help: boolean };

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  const v = realNumber(name, raw, { fallback, min: 0, max });
  if (v === 0) throw new FlagError(`--${name} must be above 0`);
  return v;
}

export function parseDriftArgs(argv: readonly string[]): DriftArgs {
  try {
    const { values: v } = parseArgs({
      args: [...argv],
      options: {
        inputs: { type: "string" },
        hidden: { type: "string" },
        outputs: { type: "string" },
        rate: { type: "string" },
        sigma: { type: "string" },
        noise: { type: "string" },
        rounds: { type: "string" },
        every: { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (v.help) return { ok: false, error: DRIFT_USAGE, help: true };
    const d = DRIFT_DEFAULTS;
    const inputs = wholeNumber("inputs", v.inputs, { fallback: d.inputs, min: 1, max: 64 });
    const outputs = wholeNumber("outputs", v.outputs, { fallback: d.outputs, min: 1, max: 64 });
    if (outputs > inputs) throw new FlagError("--outputs must be at most --inputs (the teacher's rank)");
    const every = wholeNumber("every", v.every, { fallback: d.every, min: 1, max: 1e7 });
    const rounds = wholeNumber("rounds", v.rounds, { fallback: d.rounds, min: 1, max: 1e7 });
    if (rounds % every !== 0) throw new FlagError("--rounds must be a multiple of --every");
    const setting: DriftSetting = {
      inputs,
      hidden: wholeNumber("hidden", v.hidden, { fallback: d.hidden, min: 1, max: 256 }),
      outputs,
      rate: positive("rate", v.rate, d.rate, 10),
      sigma: positive("sigma", v.sigma, d.sigma, 1),
      noise: positive("noise", v.noise, d.noise, 10),
      rounds,
      every,
      seed: wholeNumber("seed", v.seed, { fallback: d.seed, min: 0, max: 2 ** 32 - 1 }),
    };
    return { ok: true, setting, json: v.json };
  } catch (e) {
    if (e instanceof FlagError || e instanceof TypeError)
      return { ok: false, error: `${e.message}\n\n${DRIFT_USAGE}`, help: false };
    throw e;
  }
}

export interface DriftCurve {
  readonly learner: TwoLayerSpec["learner"];
  readonly key: "reachable" | "unreachable";
  readonly trace: DriftTrace;
}

export function runDrift(s: DriftSetting): DriftCurve[] {
  const curves: DriftCurve[] = [];
  for (const learner of ["node", "backprop"] as const)
    for (const key of ["reachable", "unreachable"] as const) {
      const spec: TwoLayerSpec = {
        inputs: s.inputs,
        hidden: s.hidden,
        outputs: s.outputs,
        teacherRank: s.outputs,
        learner,
        rate: s.rate,
        sigma: s.sigma,
        init: 0.5,
        seed: s.seed,
        labelNoise: key === "unreachable" ? s.noise : 0,
      };
      curves.push({ learner, key, trace: runTwoLayer(spec, s.rounds, s.every) });
    }
  return curves;
}

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : "blown up");
const learnerName = (c: DriftCurve): string =>
  `${c.learner === "node" ? "node perturbation" : "backprop"}, ${c.key} key`;

export function driftHeader(s: DriftSetting): string {
  return [
    `Two-layer linear class: ${s.inputs} inputs, ${s.hidden} hidden students, ${s.outputs} outputs, a teacher of rank ${s.outputs}; η ${s.rate}, σ ${s.sigma}, seed ${s.seed}.`,
    `Reachable key: no label noise. Unreachable key: label noise ${s.noise} on every output every round (floor ${fmt(0.5 * s.outputs * s.noise ** 2)}).`,
    `Each cell: the mean error above the floor over the ${s.every} rounds up to that round, then ‖W₁‖ and ‖W₂‖ at its end.`,
  ].join("\n");
}

export function driftTable(curves: readonly DriftCurve[]): string {
  const rounds = curves[0]?.trace.round ?? new Float64Array(0);
  return textTable([
    ["round", ...curves.map(learnerName)],
    ...Array.from(rounds, (r, i) => [
      String(r),
      ...curves.map(({ trace: t }) =>
        Number.isFinite(t.excess[i])
          ? `${fmt(t.excess[i])} (${fmt(t.norm1[i])}, ${fmt(t.norm2[i])})`
          : "blown up",
      ),
    ]),
  ]);
}

/** The curve's lowest line after the first, the highest after it, and where. */
function lowAndPeak(t: DriftTrace): { low: number; lowAt: number; peak: number; peakAt: number } {
  let lowIndex = 1;
  for (let i = 1; i < t.excess.length; i++) if (t.excess[i] < t.excess[lowIndex]) lowIndex = i;
  let peakIndex = lowIndex;
  for (let i = lowIndex; i < t.excess.length; i++) {
    if (!Number.isFinite(t.excess[i])) break;
    if (t.excess[i] > t.excess[peakIndex]) peakIndex = i;
  }
  return {
    low: t.excess[lowIndex],
    lowAt: t.round[lowIndex],
    peak: t.excess[peakIndex],
    peakAt: t.round[peakIndex],
  };
}

/** One sentence per curve, from its own figures: "drifted" only when it rose ≥ DRIFT_FACTOR× or blew up. */
export function driftNotes(curves: readonly DriftCurve[]): string[] {
  return curves.map((c) => {
    const t = c.trace;
    const name = learnerName(c);
    if (t.excess.length < 3) return `${name}: too few lines to tell (use a smaller --every).`;
    if (!Number.isFinite(t.excess[1]))
      return `${name}: the weights blew up at round ${t.blewUp}, before the first line: try a smaller --rate.`;
    const { low, lowAt, peak, peakAt } = lowAndPeak(t);
    const norms = (i: number): string => `‖W₁‖ ${fmt(t.norm1[i])}, ‖W₂‖ ${fmt(t.norm2[i])}`;
    const last = Array.from(t.norm1).filter(Number.isFinite).length - 1;
    const start = `${norms(0)} at the start`;
    if (t.blewUp !== null) {
      const rose = peak >= DRIFT_FACTOR * low ? `, rose to ${fmt(peak)} by round ${peakAt},` : "";
      return `${name}: drifted: the error above the floor fell to ${fmt(low)} by round ${lowAt}${rose} and then the weights blew up at round ${t.blewUp} (${start}, ${norms(last)} at round ${t.round[last]}).`;
    }
    if (peak >= DRIFT_FACTOR * low)
      return `${name}: drifted: the error above the floor fell to ${fmt(low)} by round ${lowAt}, then rose to ${fmt(peak)} by round ${peakAt} (${start}, ${norms(last)} at the end).`;
    return `${name}: settled: the error above the floor fell to ${fmt(low)} by round ${lowAt} and stayed within ${fmt(peak / low)}× of it (${start}, ${norms(last)} at the end).`;
  });
}

export function driftJson(s: DriftSetting, curves: readonly DriftCurve[]): object {
  const nums = (a: Float64Array): (number | null)[] => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  return {
    setting: s,
    curves: curves.map((c) => ({
      learner: c.learner,
      key: c.key,
      floor: c.trace.floor,
      blewUp: c.trace.blewUp,
      round: Array.from(c.trace.round),
      excess: nums(c.trace.excess),
      norm1: nums(c.trace.norm1),
      norm2: nums(c.trace.norm2),
    })),
    notes: driftNotes(curves),
  };
}
