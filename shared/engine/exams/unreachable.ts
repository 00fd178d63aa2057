/**
 * `unreachable`: the `independent` exam with a key the slider cannot reach. Every student has a hidden
 * target, drawn from [−¼, 1¼] instead of [0, 1], so about a third of the targets lie past an end of the
 * slider. The best the class can do is every level at its target clipped to [0, 1], which leaves an error
 * floor E_min = (1/M) Σ (t_i − clip(t_i))² that no scheme removes.
 *
 * Why it matters (Hiratani, Mehta, Lillicrap & Latham, NeurIPS 2022): at a reachable key, node
 * perturbation's estimate of the credit shrinks with the error and the class settles on its key; here the
 * students held at an end of the slider keep a credit that does not vanish, and the change of the class
 * error they cause adds noise to everyone's estimate. Measured (test/engine/unreachableDrift.test.ts), the
 * class settles on a plateau above its floor and stays there: levels held in [0, 1], each its own answer,
 * are pulled back toward the key as fast as that noise pushes them away, so there is no room for the weight
 * diffusion that makes Hiratani et al.'s networks drift.
 *
 * E = (1/M) Σ (x_i − t_i)², g_i = 2 (x_i − t_i)/M, as in `independent`; curvature 2/M.
 */
import { activeSeats, countActive, type Exam, type ExamSpec, maskedSolutions } from "../exam.ts";
import { createRng, deriveSeed, nextFloat } from "../random.ts";

/** How far past each end of the slider the targets reach. */
export const OVERREACH = 0.25;

const clip01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

export function createUnreachableExam(spec: ExamSpec, mask?: Uint8Array | null): Exam {
  const m = spec.students;
  const active = activeSeats(m, mask);
  const n = Math.max(1, countActive(active));
  const hidden = new Float64Array(m * spec.questions);
  const rng = createRng(deriveSeed(spec.seed, "exam:unreachable"));
  for (let i = 0; i < hidden.length; i++) hidden[i] = -OVERREACH + (1 + 2 * OVERREACH) * nextFloat(rng);
  // An inactive seat's target is ½, where it sits, as in `independent`.
  const targets = maskedSolutions(hidden, active);
  const best = targets.map(clip01);
  const twoOverM = 2 / n;

  return {
    spec,
    kind: "unreachable",
    students: m,
    questions: spec.questions,
    outputs: m,
    curvature: twoOverM,
    startLevel: 0.5,
    activeCount: n,
    evaluate(levels, question, credit, answer) {
      const t = targets.subarray(question * m, question * m + m);
      let sum = 0;
      for (let i = 0; i < m; i++) {
        const e = levels[i] - t[i];
        sum += e * e;
        if (credit) credit[i] = twoOverM * e;
      }
      if (answer) answer.set(levels.subarray(0, m));
      return sum / n;
    },
    key: (question) => targets.subarray(question * m, question * m + m),
    targetOf: (student, question) => hidden[question * m + student],
    // Not a perfect answer here: the best levels there are, each target clipped to the slider.
    solution: (question) => best.slice(question * m, question * m + m),
  };
}

/** The class error of the best levels there are: what no scheme can remove. */
export function errorFloor(exam: Exam, question = 0): number {
  return exam.evaluate(exam.solution(question), question, null, null, "true");
}
