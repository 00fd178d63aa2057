/**
 * `layered`: two layers of students with a nonlinearity. The first M₁ students feed the last Q through the
 * connections W; second-layer student k answers u_k = φ(p_k) with
 *   p_k = (x_{M₁+k} − ½) + (2/√M₁) Σ_j W_kj (x_j − ½),   φ(z) = ½ + ½ z / (1 + |z|)
 * (M₁ in the scale: the active first-layer seats).
 * φ is a rational sigmoid rather than tanh so that every engine computes it to the same bits.
 * E = (1/Q) Σ_k (u_k − u*_k)². The backward pass traces the error through both layers:
 * δ_k = (2/Q) r_k φ'(p_k); the second layer's credit is δ_k, the first layer's (2/√M₁) Σ_k W_kj δ_k, or
 * (2/√M₁) Σ_k B_kj δ_k on the random path (feedback alignment: B is a fixed random matrix drawn once).
 *
 * W is the class's weights, and it learns: after every round of a scheme that sends errors (the vector
 * schemes) the engine takes one delta-rule step along −∂E/∂W, ∂E/∂W_kj = δ_k (2/√M₁)(x_j − ½), from the
 * output error of the levels as scored (the output layer has its error at hand: no feedback path is needed
 * for it). Under a scalar scheme (`global`, `teams`) nobody receives the errors, the weights included, and
 * W stands still: node perturbation's baseline and jiggled rounds then see the same exam.
 * This is what makes feedback alignment work (Lillicrap et al. 2016): first-layer students who follow Bᵀδ
 * move along B's rows, the delta rule then grows W along B, and the random path's signal turns toward the
 * true one. The key stays the one the drawn weights W⁰ make from hidden levels (a teacher network), so it
 * does not move while W learns. W lives in a `LayeredWeights` record (a plain array and a round number)
 * that survives the exam being rebuilt for a new set of seats (`carryWeights`).
 */
import { activeSeats, countActive, type Exam, type ExamSpec, maskedSolutions } from "../exam.ts";
import { largestEigenvalue } from "../linalg.ts";
import { createRng, deriveSeed, nextFloat, type RngState } from "../random.ts";
import type { SignalKind } from "../schemes.ts";

/**
 * η_W, the weights' rate in the students' units (1/λ): a weight step moves each output at most η_W times as
 * far as its own second-layer student's step at rate 1 (see `learnWeights`). At 4 the weights learn fast
 * enough to come to align with the random path within tens of rounds, and not so fast that they solve the
 * exam alone: the first layer's signals still matter (the class under `vectorized` at rate 1 converges in
 * some 14 rounds, under `alignment` in 25 to 40, at M = 30 and 100).
 */
export const WEIGHT_RATE = 4;

/** The second layer's connections as they stand: plain data, part of the class's state. */
export interface LayeredWeights {
  /** W, Q × M₁ row-major: the drawn W⁰ at first, then moved by the delta rule once per round. */
  readonly values: Float64Array;
  /** The last round W learned from (0: none yet), so that no round is learned twice. */
  learnedRound: number;
}

export interface LayeredExam extends Exam {
  readonly kind: "layered";
  /** M₁, the first layer's seats (the students 0 … M₁−1). */
  readonly firstLayer: number;
  readonly weights: LayeredWeights;
  /** B, Q × M₁ row-major: the fixed random feedback matrix of the `alignment` scheme. */
  readonly feedback: Float64Array;
  /** One delta-rule step of W from the output error at these levels; returns the class error before it. */
  learnWeights(levels: Float64Array, question: number): number;
}

const SQRT3 = 1.7320508075688772;
const phi = (z: number): number => 0.5 + (0.5 * z) / (1 + Math.abs(z));
const phiPrime = (z: number): number => {
  const d = 1 + Math.abs(z);
  return 0.5 / (d * d);
};

function uniformMatrix(rng: RngState, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = SQRT3 * (2 * nextFloat(rng) - 1);
  return a;
}

export function isLayered(exam: Exam): exam is LayeredExam {
  return exam.kind === "layered" && "weights" in exam;
}

/**
 * Carries the learned weights of an exam into the one rebuilt from it (a new set of seats): the weights
 * belong to the class, not to who sits in it. Returns `to`.
 */
export function carryWeights(from: Exam, to: Exam): Exam {
  if (isLayered(from) && isLayered(to) && from.weights.values.length === to.weights.values.length) {
    to.weights.values.set(from.weights.values);
    to.weights.learnedRound = from.weights.learnedRound;
  }
  return to;
}

/**
 * The exam's own learning once a round has closed, for the round API to call with the levels as scored:
 * on `layered` under a vector scheme, one delta-rule step of W; nothing otherwise. A round already learned
 * from is not learned again, so a second call for the same round is harmless.
 */
export function learnAfterRound(
  exam: Exam,
  kind: SignalKind,
  levels: Float64Array,
  question: number,
  round: number,
): void {
  if (!isLayered(exam) || kind !== "vector" || round <= exam.weights.learnedRound) return;
  exam.learnWeights(levels, question);
  exam.weights.learnedRound = round;
}

export function createLayeredExam(spec: ExamSpec, mask?: Uint8Array | null): LayeredExam {
  const m = spec.students;
  if (m < 2) throw new RangeError("the layered exam needs at least 2 students");
  const active = activeSeats(m, mask);
  const q = Math.min(spec.outputs ?? Math.max(1, Math.round(m / 5)), m - 1);
  const m1 = m - q;
  const rng = createRng(deriveSeed(spec.seed, "exam:layered"));
  // The drawn weights: the teacher the key is made with, and where the class's own weights start.
  const teacher = uniformMatrix(rng, q * m1);
  const randomPath = uniformMatrix(createRng(deriveSeed(spec.seed, "exam:layered:alignment")), q * m1);
  const c = 2 / Math.sqrt(Math.max(1, countActive(active.subarray(0, m1))));
  const hidden = new Float64Array(m * spec.questions);
  for (let i = 0; i < hidden.length; i++) hidden[i] = nextFloat(rng);
  const solutions = maskedSolutions(hidden, active);

  const pre = new Float64Array(q);
  const out = new Float64Array(q);
  const delta = new Float64Array(q);
  function forward(w: Float64Array, levels: Float64Array, p: Float64Array, u: Float64Array): void {
    for (let k = 0; k < q; k++) {
      const row = k * m1;
      let s = 0;
      for (let j = 0; j < m1; j++) s += w[row + j] * (levels[j] - 0.5);
      p[k] = levels[m1 + k] - 0.5 + c * s;
      u[k] = phi(p[k]);
    }
  }
  const keys = new Float64Array(q * spec.questions);
  for (let k = 0; k < spec.questions; k++)
    forward(teacher, solutions.subarray(k * m, k * m + m), pre, keys.subarray(k * q));

  // Gauss–Newton curvature at the first question's key: J_k = φ'(p_k) [c W_k, e_k], λ = (2/Q) λmax(J Jᵀ).
  // It is the drawn weights' (not the learned ones'), so the students' rates stay put while W learns.
  forward(teacher, solutions.subarray(0, m), pre, out);
  const jj = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let s = a === b ? 1 : 0;
      for (let j = 0; j < m1; j++) s += c * c * teacher[a * m1 + j] * teacher[b * m1 + j];
      jj[a * q + b] = phiPrime(pre[a]) * phiPrime(pre[b]) * s;
    }
  }
  const curvature = (2 / q) * largestEigenvalue(jj, q);
  const weights: LayeredWeights = { values: teacher, learnedRound: 0 };
  const w = weights.values;

  /** Forward pass with the learned weights; fills δ and returns E. */
  function errorAndDelta(levels: Float64Array, question: number): number {
    forward(w, levels, pre, out);
    let sum = 0;
    for (let k = 0; k < q; k++) {
      const r = out[k] - keys[question * q + k];
      sum += r * r;
      delta[k] = (2 / q) * r * phiPrime(pre[k]);
    }
    return sum / q;
  }

  return {
    spec,
    kind: "layered",
    students: m,
    questions: spec.questions,
    outputs: q,
    curvature,
    startLevel: 0.5,
    activeCount: countActive(active),
    firstLayer: m1,
    weights,
    feedback: randomPath,
    evaluate(levels, question, credit, answer, path) {
      const e = errorAndDelta(levels, question);
      if (credit) {
        const back = path === "random" ? randomPath : w;
        credit.fill(0, 0, m1);
        for (let k = 0; k < q; k++) {
          const ck = c * delta[k];
          const row = k * m1;
          for (let j = 0; j < m1; j++) credit[j] += ck * back[row + j];
          credit[m1 + k] = delta[k];
        }
      }
      if (answer) answer.set(out);
      return e;
    },
    learnWeights(levels, question) {
      const e = errorAndDelta(levels, question);
      let power = 0;
      for (let j = 0; j < m1; j++) power += (levels[j] - 0.5) * (levels[j] - 0.5);
      // ∂E/∂W_kj = c δ_k (x_j − ½), scaled by 1/(c²(1 + power)) (the delta rule normalised by the input's
      // power, NLMS): output k then moves by −(η_W/λ) δ_k · power/(1 + power), never more than η_W times
      // its own second-layer student's step at rate 1, however the class spreads its levels.
      const gain = WEIGHT_RATE / (curvature * c * (1 + power));
      for (let k = 0; k < q; k++) {
        const dk = gain * delta[k];
        const row = k * m1;
        for (let j = 0; j < m1; j++) w[row + j] -= dk * (levels[j] - 0.5);
      }
      return e;
    },
    key: (question) => keys.subarray(question * q, question * q + q),
    targetOf: () => null,
    // The drawn weights' solution: exact until W has learned; the second layer can still reach the key after.
    solution: (question) => solutions.slice(question * m, question * m + m),
  };
}
