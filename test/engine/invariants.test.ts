import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actBots,
  closeRound,
  createBotClass,
  defaultLearnerName,
  EXAM_KINDS,
  type ExamKind,
  feedbackFor,
  HUMAN_LIKE,
  LEARNERS,
  type LearnerName,
  learnBots,
  openRound,
  SCHEME_NAMES,
  type SchemeName,
  schemeConfig,
} from "../../shared/engine/index.ts";

const caseArb = fc
  .record({
    kind: fc.constantFrom<ExamKind>(...EXAM_KINDS),
    students: fc.integer({ min: 2, max: 30 }),
    questions: fc.integer({ min: 1, max: 3 }),
    scheme: fc.constantFrom<SchemeName>(...SCHEME_NAMES),
    scalarLearner: fc.constantFrom<LearnerName>("perturbation", "perturbation-gaussian", "keep-if-improved"),
    rate: fc.double({ min: 1e-4, max: 8, noNaN: true }),
    human: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    rounds: fc.integer({ min: 1, max: 25 }),
  })
  .filter((c) => !(c.scheme === "teams" && c.scalarLearner === "keep-if-improved"));

describe("engine invariants, for any exam, scheme, rule, rate and seed", () => {
  it("keeps every level in [0, 1], the class error finite and ≥ 0, the score in [0, 100], the feedback well-formed", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const scheme = schemeConfig(c.scheme);
        const vector = !["global", "teams"].includes(c.scheme);
        const learner = vector ? defaultLearnerName("vector", c.scheme) : c.scalarLearner;
        const bc = createBotClass({
          exam: { kind: c.kind, students: c.students, questions: c.questions, seed: c.seed },
          scheme,
          learner: { name: learner, rate: c.rate },
          human: c.human ? HUMAN_LIKE : null,
        });
        expect(LEARNERS[learner].reads).toContain(bc.cls.scheme.kind);
        for (let r = 0; r < c.rounds; r++) {
          openRound(bc.cls);
          actBots(bc.squad, bc.cls);
          const result = closeRound(bc.cls);
          learnBots(bc.squad, bc.cls, result);
          expect(Number.isFinite(result.classError) && result.classError >= 0).toBe(true);
          expect(result.score >= 0 && result.score <= 100).toBe(true);
          for (let i = 0; i < c.students; i++) {
            const f = feedbackFor(result, bc.cls.scheme, i);
            if (f.kind === "vector") expect(Number.isFinite(f.signal)).toBe(true);
            if (f.kind === "team") expect(Number.isFinite(f.teamError) && f.teamError >= 0).toBe(true);
            expect(f.round).toBe(r + 1);
          }
        }
        for (const v of bc.cls.levels) expect(v >= 0 && v <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
