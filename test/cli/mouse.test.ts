import { describe, expect, it } from "vitest";
import { mouseNotes, mouseStretches, mouseTable, parseMouseArgs } from "../../server/cli/mouseReport.ts";
import { MOUSE_DEFAULTS, runMouse } from "../../shared/engine/mouseRun.ts";

describe("the mouse experiment's command line", () => {
  it("reads its flags, with the defaults where a flag is absent", () => {
    const a = parseMouseArgs([]);
    expect(a.ok && a.spec).toMatchObject({ ...MOUSE_DEFAULTS, human: null });
    const b = parseMouseArgs([
      "--students",
      "9",
      "--block",
      "pull",
      "--block-from",
      "4",
      "--block-until",
      "6",
      "--rate",
      "0.3",
      "--human",
      "--json",
    ]);
    expect(b.ok && b.spec).toMatchObject({
      students: 9,
      block: "pull",
      blockFrom: 4,
      blockUntil: 6,
      rate: 0.3,
    });
    expect(b.ok && b.json).toBe(true);
    expect(b.ok && b.spec.human).not.toBeNull();
  });

  it("refuses bad values with a sentence that names the flag", () => {
    const bad = (argv: string[]) => {
      const r = parseMouseArgs(argv);
      return r.ok ? "" : r.error;
    };
    expect(bad(["--block", "nobody"])).toMatch(/--block must be everyone, push or pull/);
    expect(bad(["--students", "1"])).toMatch(/--students must be at least 2/);
    expect(bad(["--block-from", "8", "--block-until", "3"])).toMatch(/--block-until must be at least 8/);
    expect(bad(["--rate", "2"])).toMatch(/--rate must be between 0 and 1/);
    expect(bad(["--nonsense"])).toMatch(/nonsense/);
  });

  it("prints one line a round with the angle, the target, the error and who was blocked", () => {
    const rows = runMouse(MOUSE_DEFAULTS);
    const lines = mouseTable(rows).split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toMatch(/^\s+1\s+90\.0°\s+\d+\.\d°/);
    expect(lines[MOUSE_DEFAULTS.blockFrom]).toMatch(/everyone/);
    expect(lines[MOUSE_DEFAULTS.blockUntil + 1]).toMatch(/\bno\b/);
  });

  it("says the grating stood still through the block only when it did", () => {
    const spec = MOUSE_DEFAULTS;
    const exact = mouseNotes(runMouse(spec), spec);
    expect(exact.join(" ")).toMatch(/stood still/);
    expect(exact[1]).toMatch(/opposite signs/);
    const human = {
      ...spec,
      human: parseMouseArgs(["--human"]).ok ? { imprecision: 0.02, sliderStep: 0.01, skipRate: 0.1 } : null,
    };
    const slipping = mouseNotes(runMouse(human), human).join(" ");
    expect(slipping).not.toMatch(/stood still/);
    expect(slipping).toMatch(/slips, not learning/);
    const pull = { ...spec, block: "pull" as const };
    const s = mouseStretches(runMouse(pull), pull);
    expect(s.during).toBeGreaterThan(0);
    expect(mouseNotes(runMouse(pull), pull)[2]).toMatch(/push population still learned/);
    expect(mouseNotes(runMouse(pull), pull)[2]).toMatch(/at \d+ % of the whole class's fall/);
  });

  it("gives a blocked population's share of the fall only where some rounds had every signal", () => {
    const spec = {
      ...MOUSE_DEFAULTS,
      block: "push" as const,
      blockFrom: 1,
      blockUntil: MOUSE_DEFAULTS.rounds,
    };
    const note = mouseNotes(runMouse(spec), spec)[2];
    expect(note).toMatch(/pull population still learned/);
    expect(note).toMatch(/no round with every signal to compare it with/);
    expect(note).not.toMatch(/NaN/);
  });
});
