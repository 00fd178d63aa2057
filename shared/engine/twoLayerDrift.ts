/**
 * Node perturbation's drift where the key cannot be reached (issue 12; Hiratani, Mehta, Lillicrap & Latham,
 * NeurIPS 2022), in a class of its own: a two-layer linear network, because drift needs what the one-level-
 * per-student exams lack (test/engine/unreachableDrift.test.ts): directions the error cannot see, whose
 * weights are free to grow.
 *
 * Inputs x ∈ ℝᵈ are P = d orthonormal cues drawn from the seed (so the mean error over them is ½‖W₂W₁ − A‖²/d
 * exactly); K hidden "students" h = W₁x; outputs y = W₂h. The key is a teacher y* = A x with singular values
 * 1, 1/√2, 1/√3, … on orthonormal bases drawn from the seed. It is unreachable in either of two ways: a rank
 * above K (the floor is then Eckart–Young's, ½ Σ_{i ≥ K} sᵢ² / d, exact by construction), or label noise ν on
 * every output every round (the floor adds ½ n ν²). The product W₂W₁ is unchanged by W₁ → SW₁, W₂ → W₂S⁻¹,
 * and with K above the outputs, W₁'s rows along W₂'s null space are not seen by the error at all.
 *
 * Node perturbation, one pattern per round (the rounds cycle through the cues): a baseline, then every hidden
 * unit and every output jiggled (±σ or σ·N(0,1)) on the same pattern and key; the change ΔE of the scalar
 * error, times each layer's jiggle, estimates its credit: ΔW₁ = −(η/σ²) ΔE ξ₁ xᵀ, ΔW₂ = −(η/σ²) ΔE ξ₂ hᵀ.
 * Backprop takes the true gradient of the same round's error (the step node perturbation expects).
 *
 * What it shows (test/engine/twoLayerDrift.test.ts; d = 4, K = 8, 2 outputs, η 0.05, σ 1e-3, ν 0.3): at the
 * unreachable key the residual keeps ΔE noisy at the minimum, the free directions fill up, ‖W₁‖ grows to
 * 2–3× its reachable size within a few thousand rounds, the error above the floor sits on a noisy plateau
 * about 10× backprop's, and then (most seeds within 60 000 rounds) rises and the weights blow up. At the
 * reachable key the noise vanishes with the error and the same setting settles. The rise is an escape from
 * that plateau, sudden, not a slow climb: the norm stops growing once the noise it adds meets the pull back.
 *
 * Pure and deterministic: seeded streams from random.ts, no Math.random.
 */
import { createRng, deriveSeed, nextNormal, nextSign, type RngState } from "./random.ts";
import { drawCues } from "./weightPerturbation.ts";

/** x², by one multiplication (the engine never uses `**`, which is Math.pow). */
const sq = (x: number): number => x * x;

export interface TwoLayerSpec {
  /** d, the inputs (and the cues: P = d). */
  readonly inputs: number;
  /** K, the hidden students. */
  readonly hidden: number;
  /** The outputs. */
  readonly outputs: number;
  /** The teacher's rank: reachable when at most `hidden`, at most min(inputs, outputs). */
  readonly teacherRank: number;
  readonly learner: "node" | "backprop";
  /** η: node perturbation's expected step is η times backprop's one-pattern gradient step. */
  readonly rate: number;
  readonly sigma: number;
  readonly jiggle?: "sign" | "gaussian";
  /** The start weights' size: entries N(0, 1)·init/√fan-in. */
  readonly init: number;
  readonly seed: number;
  /** ν: each round's key is y* = A x plus N(0, ν²) on every output (0, the default: none). */
  readonly labelNoise?: number;
}

export interface TwoLayerClass {
  readonly spec: TwoLayerSpec;
  /** Cue p at [p·d, (p+1)·d). */
  readonly cues: Float64Array;
  /** The teacher A, outputs × inputs, row-major. */
  readonly teacher: Float64Array;
  /** W₁, hidden × inputs; W₂, outputs × hidden; row-major. */
  readonly w1: Float64Array;
  readonly w2: Float64Array;
  /** The best mean error any W₂W₁ of rank ≤ K can reach. */
  readonly floor: number;
  /** The rank part of the floor alone (the teacher's singular values past K). */
  readonly floorWithoutNoise: number;
  readonly rng: RngState;
  /** The label noise's own stream, so the jiggles are the same with and without it. */
  readonly labels: RngState;
  rounds: number;
}

/** The teacher's singular values: 1, 1/√2, 1/√3, … (distinct, so the best rank-K answer is one subspace). */
export const teacherSingular = (i: number): number => 1 / Math.sqrt(i + 1);

function checkSpec(s: TwoLayerSpec): void {
  for (const [name, v] of [
    ["inputs", s.inputs],
    ["hidden", s.hidden],
    ["outputs", s.outputs],
    ["teacherRank", s.teacherRank],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer ≥ 1`);
  if (s.teacherRank > Math.min(s.inputs, s.outputs))
    throw new RangeError("teacherRank must be at most min(inputs, outputs)");
  if (!(s.sigma > 0) || !(s.rate > 0) || !(s.init >= 0)) throw new RangeError("rate, sigma > 0, init ≥ 0");
}

export function createTwoLayerClass(spec: TwoLayerSpec): TwoLayerClass {
  checkSpec(spec);
  const { inputs: d, hidden: k, outputs: n, teacherRank: r } = spec;
  const u = drawCues(n, r, deriveSeed(spec.seed, "drift:teacher-out"));
  const v = drawCues(d, r, deriveSeed(spec.seed, "drift:teacher-in"));
  const teacher = new Float64Array(n * d);
  for (let i = 0; i < r; i++)
    for (let a = 0; a < n; a++)
      for (let b = 0; b < d; b++) teacher[a * d + b] += teacherSingular(i) * u[i * n + a] * v[i * d + b];
  let tail = 0;
  for (let i = k; i < r; i++) tail += sq(teacherSingular(i));
  const init = createRng(deriveSeed(spec.seed, "drift:init"));
  const w1 = new Float64Array(k * d).map(() => (nextNormal(init) * spec.init) / Math.sqrt(d));
  const w2 = new Float64Array(n * k).map(() => (nextNormal(init) * spec.init) / Math.sqrt(k));
  return {
    spec,
    cues: drawCues(d, d, deriveSeed(spec.seed, "drift:cues")),
    teacher,
    w1,
    w2,
    floorWithoutNoise: tail / (2 * d),
    floor: tail / (2 * d) + 0.5 * n * sq(spec.labelNoise ?? 0),
    rng: createRng(deriveSeed(spec.seed, "drift:jiggles")),
    labels: createRng(deriveSeed(spec.seed, "drift:labels")),
    rounds: 0,
  };
}

/** y = M x for a row-major rows × cols matrix M. */
function apply(m: Float64Array, rows: number, cols: number, x: Float64Array, out: Float64Array): void {
  for (let a = 0; a < rows; a++) {
    let s = 0;
    for (let b = 0; b < cols; b++) s += m[a * cols + b] * x[b];
    out[a] = s;
  }
}

/**
 * The expected error of a round: over the cues, ½‖W₂W₁ − A‖²_F / d (the cues are an orthonormal basis), plus
 * the label noise's ½ n ν², which no weights can remove.
 */
export function meanError(tc: TwoLayerClass): number {
  const { inputs: d, hidden: k, outputs: n } = tc.spec;
  let sum = 0;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < d; b++) {
      let s = -tc.teacher[a * d + b];
      for (let j = 0; j < k; j++) s += tc.w2[a * k + j] * tc.w1[j * d + b];
      sum += s * s;
    }
  return sum / (2 * d) + 0.5 * n * sq(tc.spec.labelNoise ?? 0);
}

export const frobenius = (m: Float64Array): number => Math.sqrt(m.reduce((s, v) => s + v * v, 0));

/** The round's pattern and its key: cue `rounds mod d`, y* = A x plus the label noise drawn for this round. */
function pattern(tc: TwoLayerClass): {
  x: Float64Array;
  h: Float64Array;
  y: Float64Array;
  target: Float64Array;
} {
  const { inputs: d, hidden: k, outputs: n } = tc.spec;
  const noise = tc.spec.labelNoise ?? 0;
  const p = tc.rounds % d;
  const x = tc.cues.subarray(p * d, p * d + d);
  const h = new Float64Array(k);
  const y = new Float64Array(n);
  const target = new Float64Array(n);
  apply(tc.w1, k, d, x, h);
  apply(tc.w2, n, k, h, y);
  apply(tc.teacher, n, d, x, target);
  if (noise > 0) for (let a = 0; a < n; a++) target[a] += noise * nextNormal(tc.labels);
  return { x, h, y, target };
}

/** One node-perturbation round: baseline and jiggled errors on the same pattern and key, then both layers' steps. */
function nodeRound(tc: TwoLayerClass): void {
  const { inputs: d, hidden: k, outputs: n, sigma, rate } = tc.spec;
  const gaussian = tc.spec.jiggle === "gaussian";
  const { x, h, y, target } = pattern(tc);
  const xi1 = new Float64Array(k).map(() => sigma * (gaussian ? nextNormal(tc.rng) : nextSign(tc.rng)));
  const xi2 = new Float64Array(n).map(() => sigma * (gaussian ? nextNormal(tc.rng) : nextSign(tc.rng)));
  let base = 0;
  let jiggled = 0;
  for (let a = 0; a < n; a++) {
    let moved = y[a] + xi2[a];
    for (let j = 0; j < k; j++) moved += tc.w2[a * k + j] * xi1[j];
    base += sq(y[a] - target[a]);
    jiggled += sq(moved - target[a]);
  }
  const gain = (rate / (sigma * sigma)) * 0.5 * (jiggled - base);
  for (let j = 0; j < k; j++) for (let b = 0; b < d; b++) tc.w1[j * d + b] -= gain * xi1[j] * x[b];
  for (let a = 0; a < n; a++) for (let j = 0; j < k; j++) tc.w2[a * k + j] -= gain * xi2[a] * h[j];
}

/**
 * One backprop round on the same pattern and key: the true gradient of that round's error, the step node
 * perturbation's estimate expects to take (ΔW₁ = −η W₂ᵀe xᵀ, ΔW₂ = −η e hᵀ).
 */
function backpropRound(tc: TwoLayerClass): void {
  const { inputs: d, hidden: k, outputs: n, rate } = tc.spec;
  const { x, h, y, target } = pattern(tc);
  const e = y.map((v, a) => v - target[a]);
  const back = new Float64Array(k);
  for (let j = 0; j < k; j++) for (let a = 0; a < n; a++) back[j] += tc.w2[a * k + j] * e[a];
  for (let j = 0; j < k; j++) for (let b = 0; b < d; b++) tc.w1[j * d + b] -= rate * back[j] * x[b];
  for (let a = 0; a < n; a++) for (let j = 0; j < k; j++) tc.w2[a * k + j] -= rate * e[a] * h[j];
}

export function playRound(tc: TwoLayerClass): void {
  if (tc.spec.learner === "node") nodeRound(tc);
  else backpropRound(tc);
  tc.rounds++;
}

/** The expected error above the floor, ½‖W₂W₁ − A‖²_F / d − ½ Σ_{i ≥ K} sᵢ² / d (without the label noise's ½ n ν²). */
export function excessError(tc: TwoLayerClass): number {
  return meanError(tc) - 0.5 * tc.spec.outputs * sq(tc.spec.labelNoise ?? 0) - tc.floorWithoutNoise;
}

export interface DriftTrace {
  readonly floor: number;
  /** Window by window (`every` rounds each, the first window is round 0 alone): the window's last round, */
  readonly round: Float64Array;
  /** the mean over the window's rounds of the expected error above the floor, */
  readonly excess: Float64Array;
  /** and ‖W₁‖, ‖W₂‖ (Frobenius) at the window's end. */
  readonly norm1: Float64Array;
  readonly norm2: Float64Array;
  /** The first round whose error was past 1e12 or not finite (the weights blew up), or null. */
  readonly blewUp: number | null;
}

/** Plays `rounds` rounds (a multiple of `every`), ⌊rounds/every⌋ + 1 points; after a blow-up, Infinity. */
export function runTwoLayer(spec: TwoLayerSpec, rounds: number, every: number): DriftTrace {
  const tc = createTwoLayerClass(spec);
  const points = Math.floor(rounds / every) + 1;
  const round = new Float64Array(points);
  const excess = new Float64Array(points).fill(Number.POSITIVE_INFINITY);
  const norm1 = new Float64Array(points).fill(Number.POSITIVE_INFINITY);
  const norm2 = new Float64Array(points).fill(Number.POSITIVE_INFINITY);
  let blewUp: number | null = null;
  for (let i = 0; i < points; i++) {
    round[i] = i * every;
    if (blewUp !== null) continue;
    let sum = 0;
    for (let r = 0; r < (i === 0 ? 1 : every); r++) {
      if (i > 0) playRound(tc);
      const e = excessError(tc);
      if (!(Number.isFinite(e) && e < 1e12)) {
        blewUp = tc.rounds;
        break;
      }
      sum += e;
    }
    if (blewUp !== null) continue;
    excess[i] = sum / (i === 0 ? 1 : every);
    norm1[i] = frobenius(tc.w1);
    norm2[i] = frobenius(tc.w2);
  }
  return { floor: tc.floor, round, excess, norm1, norm2, blewUp };
}
