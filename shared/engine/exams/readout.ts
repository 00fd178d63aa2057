/**
 * `readout`: the brain–computer-interface task. A hidden decoder D (Q×M) gives every student a push (+1) or
 * pull (−1) role on each of the Q outputs: y_q = ½ + (1/√M) Σ_i D_qi (x_i − ½) (M: the active seats). The key is a reachable
 * point y* = y(x*) for hidden levels x*. E = (1/Q) Σ_q (y_q − y*_q)², so g_i = (2/Q)(1/√M) Σ_q D_qi r_q.
 * With Q small, a scalar can steer: the gap between the schemes shrinks toward Q. A student's push or
 * pull role is what makes its signal's sign differ from its neighbour's (the paper's opposite signals).
 */
import { activeSeats, countActive, type Exam, type ExamSpec, maskedSolutions } from "../exam.ts";
import { createRng, deriveSeed, nextFloat, nextSign, type RngState } from "../random.ts";

function signMatrix(rng: RngState, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = nextSign(rng);
  return a;
}

export function createReadoutExam(spec: ExamSpec, mask?: Uint8Array | null): Exam {
  const m = spec.students;
  const active = activeSeats(m, mask);
  const n = Math.max(1, countActive(active));
  const q = spec.outputs ?? 2;
  const rng = createRng(deriveSeed(spec.seed, "exam:readout"));
  const decoder = signMatrix(rng, q * m);
  const scale = 1 / Math.sqrt(n);
  const hidden = new Float64Array(m * spec.questions);
  for (let i = 0; i < hidden.length; i++) hidden[i] = nextFloat(rng);
  const solutions = maskedSolutions(hidden, active);
  const randomPath = signMatrix(createRng(deriveSeed(spec.seed, "exam:readout:alignment")), q * m);

  const out = new Float64Array(q);
  const residual = new Float64Array(q);
  function forward(levels: Float64Array, y: Float64Array): void {
    for (let o = 0; o < q; o++) {
      const row = o * m;
      let s = 0;
      for (let i = 0; i < m; i++) s += decoder[row + i] * (levels[i] - 0.5);
      y[o] = 0.5 + scale * s;
    }
  }
  const keys = new Float64Array(q * spec.questions);
  for (let k = 0; k < spec.questions; k++)
    forward(solutions.subarray(k * m, k * m + m), keys.subarray(k * q));
  // The curvature is (2/Q)·λmax(JJᵀ) with J = D/√M. Its expected top, the Marchenko–Pastur edge
  // (1 + √(Q/M))², is used rather than this decoder's own, so that one rate suits every seed alike;
  // the decoder's own top stays below twice the edge, where steps would overshoot.
  const edge = 1 + Math.sqrt(q / n);
  const curvature = (2 / q) * edge * edge;

  return {
    spec,
    kind: "readout",
    students: m,
    questions: spec.questions,
    outputs: q,
    curvature,
    startLevel: 0.5,
    activeCount: n,
    evaluate(levels, question, credit, answer, path) {
      forward(levels, out);
      let sum = 0;
      for (let o = 0; o < q; o++) {
        const r = out[o] - keys[question * q + o];
        residual[o] = r;
        sum += r * r;
      }
      if (credit) {
        const back = path === "random" ? randomPath : decoder;
        const c = (2 / q) * scale;
        credit.fill(0, 0, m);
        for (let o = 0; o < q; o++) {
          const w = c * residual[o];
          const row = o * m;
          for (let i = 0; i < m; i++) credit[i] += w * back[row + i];
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
