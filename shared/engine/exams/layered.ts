/**
 * `layered`: two layers of students with a nonlinearity. The first M₁ students feed the last Q through fixed
 * weights W; second-layer student k answers u_k = φ(p_k) with
 *   p_k = (x_{M₁+k} − ½) + (2/√M₁) Σ_j W_kj (x_j − ½),   φ(z) = ½ + ½ z / (1 + |z|)
 * (M₁ in the scale: the active first-layer seats).
 * φ is a rational sigmoid rather than tanh so that every engine computes it to the same bits.
 * E = (1/Q) Σ_k (u_k − u*_k)². The backward pass traces the error through both layers:
 * δ_k = (2/Q) r_k φ'(p_k); the second layer's credit is δ_k, the first layer's (2/√M₁) Σ_k W_kj δ_k.
 */
import { activeSeats, countActive, type Exam, type ExamSpec, maskedSolutions } from "../exam.ts";
import { largestEigenvalue } from "../linalg.ts";
import { createRng, deriveSeed, nextFloat, type RngState } from "../random.ts";

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

export function createLayeredExam(spec: ExamSpec, mask?: Uint8Array | null): Exam {
  const m = spec.students;
  if (m < 2) throw new RangeError("the layered exam needs at least 2 students");
  const active = activeSeats(m, mask);
  const q = Math.min(spec.outputs ?? Math.max(1, Math.round(m / 5)), m - 1);
  const m1 = m - q;
  const rng = createRng(deriveSeed(spec.seed, "exam:layered"));
  const weights = uniformMatrix(rng, q * m1);
  const randomPath = uniformMatrix(createRng(deriveSeed(spec.seed, "exam:layered:alignment")), q * m1);
  const c = 2 / Math.sqrt(Math.max(1, countActive(active.subarray(0, m1))));
  const hidden = new Float64Array(m * spec.questions);
  for (let i = 0; i < hidden.length; i++) hidden[i] = nextFloat(rng);
  const solutions = maskedSolutions(hidden, active);

  const pre = new Float64Array(q);
  const out = new Float64Array(q);
  const delta = new Float64Array(q);
  function forward(levels: Float64Array, p: Float64Array, u: Float64Array): void {
    for (let k = 0; k < q; k++) {
      const row = k * m1;
      let s = 0;
      for (let j = 0; j < m1; j++) s += weights[row + j] * (levels[j] - 0.5);
      p[k] = levels[m1 + k] - 0.5 + c * s;
      u[k] = phi(p[k]);
    }
  }
  const keys = new Float64Array(q * spec.questions);
  for (let k = 0; k < spec.questions; k++)
    forward(solutions.subarray(k * m, k * m + m), pre, keys.subarray(k * q));

  // Gauss–Newton curvature at the first question's key: J_k = φ'(p_k) [c W_k, e_k], λ = (2/Q) λmax(J Jᵀ).
  forward(solutions.subarray(0, m), pre, out);
  const jj = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let s = a === b ? 1 : 0;
      for (let j = 0; j < m1; j++) s += c * c * weights[a * m1 + j] * weights[b * m1 + j];
      jj[a * q + b] = phiPrime(pre[a]) * phiPrime(pre[b]) * s;
    }
  }
  const curvature = (2 / q) * largestEigenvalue(jj, q);

  return {
    spec,
    kind: "layered",
    students: m,
    questions: spec.questions,
    outputs: q,
    curvature,
    startLevel: 0.5,
    activeCount: countActive(active),
    evaluate(levels, question, credit, answer, path) {
      forward(levels, pre, out);
      let sum = 0;
      for (let k = 0; k < q; k++) {
        const r = out[k] - keys[question * q + k];
        sum += r * r;
        delta[k] = (2 / q) * r * phiPrime(pre[k]);
      }
      if (credit) {
        const back = path === "random" ? randomPath : weights;
        credit.fill(0, 0, m1);
        for (let k = 0; k < q; k++) {
          const w = c * delta[k];
          const row = k * m1;
          for (let j = 0; j < m1; j++) credit[j] += w * back[row + j];
          credit[m1 + k] = delta[k];
        }
      }
      if (answer) answer.set(out);
      return sum / q;
    },
    key: (question) => keys.subarray(question * q, question * q + q),
    targetOf: () => null,
    solution: (question) => solutions.slice(question * m, question * m + m),
  };
}
