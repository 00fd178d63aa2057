import { describe, expect, it } from "vitest";
import { actBots, createSquad, firstStudents, learnBots } from "../../shared/engine/bots.ts";
import {
  closeRound,
  createClass,
  openRound,
  setSeatActive,
  submitLevel,
} from "../../shared/engine/classroom.ts";
import { ANGLE_SPAN, gratingRoles, TARGET_OFFSET } from "../../shared/engine/exams/grating.ts";
import { createExam } from "../../shared/engine/exams/index.ts";
import { feedbackFor } from "../../shared/engine/feedback.ts";
import { gratingFrame, setBlocking } from "../../shared/engine/mouse.ts";
import { createRng, nextFloat } from "../../shared/engine/random.ts";
import { alignmentOn } from "../../shared/engine/schemes.ts";

const spec = (students: number, seed: number) => ({ kind: "grating" as const, students, questions: 3, seed });

describe("the grating exam's two populations", () => {
  it("split the class into ⌈M/2⌉ pushers and ⌊M/2⌋ pullers, intermingled, the same for the same seed", () => {
    for (const m of [8, 9, 10, 31]) {
      const roles = gratingRoles(m, 5);
      expect(roles.filter((r) => r === 1).length).toBe(Math.ceil(m / 2));
      expect(roles.filter((r) => r === -1).length).toBe(Math.floor(m / 2));
      expect(Array.from(gratingRoles(m, 5))).toEqual(Array.from(roles));
    }
    // Intermingled: over seeds, the push seats are not always the first half.
    const firstHalf = (seed: number) =>
      Array.from(gratingRoles(10, seed).subarray(0, 5)).every((r) => r === 1);
    expect([1, 2, 3, 4, 5, 6].filter(firstHalf).length).toBeLessThan(6);
    expect(() => gratingRoles(1, 1)).toThrow(/2 students/);
  });

  it("give every member a signal with the sign of its role: push toward the target, pull away from it", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const cls = createClass({ exam: spec(9, seed), scheme: { name: "vectorized" } });
      const roles = gratingRoles(9, seed);
      const rng = createRng(seed);
      for (let round = 0; round < 6; round++) {
        openRound(cls, 0);
        for (let i = 0; i < 9; i++) submitLevel(cls, i, nextFloat(rng));
        const frame = gratingFrame(cls);
        const result = closeRound(cls);
        const towardTarget = Math.sign(frame.target - frame.angle);
        for (let i = 0; i < 9; i++) {
          const f = feedbackFor(result, cls.scheme, i);
          expect(f.kind).toBe("vector");
          if (f.kind === "vector") expect(Math.sign(f.signal)).toBe(roles[i] * towardTarget);
        }
      }
    }
  });

  it("start at 90° with a target 30° to 60° away that the class's solution reaches exactly", () => {
    for (const seed of [1, 2, 3]) {
      const exam = createExam(spec(10, seed));
      const answer = new Float64Array(1);
      for (let q = 0; q < 3; q++) {
        exam.evaluate(new Float64Array(10).fill(0.5), q, null, answer, "true");
        expect(ANGLE_SPAN * answer[0]).toBe(90);
        const away = Math.abs(ANGLE_SPAN * exam.key(q)[0] - 90);
        expect(away).toBeGreaterThanOrEqual(TARGET_OFFSET.min);
        expect(away).toBeLessThanOrEqual(TARGET_OFFSET.max);
        expect(exam.evaluate(exam.solution(q), q, null, null, "true")).toBe(0);
      }
    }
  });

  it("keep each seat's role and a reachable key when one population has nobody in play", () => {
    const roles = gratingRoles(8, 3);
    const cls = createClass({ exam: spec(8, 3), scheme: { name: "vectorized" } });
    for (let i = 0; i < 8; i++) if (roles[i] === -1) setSeatActive(cls, i, false);
    expect(Array.from(gratingFrame(cls).roles)).toEqual(Array.from(roles));
    expect(cls.exam.activeCount).toBe(4);
    for (let q = 0; q < 3; q++)
      expect(cls.exam.evaluate(cls.exam.solution(q), q, null, null, "true")).toBe(0);
  });

  it("bring the class onto the target in one round at rate 1 (the signal is a full Newton step)", () => {
    const cls = createClass({ exam: spec(10, 4), scheme: { name: "vectorized" } });
    const squad = createSquad(cls, {
      bots: firstStudents(10),
      learner: { name: "gradient", rate: 1 },
      seed: 4,
    });
    for (let r = 0; r < 2; r++) {
      openRound(cls, 0);
      actBots(squad, cls);
      learnBots(squad, cls, closeRound(cls));
    }
    expect(gratingFrame(cls, 0).error).toBeLessThan(1e-28);
  });

  it("say alignment is the same as vectorized: no error travels back through anyone", () => {
    expect(alignmentOn("grating")).toMatch(/same as vectorized/);
  });
});

describe("blocking the signals on the grating exam", () => {
  it("blocks exactly one population's seats, whose feedback is nothing, and is refused while a round is open", () => {
    const cls = createClass({ exam: spec(9, 2), scheme: { name: "vectorized" } });
    const roles = gratingRoles(9, 2);
    expect(setBlocking(cls, "pull")).toEqual({ ok: true });
    const frame = gratingFrame(cls);
    for (let i = 0; i < 9; i++) expect(frame.blocked[i]).toBe(roles[i] === -1 ? 1 : 0);
    openRound(cls, 0);
    submitLevel(cls, 0, 0.9);
    expect(setBlocking(cls, "none")).toEqual({ ok: false, error: "round-open" });
    const result = closeRound(cls);
    for (let i = 0; i < 9; i++)
      expect(feedbackFor(result, cls.scheme, i).kind).toBe(roles[i] === -1 ? "none" : "vector");
    expect(setBlocking(cls, "everyone")).toEqual({ ok: true });
    expect(Array.from(gratingFrame(cls).blocked)).toEqual(new Array(9).fill(1));
  });

  it("refuses a population's block on an exam that has no populations", () => {
    const cls = createClass({
      exam: { kind: "readout", students: 9, questions: 1, seed: 1 },
      scheme: { name: "vectorized" },
    });
    expect(() => setBlocking(cls, "push")).toThrow(/grating/);
    expect(setBlocking(cls, "everyone")).toEqual({ ok: true });
  });
});
