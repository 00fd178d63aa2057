/**
 * `independent`: every student has a hidden target and the class answer is every student's level.
 * E = (1/M) Σ (x_i − t_i)², so g_i = 2 (x_i − t_i) / M (M: the active seats). Every student is an output: there is no hidden path,
 * so a random feedback path changes nothing here.
 */
import { activeSeats, countActive, type Exam, type ExamSpec, maskedSolutions } from "../exam.ts";
import { createRng, deriveSeed, nextFloat } from "../random.ts";

export function createIndependentExam(spec: ExamSpec, mask?: Uint8Array | null): Exam {
  const m = spec.students;
  const active = activeSeats(m, mask);
  const n = Math.max(1, countActive(active));
  const hidden = new Float64Array(m * spec.questions);
  const rng = createRng(deriveSeed(spec.seed, "exam:independent"));
  for (let i = 0; i < hidden.length; i++) hidden[i] = nextFloat(rng);
  // An inactive seat's target is ½, where it sits: its error is zero and E averages over the active seats.
  const targets = maskedSolutions(hidden, active);
  const invM = 1 / n;
  const twoOverM = 2 / n;

  return {
    spec,
    kind: "independent",
    students: m,
    questions: spec.questions,
    outputs: m,
    curvature: twoOverM,
    startLevel: 0.5,
    activeCount: n,
    evaluate(levels, question, credit, answer) {
      const t = targets.subarray(question * m, question * m + m);
      let sum = 0;
      if (credit) {
        for (let i = 0; i < m; i++) {
          const e = levels[i] - t[i];
          sum += e * e;
          credit[i] = twoOverM * e;
        }
      } else {
        for (let i = 0; i < m; i++) {
          const e = levels[i] - t[i];
          sum += e * e;
        }
      }
      if (answer) answer.set(levels.subarray(0, m));
      return sum * invM;
    },
    key: (question) => targets.subarray(question * m, question * m + m),
    targetOf: (student, question) => hidden[question * m + student],
    solution: (question) => targets.slice(question * m, question * m + m),
  };
}
