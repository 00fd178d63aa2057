/**
 * The conductor and a round's life on plain data: levels and submissions (in and out of an open round), the
 * close by all-submitted and by the timer, the review with and without its countdown, and the end at the
 * criterion and at the round limit. Time is a number passed in; `due` is the room's one timer firing.
 */
import { describe, expect, it } from "vitest";
import { nextDeadline } from "../../shared/session/conductor.ts";
import { youOf } from "../../shared/session/seatViews.ts";
import {
  ADVANCE,
  baseConfig,
  CY,
  effectsOf,
  eventOf,
  join,
  rejects,
  type ScenePhase,
  START,
  scene,
  seatsTold,
  student,
  T0,
  teacher,
  types,
} from "./conductorScenes.ts";
import { driver } from "./driver.ts";

const PHASES: readonly ScenePhase[] = ["lobby", "open", "review", "paused", "ended"];
const NOW = T0 + 5000;

describe("submissions", () => {
  it("a level moves the student's level and says `you` to the sender, without counting as done", () => {
    const d = scene("open");
    const step = d.run(student(0, "level", 1, 0.3), NOW);
    expect(step.events).toEqual([{ type: "submitted", round: 1, seat: 0, level: 0.3, final: false }]);
    expect(step.effects).toEqual([
      { kind: "you", seat: 0 },
      { kind: "publish", seats: [0] },
    ]);
    expect(youOf(d.state, 0)).toMatchObject({ level: 0.3, submitted: false });
  });

  it("a submit counts as done; the round stays open while a connected student has not submitted", () => {
    const d = scene("open");
    const step = d.run(student(0, "submit", 1, 0.4), NOW);
    expect(types(step)).toEqual(["submitted"]);
    expect(seatsTold(step, "you")).toEqual([0]);
    expect(d.state).toMatchObject({ phase: "open" });
    expect(d.state.seats[0].submitted).toBe(true);
  });

  it("the round closes by all-submitted once every connected seated student has submitted", () => {
    const d = scene("open");
    d.run(student(0, "submit", 1, 0.4), NOW);
    const step = d.run(student(1, "submit", 1, 0.6), NOW + 1);
    expect(types(step)).toEqual(["submitted", "closed"]);
    expect(eventOf(step, "closed").reason).toBe("all-submitted");
    expect(seatsTold(step, "feedback")).toEqual([0, 1]);
    expect(d.state.phase).toBe("review");
  });

  it("the round closes once the last student still to submit leaves for good or is kicked, not when it merely drops", () => {
    const left = scene("open");
    left.run(student(0, "submit", 1, 0.4), NOW);
    expect(types(left.run({ kind: "drop", seat: 1 }, NOW + 1))).toEqual(["connection"]);
    expect(types(left.run({ kind: "return", seat: 1 }, NOW + 2))).toEqual(["connection"]);
    expect(types(left.run({ kind: "leave", seat: 1, reason: "left" }, NOW + 3))).toEqual(["left", "closed"]);
    const kicked = scene("open");
    kicked.run(student(0, "submit", 1, 0.4), NOW);
    const step = kicked.run(teacher({ type: "kick", body: { seat: 1 } }), NOW + 1);
    expect(types(step)).toEqual(["left", "closed"]);
    expect(eventOf(step, "closed").reason).toBe("all-submitted");
  });

  it("a round in which everyone submitted during a pause closes as soon as the teacher resumes it", () => {
    const d = scene("paused");
    d.run(student(0, "submit", 1, 0.4), NOW);
    d.run(student(1, "submit", 1, 0.6), NOW + 1);
    expect(d.state.phase).toBe("paused");
    const step = d.run(teacher({ type: "resume", body: {} }), NOW + 2);
    expect(types(step)).toEqual(["resumed", "closed"]);
    expect(eventOf(step, "closed").reason).toBe("all-submitted");
  });

  it("an away student does not hold the round up", () => {
    const d = scene("open");
    d.run({ kind: "drop", seat: 1 }, NOW);
    expect(eventOf(d.run(student(0, "submit", 1, 0.4), NOW + 1), "closed").reason).toBe("all-submitted");
  });

  it("a late joiner waits for the next round: its submission is refused not-seated, and nobody waits for it", () => {
    const d = scene("open");
    d.run(join(CY), NOW);
    const refused = d.run(student(2, "submit", 1, 0.5), NOW + 1);
    expect(refused.events).toEqual([]);
    expect(rejects(refused)).toEqual(["not-seated"]);
    d.run(student(0, "submit", 1, 0.4), NOW + 2);
    expect(eventOf(d.run(student(1, "submit", 1, 0.4), NOW + 3), "closed").reason).toBe("all-submitted");
    d.run(teacher(ADVANCE), NOW + 4);
    expect(types(d.run(student(2, "submit", 2, 0.5), NOW + 5))).toEqual(["submitted"]);
  });

  it("a level outside [0, 1] is refused out-of-range, whatever the phase", () => {
    for (const phase of ["open", "lobby", "ended"] as const) {
      const d = scene(phase);
      for (const level of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])
        for (const type of ["level", "submit"] as const) {
          const step = d.run(student(0, type, 1, level), NOW);
          expect(step.events).toEqual([]);
          expect(step.effects).toEqual([{ kind: "reject", reason: "out-of-range" }]);
        }
    }
  });

  it("the ends of the range are levels like any other", () => {
    const d = scene("open");
    expect(types(d.run(student(0, "level", 1, 0), NOW))).toEqual(["submitted"]);
    expect(types(d.run(student(0, "level", 1, 1), NOW))).toEqual(["submitted"]);
  });

  it("a submission for another round is refused wrong-round", () => {
    const d = scene("open");
    for (const round of [0, 2])
      expect(rejects(d.run(student(0, "submit", round, 0.5), NOW))).toEqual(["wrong-round"]);
    expect(d.state.seats[0].submitted).toBe(false);
  });

  it("with no round open, lobby and review refuse no-open-round, and the ended session not-now", () => {
    const expected = { lobby: "no-open-round", review: "no-open-round", ended: "not-now" } as const;
    for (const phase of ["lobby", "review", "ended"] as const) {
      const reason = expected[phase];
      const d = scene(phase);
      for (const type of ["level", "submit"] as const) {
        const step = d.run(student(0, type, Math.max(1, d.state.round), 0.5), NOW);
        expect(step.events).toEqual([]);
        expect(rejects(step)).toEqual([reason]);
      }
    }
  });

  it("a submission from an empty seat or one past the class is refused no-such-seat", () => {
    const d = scene("open");
    expect(rejects(d.run(student(2, "submit", 1, 0.5), NOW))).toEqual(["no-such-seat"]);
    expect(rejects(d.run(student(99, "submit", 1, 0.5), NOW))).toEqual(["no-such-seat"]);
  });

  it("a paused round takes submissions but does not close while paused", () => {
    const d = scene("paused");
    d.run(student(0, "submit", 1, 0.4), NOW);
    const step = d.run(student(1, "submit", 1, 0.6), NOW + 1);
    expect(types(step)).toEqual(["submitted"]);
    expect(d.state.phase).toBe("paused");
    expect(d.run({ kind: "due" }, T0 + 50_000).events).toEqual([]);
  });
});

describe("the round's timer", () => {
  it("a due before closesAt does nothing; at closesAt the round closes by timer", () => {
    const d = scene("open");
    const early = d.run({ kind: "due" }, T0 + 9999);
    expect(early).toEqual({ events: [], effects: [] });
    const step = d.run({ kind: "due" }, T0 + 10_000);
    expect(types(step)).toEqual(["closed"]);
    expect(eventOf(step, "closed").reason).toBe("timer");
    expect(seatsTold(step, "feedback")).toEqual([0, 1]);
  });

  it("a due long after closesAt closes the round once", () => {
    const d = scene("open");
    expect(types(d.run({ kind: "due" }, T0 + 60_000))).toEqual(["closed"]);
    expect(d.run({ kind: "due" }, T0 + 60_001).events).toEqual([]);
    expect(d.state.results).toHaveLength(1);
  });

  it("nextDeadline: none in the lobby, closesAt in an open round, none in a waiting review, paused or ended", () => {
    expect(nextDeadline(scene("lobby").state)).toBeNull();
    expect(nextDeadline(scene("open").state)).toBe(T0 + 10_000);
    expect(nextDeadline(scene("review").state)).toBeNull();
    expect(nextDeadline(scene("review", { ...baseConfig, autoAdvance: true }).state)).toBe(T0 + 8000);
    expect(nextDeadline(scene("paused").state)).toBeNull();
    expect(nextDeadline(scene("ended").state)).toBeNull();
  });

  it("nextDeadline: an away student's grace counts in every phase but the end, the earliest first", () => {
    for (const phase of PHASES) {
      const d = scene(phase);
      d.run({ kind: "drop", seat: 1 }, T0 + 1000);
      const grace = T0 + 1000 + 60_000;
      const expected = { lobby: grace, open: T0 + 10_000, review: grace, paused: grace, ended: null };
      expect(nextDeadline(d.state)).toBe(expected[phase]);
    }
    const d = scene("open");
    d.run({ kind: "drop", seat: 1 }, T0 - 59_000);
    expect(nextDeadline(d.state)).toBe(T0 + 1000);
  });
});

describe("the review", () => {
  it("with autoAdvance the close carries nextRoundAt = now + reviewSeconds, and a due then opens the next round", () => {
    const d = scene("open", { ...baseConfig, autoAdvance: true });
    const closed = eventOf(d.run(teacher(ADVANCE), T0 + 3000), "closed");
    expect(closed.nextRoundAt).toBe(T0 + 8000);
    expect(nextDeadline(d.state)).toBe(T0 + 8000);
    expect(d.run({ kind: "due" }, T0 + 7999)).toEqual({ events: [], effects: [] });
    const step = d.run({ kind: "due" }, T0 + 8000);
    expect(step.events).toEqual([{ type: "opened", round: 2, closesAt: T0 + 18_000 }]);
    expect(seatsTold(step, "you")).toEqual([0, 1]);
  });

  it("with autoAdvance a close by the timer counts down from the close", () => {
    const d = scene("open", { ...baseConfig, autoAdvance: true, reviewSeconds: 0 });
    expect(eventOf(d.run({ kind: "due" }, T0 + 10_500), "closed").nextRoundAt).toBe(T0 + 10_500);
    expect(types(d.run({ kind: "due" }, T0 + 10_500))).toEqual(["opened"]);
  });

  it("without autoAdvance the class waits for the teacher, however late a due comes", () => {
    const d = scene("review");
    expect(d.log.find((e) => e.type === "closed")).toMatchObject({ nextRoundAt: 0 });
    expect(d.run({ kind: "due" }, T0 + 1e9).events).toEqual([]);
    expect(d.state.phase).toBe("review");
  });

  it("autoAdvance switched on during review counts down from now, and the due opens the round", () => {
    const d = scene("review");
    d.run(teacher({ type: "autoAdvance", body: { enabled: true, seconds: 2 } }), T0 + 40_000);
    expect(nextDeadline(d.state)).toBe(T0 + 42_000);
    expect(d.run({ kind: "due" }, T0 + 41_999).events).toEqual([]);
    expect(types(d.run({ kind: "due" }, T0 + 42_000))).toEqual(["opened"]);
  });
});

describe("the end", () => {
  it("at maxRounds the last close is followed at once by ended (round-limit), and every student hears", () => {
    const d = scene("open", { ...baseConfig, maxRounds: 2, autoAdvance: true });
    d.run(teacher(ADVANCE), T0 + 1000);
    d.run({ kind: "due" }, T0 + 6000);
    d.run(join(CY), T0 + 6500);
    d.run(student(0, "submit", 2, 0.2), T0 + 7000);
    const step = d.run(student(1, "submit", 2, 0.8), T0 + 7001);
    expect(types(step)).toEqual(["submitted", "closed", "ended"]);
    expect(eventOf(step, "closed")).toMatchObject({ round: 2, reason: "all-submitted", nextRoundAt: 0 });
    expect(eventOf(step, "ended").reason).toBe("round-limit");
    expect(effectsOf(step, "ended")).toHaveLength(1);
    expect(seatsTold(step, "feedback")).toEqual([0, 1]);
    expect(seatsTold(step, "you")).toEqual([1, 0, 1, 2]);
    expect(youOf(d.state, 2)?.key).not.toBeNull();
    expect(nextDeadline(d.state)).toBeNull();
  });

  it("at the criterion the session ends right after the close (criterion); without endAtCriterion it goes on", () => {
    const fast = { ...baseConfig, maxStudents: 1, bots: 27, scheme: { name: "vectorized" } } as const;
    const play = (endAtCriterion: boolean) => {
      const d = driver({ ...fast, endAtCriterion });
      d.run(teacher(START), T0);
      for (let round = 1; round <= 6; round++) {
        const step = d.run(teacher(ADVANCE), T0 + round * 1000);
        if (d.state.phase === "ended") return { round, step };
        d.run(teacher(ADVANCE), T0 + round * 1000 + 500);
      }
      return { round: 0, step: null };
    };
    const ended = play(true);
    expect(ended.round).toBeGreaterThan(1);
    if (!ended.step) throw new Error("the class never reached the criterion");
    expect(types(ended.step)).toEqual(["closed", "ended"]);
    expect(eventOf(ended.step, "ended").reason).toBe("criterion");
    expect(effectsOf(ended.step, "ended")).toHaveLength(1);
    expect(play(false).round).toBe(0);
  });
});
