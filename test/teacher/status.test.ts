/**
 * The dashboard's status line says the room's true state, from the state and the server's clock alone; and
 * the space bar (or a clicker) presses the big button only when the focus is not where a key means
 * something else.
 */
import { describe, expect, it } from "vitest";
import {
  isAdvanceKey,
  liveStatus,
  primaryAction,
  type StatusInput,
} from "../../client/src/teacher/status.ts";

const NOW = 1_000_000;
const base: StatusInput = {
  phase: "lobby",
  round: 0,
  closesAt: 0,
  remainingMs: 0,
  autoAdvance: false,
  nextRoundAt: 0,
  revealed: false,
  endReason: "",
  pausedBy: "",
  students: 0,
  connected: 0,
  seated: 0,
  submitted: 0,
};
const at = (fields: Partial<StatusInput>) => liveStatus({ ...base, ...fields }, NOW);

describe("the status line", () => {
  it("says a restarted server brought the class back paused, how many are back, and that Resume goes on", () => {
    const s = at({
      phase: "paused",
      pausedBy: "restart",
      round: 3,
      remainingMs: 21_000,
      students: 12,
      connected: 9,
    });
    expect(s.headline).toBe("The server restarted · the class waits, paused in round 3 with 0:21 left");
    expect(s.detail).toContain("9 of 12 students are back; the others come back by themselves");
    expect(at({ phase: "paused", pausedBy: "restart", students: 12, connected: 1 }).detail).toContain(
      "1 of 12 students is back",
    );
    expect(at({ phase: "paused", pausedBy: "restart", students: 12, connected: 12 }).detail).toContain(
      "All 12 students are back.",
    );
    expect(at({ phase: "paused", pausedBy: "restart", students: 1, connected: 1 }).detail).toContain(
      "The student is back.",
    );
    expect(s.detail).toContain("Press Resume");
    expect(
      at({ phase: "paused", pausedBy: "teacher", round: 3, remainingMs: 21_000 }).headline,
    ).not.toContain("restarted");
  });

  it("says the lobby waits to start and how to start", () => {
    const s = at({});
    expect(s.phase).toBe("lobby");
    expect(s.headline).toBe("Waiting to start · students join with the code");
    expect(s.detail).toContain("Press Start (or the space bar)");
    expect(s.countdownMs).toBeNull();
  });

  it("says which round is open, the time left by the server's clock, and who has submitted", () => {
    const s = at({ phase: "open", round: 3, closesAt: NOW + 12_400, seated: 8, submitted: 5 });
    expect(s.headline).toBe("Round 3 is open · 0:13 left");
    expect(s.detail).toMatch(/^5 of 8 students in play have submitted/);
    expect(s.countdownMs).toBe(12_400);
    expect(at({ phase: "open", round: 1, closesAt: NOW + 5000 }).detail).toMatch(/^No student is in play/);
  });

  it("says the class waits for the teacher after a round, unless the next one opens by itself", () => {
    const waiting = at({ phase: "review", round: 3 });
    expect(waiting.headline).toBe("Round 3 closed · the class waits for you");
    expect(waiting.detail).toContain("to open round 4");
    expect(waiting.countdownMs).toBeNull();
    // Auto-advance switched on, but no countdown armed: the class still waits.
    expect(at({ phase: "review", round: 3, autoAdvance: true }).headline).toBe(
      "Round 3 closed · the class waits for you",
    );

    const auto = at({ phase: "review", round: 3, autoAdvance: true, nextRoundAt: NOW + 6_200 });
    expect(auto.headline).toBe("Round 3 closed · round 4 opens by itself in 7 s");
    expect(auto.countdownMs).toBe(6_200);
    expect(at({ phase: "review", round: 3, autoAdvance: true, nextRoundAt: NOW - 10 }).headline).toBe(
      "Round 3 closed · round 4 is opening",
    );
  });

  it("tells a pause inside a round from a pause between rounds", () => {
    expect(at({ phase: "paused", round: 2, remainingMs: 9_000 }).headline).toBe(
      "Paused in round 2 · 0:09 left when you resume",
    );
    expect(at({ phase: "paused", round: 2 }).headline).toBe("Paused after round 2");
    expect(at({ phase: "paused", round: 2 }).detail).toContain("Press Resume");
  });

  it("says the session has ended, why, and after how many rounds", () => {
    const s = at({ phase: "ended", round: 12, endReason: "criterion", revealed: true });
    expect(s.headline).toBe("The session has ended");
    expect(s.detail).toBe(
      "The session ended: the class got 90 % of the way to the key. 12 rounds played; the keys are revealed to everyone.",
    );
  });

  it("says the keys are revealed once they are, during play", () => {
    expect(at({ phase: "review", round: 4 }).detail).not.toContain("revealed");
    expect(at({ phase: "review", round: 4, revealed: true }).detail).toContain("The keys are revealed");
  });

  it("never says a phase it does not know as if it did", () => {
    expect(at({ phase: "" }).phase).toBe("unknown");
    expect(at({ phase: "" }).headline).toBe("Connecting to the room…");
  });
});

describe("the big button and its keys", () => {
  it("starts in the lobby, opens the next round after one, resumes a pause, and does nothing in a round", () => {
    expect(primaryAction("lobby")).toBe("start");
    expect(primaryAction("review")).toBe("advance");
    expect(primaryAction("paused")).toBe("resume");
    expect(primaryAction("open")).toBeNull();
    expect(primaryAction("ended")).toBeNull();
  });

  it("takes the space bar and a clicker's keys on the page, not in a field, on a button or with a modifier", () => {
    const page = { tagName: "BODY" };
    for (const key of [" ", "PageDown", "ArrowRight", "Enter"])
      expect(isAdvanceKey({ key }, page)).toBe(true);
    expect(isAdvanceKey({ key: "a" }, page)).toBe(false);
    expect(isAdvanceKey({ key: "ArrowLeft" }, page)).toBe(false);
    for (const tagName of ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"])
      expect(isAdvanceKey({ key: " " }, { tagName })).toBe(false);
    expect(isAdvanceKey({ key: " " }, { tagName: "DIV", isContentEditable: true })).toBe(false);
    expect(isAdvanceKey({ key: " ", ctrlKey: true }, page)).toBe(false);
    expect(isAdvanceKey({ key: "PageDown", repeat: true }, page)).toBe(false);
  });
});
