/**
 * The new-session presets: each fills the form with values the server accepts, says what it does, and
 * the first-class preset is the one the issue asks for (“Good job” first, 30 s rounds, 10 bots, the class
 * waiting for the teacher after each round).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, DEFAULT_FORM, PRESETS } from "../../client/src/teacher/presets.ts";
import { CLASSROOM_EXAMS } from "../../shared/engine/exam.ts";
import { SessionConfig } from "../../shared/protocol/session.ts";

describe("the new-session presets", () => {
  it("each gives a configuration the server's own schema accepts", () => {
    for (const preset of [{ id: "default", values: DEFAULT_FORM }, ...PRESETS]) {
      const parsed = SessionConfig.safeParse(configOf(preset.values));
      expect(parsed.success, `${preset.id}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("opens the form with the class waiting for the teacher, the 90 % criterion and a twin that plays like people", () => {
    const config = SessionConfig.parse(configOf(DEFAULT_FORM));
    expect(config).toMatchObject({ autoAdvance: false, endAtCriterion: true, twinLikePeople: true });
  });

  it("has a first-class preset: “Good job” first, 30 s rounds, 10 bots, the teacher opening each round", () => {
    const first = PRESETS.find((p) => p.id === "first-class");
    expect(first?.name).toBe("First class: 20 minutes, “Good job” then personal signals");
    expect(first?.values).toMatchObject({
      scheme: { name: "global" },
      roundSeconds: 30,
      bots: 10,
      autoAdvance: false,
      // The personal rounds after the class gets there are the lesson: the teacher ends the session.
      endAtCriterion: false,
    });
    // The switch is the teacher's, live: the preset says when.
    expect(first?.description).toContain("after round 10");
    // 30 rounds of 30 s with about 10 s of talk after each: 20 minutes.
    expect(((first?.values.maxRounds ?? 0) * ((first?.values.roundSeconds ?? 0) + 10)) / 60).toBe(20);
  });

  it("has a lecture hall for 200 students and a bots-only demo, each saying what it does", () => {
    const hall = PRESETS.find((p) => p.id === "lecture-hall");
    expect(hall?.values.maxStudents).toBeGreaterThanOrEqual(200);
    const demo = PRESETS.find((p) => p.id === "bots-only");
    expect(demo?.values.bots).toBeGreaterThan(0);
    expect(demo?.values.autoAdvance).toBe(true);
    for (const p of PRESETS) {
      expect(p.description.length).toBeGreaterThan(40);
      expect(new Set(PRESETS.map((q) => q.id)).size).toBe(PRESETS.length);
    }
  });

  it("leaves the outputs out for the exam that has none, and sends them for the others", () => {
    expect(configOf({ ...DEFAULT_FORM, outputs: 3 })).not.toHaveProperty("outputs");
    expect(configOf({ ...DEFAULT_FORM, exam: "readout", outputs: 3 })).toMatchObject({ outputs: 3 });
    expect(configOf({ ...DEFAULT_FORM, exam: "readout", outputs: null })).not.toHaveProperty("outputs");
  });

  it("has the mouse experiment on the grating exam, every signal blocked at the start and the teacher ending it", () => {
    const mouse = PRESETS.find((p) => p.id === "mouse");
    expect(mouse?.name).toBe("The mouse experiment: block the neurons' signals");
    expect(mouse?.values).toMatchObject({
      exam: "grating",
      questions: 1,
      scheme: { name: "blocked", blockedFraction: 1 },
      autoAdvance: false,
      endAtCriterion: false,
      standIns: true,
    });
    // Two populations of 4 or 5, as in the experiment: students and bots together fill 10 seats.
    expect((mouse?.values.maxStudents ?? 0) + (mouse?.values.bots ?? 0)).toBe(10);
    const config = SessionConfig.parse(configOf(mouse?.values ?? DEFAULT_FORM));
    expect(config.exam).toBe("grating");
    expect(mouse?.description).toContain("Unblock after round 2");
  });

  it("never sends outputs for the grating, whose one output is the angle", () => {
    expect(configOf({ ...DEFAULT_FORM, exam: "grating", outputs: 3 })).not.toHaveProperty("outputs");
  });

  it("offers every classroom exam in the page's exam list, so each preset's exam can be chosen", () => {
    const html = readFileSync(resolve(import.meta.dirname, "../../client/teacher.html"), "utf8");
    const select = /<select id="exam"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    const values = [...select.matchAll(/<option value="([a-z]+)"/g)].map((m) => m[1]);
    expect(values).toEqual([...CLASSROOM_EXAMS]);
    for (const preset of PRESETS) expect(values).toContain(preset.values.exam);
  });
});
