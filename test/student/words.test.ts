/**
 * The student page's words on plain data: the review line (the class waits for the teacher, or counts down
 * to an automatic next round), the reveal of the student's own key, and the scalar schemes' feedback, which
 * must say nothing that points up or down.
 */
import { describe, expect, it } from "vitest";
import { type RevealInput, revealWords } from "../../client/src/student/reveal.ts";
import { feedbackWords, nextRoundWords, phaseWords } from "../../client/src/student/words.ts";
import type { FeedbackMessage } from "../../shared/protocol/messages.ts";

const reveal = (patch: Partial<RevealInput>): ReturnType<typeof revealWords> =>
  revealWords({
    revealed: true,
    ended: true,
    key: 0.62,
    level: 0.58,
    exam: "independent",
    classScore: 87.4,
    population: null,
    ...patch,
  });

describe("the review line", () => {
  it("says the class waits for the teacher when rounds do not open by themselves", () => {
    expect(phaseWords("review", 3, true, true)).toBe(
      "Round 3 is over: your teacher will start the next round",
    );
    expect(phaseWords("review", 3, true, true, null)).toBe(
      "Round 3 is over: your teacher will start the next round",
    );
  });

  it("says what the class will hear next after the teacher's switch, as the wall does", () => {
    expect(phaseWords("review", 3, true, true, null, { name: "vectorized" })).toBe(
      "Round 3 is over: your teacher will start the next round, with personal signals",
    );
  });

  it("says whether the teacher's block is everyone's or one population's, never which population", () => {
    expect(phaseWords("review", 3, true, true, null, { name: "blocked", blockedFraction: 1 })).toBe(
      "Round 3 is over: your teacher will start the next round, with every personal signal blocked",
    );
    const one = phaseWords("review", 3, true, true, null, {
      name: "blocked",
      blockedFraction: 1,
      population: "pull",
    });
    expect(one).toBe(
      "Round 3 is over: your teacher will start the next round, with personal signals blocked for one population",
    );
    expect(one).not.toMatch(/push|pull/i);
  });

  it("counts down to an automatic next round in minutes and seconds, rounded up", () => {
    expect(phaseWords("review", 3, true, false, 6_200)).toBe("Round 3 is over: next round in 0:07");
    expect(nextRoundWords(7_000)).toBe("next round in 0:07");
    expect(nextRoundWords(65_000)).toBe("next round in 1:05");
    expect(nextRoundWords(1)).toBe("next round in 0:01");
  });

  it("says the round is opening once the countdown has run out, never a negative time", () => {
    expect(nextRoundWords(0)).toBe("the next round is opening");
    expect(nextRoundWords(-900)).toBe("the next round is opening");
  });

  it("keeps the other phases' words", () => {
    expect(phaseWords("lobby", 0, true, false)).toBe("Waiting for the teacher to start");
    expect(phaseWords("open", 2, true, false)).toBe("Round 2: move your level");
    expect(phaseWords("open", 2, false, false)).toBe("You play from the next round");
    expect(phaseWords("ended", 4, true, true, 5_000)).toBe("The session has ended");
    expect(phaseWords("paused", 4, true, false)).toBe("Paused by the teacher");
    expect(phaseWords("paused", 4, true, false, null, null, "restart")).toBe("Paused: the server restarted");
  });
});

describe("the reveal", () => {
  it("tells the student its own key, where it ended and how far apart they are", () => {
    const w = reveal({});
    expect(w).not.toBeNull();
    expect(`${w?.headline} ${w?.detail}`).toBe("Your key was 0.62. You ended at 0.58: 0.04 away.");
  });

  it("speaks in the present while the session goes on after the teacher's reveal", () => {
    const w = reveal({ ended: false, level: 0.7 });
    expect(`${w?.headline} ${w?.detail}`).toBe("Your key is 0.62. You are at 0.70: 0.08 away.");
  });

  it("measures the distance between the two numbers as shown, in hundredths", () => {
    // 0.6249 shows as 0.62; 0.58 is 0.04 below it on screen, whatever the third decimal.
    expect(reveal({ key: 0.6249, level: 0.58 })?.detail).toBe("You ended at 0.58: 0.04 away.");
    expect(reveal({ key: 0.3351, level: 0.9 })).toEqual({
      headline: "Your key was 0.34.",
      detail: "You ended at 0.90: 0.56 away.",
    });
  });

  it("says “right on it” when the student ended on its key", () => {
    expect(reveal({ key: 0.581, level: 0.58 })?.detail).toBe("You ended at 0.58: right on it.");
  });

  it("says nothing while the keys are hidden, whatever key it is handed", () => {
    expect(reveal({ revealed: false })).toBeNull();
    expect(reveal({ revealed: false, exam: "readout", key: null })).toBeNull();
  });

  it("waits for the key on the independent exam instead of claiming there is none", () => {
    expect(reveal({ key: null })).toBeNull();
  });

  it("on the grating tells the student its population only once the keys are out", () => {
    expect(reveal({ revealed: false, exam: "grating", key: null, population: "push" })).toBeNull();
    expect(reveal({ exam: "grating", key: null, population: "push" })).toEqual({
      headline: "Your neuron was in the push population: your activity turned the grating up.",
      detail: "The class ended with a score of 87 of 100.",
    });
    expect(reveal({ exam: "grating", key: null, population: "pull", ended: false })?.headline).toBe(
      "Your neuron is in the pull population: your activity turns the grating down.",
    );
  });

  it("on the grating without a population says how the two share the work, naming neither as the student's", () => {
    const w = reveal({ exam: "grating", key: null });
    expect(w?.headline).toBe(
      "On this exam one population of neurons turns the grating up and the other turns it down: no one holds a key of their own.",
    );
    expect(w?.headline).not.toMatch(/push|pull|your neuron/i);
    expect(w?.detail).toBe("The class ended with a score of 87 of 100.");
  });

  it("says plainly what the class achieved on exams where no one holds a key of their own", () => {
    expect(reveal({ key: null, exam: "readout" })).toEqual({
      headline: "On this exam the class answers together: no one holds a key of their own.",
      detail: "The class ended with a score of 87 of 100.",
    });
    expect(reveal({ key: null, exam: "layered", ended: false, classScore: 41.6 })?.detail).toBe(
      "The class score is 42 of 100 so far.",
    );
    expect(reveal({ key: null, exam: "readout", classScore: null })?.detail).toBe(
      "The class played no rounds.",
    );
  });
});

describe("scalar feedback is blind", () => {
  const message = (feedback: FeedbackMessage["feedback"]): FeedbackMessage => ({
    round: 2,
    feedback,
    level: 0.4,
    classScore: 71,
  });
  const UPDOWN = /raise|lower|higher|up|down|\d\.\d\d/i;

  it("under global says the class's verdict and score, nothing that points up or down", () => {
    for (const improved of [true, false, null]) {
      const w = feedbackWords(message({ kind: "global", round: 2, improved, score: 71.2, classError: 0.05 }));
      expect(`${w.headline} ${w.detail}`).not.toMatch(UPDOWN);
      expect(w.detail).toBe("Class score 71 of 100.");
      expect(["good", "bad", "neutral"]).toContain(w.glyph);
    }
    const good = feedbackWords(
      message({ kind: "global", round: 2, improved: true, score: 80, classError: 0 }),
    );
    expect(good.headline).toBe("Good job, everyone");
    const bad = feedbackWords(
      message({ kind: "global", round: 2, improved: false, score: 60, classError: 0 }),
    );
    expect(bad.headline).toBe("Not quite, everyone");
  });

  it("on the grating says the signal is blocked and to keep the level, never the student's population", () => {
    const w = feedbackWords(message({ kind: "none", round: 2 }), "grating");
    expect(w).toEqual({
      headline: "Signal blocked",
      detail:
        "Your neuron heard no signal this round: keep your level, as a neuron whose signal is blocked does. Class score 71.",
      glyph: "none",
    });
    expect(`${w.headline} ${w.detail}`).not.toMatch(/push|pull|population/i);
  });

  it("on other exams says only that no signal came", () => {
    for (const exam of ["independent", "readout", "layered", ""])
      expect(feedbackWords(message({ kind: "none", round: 2 }), exam)).toEqual({
        headline: "No signal this round",
        detail: "Class score 71.",
        glyph: "none",
      });
  });

  it("under teams says the table's verdict and the scores, nothing that points up or down", () => {
    const w = feedbackWords(
      message({ kind: "team", round: 2, team: 1, improved: true, teamScore: 64.4, teamError: 0.06 }),
    );
    expect(w).toMatchObject({ headline: "Your table: good job", glyph: "good" });
    expect(w.detail).toBe("Table score 64 of 100; class score 71.");
    expect(`${w.headline} ${w.detail}`).not.toMatch(UPDOWN);
  });
});
