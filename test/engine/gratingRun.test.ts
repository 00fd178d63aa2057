import { describe, expect, it } from "vitest";
import { HUMAN_LIKE } from "../../shared/engine/bots.ts";
import { checksum } from "../../shared/engine/checksum.ts";
import { fallPerRound, MOUSE_DEFAULTS, type MouseRunSpec, runMouse } from "../../shared/engine/mouseRun.ts";

const run = (over: Partial<MouseRunSpec> = {}) => runMouse({ ...MOUSE_DEFAULTS, ...over });
/** The fall on round r (index r − 1) comes from the signals after round r − 1. */
const fallsOf = (spec: MouseRunSpec) => {
  const fall = fallPerRound(runMouse(spec));
  return {
    before: fall.slice(1, spec.blockFrom),
    during: fall.slice(spec.blockFrom, spec.blockUntil + 1),
    after: fall.slice(spec.blockUntil + 1),
  };
};

describe("the mouse experiment with bots", () => {
  it("stops learning while everyone's signals are blocked and learns again once they are given back", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const students of [8, 9, 10]) {
        const spec = { ...MOUSE_DEFAULTS, seed, students };
        const { before, during, after } = fallsOf(spec);
        for (const f of during) expect(Math.abs(f)).toBeLessThan(1e-12);
        for (const f of [...before, ...after]) expect(f).toBeGreaterThan(0.1);
        // Unblocked, the class falls at the same rate as before the block: learning restarts, not a new lesson.
        expect(after[0]).toBeCloseTo(before[0], 6);
      }
    }
  });

  it("keeps learning, more slowly, with one population blocked: the other turns the grating alone", () => {
    for (const block of ["push", "pull"] as const)
      for (const seed of [1, 2, 3]) {
        const { before, during, after } = fallsOf({ ...MOUSE_DEFAULTS, seed, students: 9, block });
        for (const f of during) {
          expect(f).toBeGreaterThan(0.02);
          expect(f).toBeLessThan(0.8 * before[0]);
        }
        expect(after[0]).toBeCloseTo(before[0], 6);
      }
  });

  it("gives the push and the pull members' mean signals opposite signs every round, none while blocked", () => {
    const rows = run({ seed: 7 });
    for (const r of rows) {
      if (r.blocked === "everyone") {
        expect(Number.isNaN(r.pushSignal) && Number.isNaN(r.pullSignal)).toBe(true);
        continue;
      }
      expect(Math.sign(r.pushSignal)).toBe(Math.sign(r.target - r.angle) || Math.sign(r.pushSignal));
      expect(r.pushSignal * r.pullSignal).toBeLessThan(0);
    }
  });

  it("holds the angle still through the block and brings it closer to the target after", () => {
    const rows = run({ seed: 3 });
    const { blockFrom, blockUntil } = MOUSE_DEFAULTS;
    const held = rows.slice(blockFrom, blockUntil + 1).map((r) => r.angle);
    expect(new Set(held).size).toBe(1);
    const gap = (k: number) => Math.abs(rows[k].angle - rows[k].target);
    expect(gap(rows.length - 1)).toBeLessThan(gap(blockUntil));
    expect(gap(blockFrom - 1)).toBeLessThan(gap(0));
  });

  it("is the same run for the same seed, bit for bit, and another run for another seed (human-like too)", () => {
    for (const human of [null, HUMAN_LIKE]) {
      const errors = (seed: number) => Float64Array.from(run({ seed, human }).map((r) => r.error));
      expect(checksum(errors(11))).toBe(checksum(errors(11)));
      expect(run({ seed: 11, human })).toEqual(run({ seed: 11, human }));
      expect(checksum(errors(11))).not.toBe(checksum(errors(12)));
    }
  });
});
