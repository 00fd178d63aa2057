/**
 * `independent`: every student has a hidden target and the class answer is every student's level.
 * E = (1/M) Σ (x_i − t_i)², so g_i = 2 (x_i − t_i) / M. Every student is an output: there is no hidden path,
 * so a random feedback path changes nothing here.
 */
import type { Exam, ExamSpec } from "../exam.ts";
import { createRng, deriveSeed, nextFloat } from "../random.ts";

export function createIndependentExam(spec: ExamSpec): Exam {
  const m = spec.students;
  const targets = new Float64Array(m * spec.questions);
  const rng = createRng(deriveSeed(spec.seed, "exam:independent"));
  for (let i = 0; i < targets.length; i++) targets[i] = nextFloat(rng);
  const invM = 1 / m;
  const twoOverM = 2 / m;

  return {
    spec,
    kind: "independent",
    students: m,
    questions: spec.questions,
    outputs: m,
    curvature: twoOverM,
    startLevel: 0.5,
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
    targetOf: (student, question) => targets[question * m + student],
    solution: (question) => targets.slice(question * m, question * m + m),
  };
}
