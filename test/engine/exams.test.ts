import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classScore, createExam, EXAM_KINDS, type Exam, type ExamKind } from "../../shared/engine/index.ts";

function levelsFor(exam: Exam, values: readonly number[]): Float64Array {
  const x = new Float64Array(exam.students);
  for (let i = 0; i < x.length; i++) x[i] = values[i % values.length];
  return x;
}

/** Central finite differences of E, student by student. */
function numericCredit(exam: Exam, x: Float64Array, question: number): Float64Array {
  const h = 1e-6;
  const g = new Float64Array(x.length);
  const probe = new Float64Array(x);
  for (let i = 0; i < x.length; i++) {
    probe[i] = x[i] + h;
    const up = exam.evaluate(probe, question, null, null, "true");
    probe[i] = x[i] - h;
    const down = exam.evaluate(probe, question, null, null, "true");
    probe[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

const examArb = fc.record({
  kind: fc.constantFrom<ExamKind>(...EXAM_KINDS),
  students: fc.integer({ min: 2, max: 40 }),
  questions: fc.integer({ min: 1, max: 3 }),
  outputs: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});

describe("each exam's backward pass", () => {
  it("matches finite differences of the class error, for every exam, size, question and levels", () => {
    fc.assert(
      fc.property(
        examArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (spec, values) => {
          const exam = createExam(spec);
          const x = levelsFor(exam, values);
          const question = spec.questions - 1;
          const credit = new Float64Array(exam.students);
          exam.evaluate(x, question, credit, null, "true");
          const numeric = numericCredit(exam, x, question);
          for (let i = 0; i < x.length; i++) expect(credit[i]).toBeCloseTo(numeric[i], 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sends the error back through a different matrix on the random path where there is a hidden path", () => {
    for (const kind of ["readout", "layered"] as const) {
      const exam = createExam({ kind, students: 30, questions: 1, seed: 9 });
      const x = levelsFor(exam, [0.2, 0.9, 0.4]);
      const trueCredit = new Float64Array(30);
      const randomCredit = new Float64Array(30);
      const e1 = exam.evaluate(x, 0, trueCredit, null, "true");
      const e2 = exam.evaluate(x, 0, randomCredit, null, "random");
      expect(e2).toBe(e1);
      expect(Array.from(randomCredit)).not.toEqual(Array.from(trueCredit));
    }
  });
});

/** Every exam but the one built to have a key past the slider's ends (its floor: unreachable.test.ts). */
const REACHABLE = EXAM_KINDS.filter((k) => k !== "unreachable");

describe("the exams", () => {
  it("have a reachable key: their solution scores 100 and a zero class error", () => {
    for (const kind of REACHABLE) {
      const exam = createExam({ kind, students: 25, questions: 2, seed: 4 });
      for (let q = 0; q < 2; q++) {
        const e = exam.evaluate(exam.solution(q), q, null, null, "true");
        expect(e).toBeLessThan(1e-28);
        expect(classScore(e)).toBe(100);
      }
    }
  });

  it("write the class answer: the levels for independent, the outputs for readout and layered", () => {
    for (const kind of REACHABLE) {
      const exam = createExam({ kind, students: 20, questions: 1, outputs: 3, seed: 2 });
      const answer = new Float64Array(exam.outputs);
      const x = exam.solution(0);
      exam.evaluate(x, 0, null, answer, "true");
      expect(Array.from(answer)).toEqual(Array.from(exam.key(0)));
    }
    expect(createExam({ kind: "independent", students: 7, questions: 1, seed: 1 }).outputs).toBe(7);
    expect(createExam({ kind: "readout", students: 7, questions: 1, seed: 1 }).outputs).toBe(2);
    expect(createExam({ kind: "layered", students: 50, questions: 1, seed: 1 }).outputs).toBe(10);
  });

  it("give each student a hidden target only where the exam has one", () => {
    const ind = createExam({ kind: "independent", students: 5, questions: 2, seed: 3 });
    expect(ind.targetOf(4, 1)).toBe(ind.key(1)[4]);
    expect(createExam({ kind: "readout", students: 5, questions: 1, seed: 3 }).targetOf(0, 0)).toBeNull();
  });

  it("differ from one seed to another and repeat for the same seed", () => {
    for (const kind of EXAM_KINDS) {
      const a = createExam({ kind, students: 12, questions: 1, seed: 1 });
      const b = createExam({ kind, students: 12, questions: 1, seed: 1 });
      const c = createExam({ kind, students: 12, questions: 1, seed: 2 });
      expect(Array.from(a.key(0))).toEqual(Array.from(b.key(0)));
      expect(Array.from(a.key(0))).not.toEqual(Array.from(c.key(0)));
    }
  });

  it("reject impossible specs with a clear error", () => {
    expect(() => createExam({ kind: "independent", students: 0, questions: 1, seed: 1 })).toThrow(/students/);
    expect(() => createExam({ kind: "independent", students: 3, questions: 0, seed: 1 })).toThrow(
      /questions/,
    );
    expect(() => createExam({ kind: "layered", students: 1, questions: 1, seed: 1 })).toThrow(/2 students/);
    expect(() => createExam({ kind: "readout", students: 3, questions: 1, outputs: 1.5, seed: 1 })).toThrow(
      /outputs/,
    );
  });

  it("score 0 for a class as wrong as a random one and 100 for the key", () => {
    expect(classScore(0)).toBe(100);
    expect(classScore(1 / 6)).toBeCloseTo(0, 10);
    expect(classScore(5)).toBe(0);
    expect(classScore(1 / 24)).toBeCloseTo(50, 10);
  });
});
