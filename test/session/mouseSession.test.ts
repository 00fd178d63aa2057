/**
 * The mouse experiment as a session (issue 12): a teacher's block of everyone's or one population's signals
 * is a logged scheme, the log replays to the same class, a round's feedback moves the class in the round
 * after it, and the wall and the populations say what they may. Pure: the conductor and the fold, no room.
 */
import { describe, expect, it } from "vitest";
import { gratingRoles } from "../../shared/engine/exams/grating.ts";
import { type SchemeConfig, SessionConfig, type SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { replayFrames } from "../../shared/session/replayFrames.ts";
import { youOf } from "../../shared/session/seatViews.ts";
import { wallPicture } from "../../shared/session/wall.ts";
import { rejects } from "./conductorScenes.ts";
import { driver } from "./driver.ts";

const ALL: SchemeConfig = { name: "blocked", blockedFraction: 1 };
const SIGNALS: SchemeConfig = { name: "vectorized" };
const PUSH: SchemeConfig = { name: "blocked", blockedFraction: 0.5, population: "push" };
const PULL: SchemeConfig = { name: "blocked", blockedFraction: 0.5, population: "pull" };

const mouse: SessionConfigInput = {
  exam: "grating",
  scheme: ALL,
  maxStudents: 1,
  bots: 10,
  endAtCriterion: false,
  maxRounds: 100,
};

/** Plays the plan's rounds with bots through the conductor, the teacher switching between rounds. */
function play(plan: readonly SchemeConfig[], seed = 11) {
  const d = driver(mouse, seed);
  let now = 1_000;
  const staff = (command: Parameters<typeof d.run>[0] & { kind: "staff" }) => {
    now += 10;
    return d.run(command, now);
  };
  plan.forEach((scheme, i) => {
    if (i > 0 && JSON.stringify(scheme) !== JSON.stringify(plan[i - 1]))
      staff({ kind: "staff", role: "teacher", command: { type: "scheme", body: { scheme } } });
    staff({ kind: "staff", role: "teacher", command: { type: i === 0 ? "start" : "advance", body: {} } });
    staff({ kind: "staff", role: "teacher", command: { type: "advance", body: {} } });
  });
  return d;
}

describe("the mouse experiment as a session", () => {
  it("logs each block as a scheme and replays the log to the same class", () => {
    const plan = [ALL, ALL, SIGNALS, SIGNALS, PUSH, PUSH, PULL, ALL, SIGNALS];
    const d = play(plan);
    expect(d.state.results.map((r) => r.scheme)).toEqual(plan);
    const frames = replayFrames(d.log);
    expect(frames).toHaveLength(plan.length + 1);
    expect(frames[frames.length - 1]).toEqual(pictureOf(d.state));
  });

  it("stands still after a round without signals and moves after one with them", () => {
    const plan = [ALL, ALL, SIGNALS, ALL, ALL, PUSH, PUSH, SIGNALS];
    const errors = play(plan).state.results.map((r) => r.classError);
    for (let r = 1; r < plan.length; r++) {
      const told = plan[r - 1];
      if (told === ALL) expect(errors[r], `round ${r + 1}`).toBe(errors[r - 1]);
      else expect(errors[r], `round ${r + 1}`).toBeLessThan(errors[r - 1]);
    }
  });

  it("blocks exactly one population's members, and the other turns the grating alone", () => {
    const d = play([SIGNALS, PUSH, PUSH]);
    const roles = gratingRoles(d.state.live.exam.students, d.state.live.exam.spec.seed);
    const blocked = d.state.live.scheme.blocked;
    if (!blocked) throw new Error("no block");
    for (let i = 0; i < roles.length; i++) expect(blocked[i], `seat ${i}`).toBe(roles[i] > 0 ? 1 : 0);
    const [push, pull] = pictureOf(d.state).populations;
    expect(push.blocked).toBe(push.seated);
    expect(pull.blocked).toBe(0);
    expect(push.seated + pull.seated).toBe(10);
  });

  it("shows the wall the grating only while everyone hears its whole signal", () => {
    const shown = (d: ReturnType<typeof play>) => wallPicture(pictureOf(d.state)).key.length > 0;
    expect(shown(play([ALL, ALL]))).toBe(false);
    expect(shown(play([SIGNALS, PUSH]))).toBe(false);
    // In review after a round of whole signals, and in the next round while they go on.
    const d = play([ALL, SIGNALS]);
    expect(shown(d)).toBe(true);
    d.run({ kind: "staff", role: "teacher", command: { type: "advance", body: {} } }, 5_000);
    expect(d.state.phase).toBe("open");
    expect(shown(d)).toBe(true);
    // The first round with signals after a block: what the class heard last was nothing.
    const after = play([ALL]);
    after.run(
      { kind: "staff", role: "teacher", command: { type: "scheme", body: { scheme: SIGNALS } } },
      5_000,
    );
    after.run({ kind: "staff", role: "teacher", command: { type: "advance", body: {} } }, 5_010);
    expect(after.state.live.scheme.config).toEqual(SIGNALS);
    expect(shown(after)).toBe(false);
    // The teacher's own picture always has it.
    expect(pictureOf(play([ALL]).state).key.length).toBe(1);
  });

  it("tells a student its population only once the keys are revealed", () => {
    const d = driver(mouse, 11);
    d.run({ kind: "join", nickname: "Ada", clientKey: "ada" }, 1_000);
    const seat = d.state.seats.findIndex((s) => s.kind === "human");
    expect(youOf(d.state, seat)?.population).toBeNull();
    d.run({ kind: "staff", role: "teacher", command: { type: "start", body: {} } }, 1_010);
    expect(youOf(d.state, seat)?.population).toBeNull();
    d.run({ kind: "staff", role: "teacher", command: { type: "reveal", body: {} } }, 1_020);
    const roles = gratingRoles(d.state.live.exam.students, d.state.live.exam.spec.seed);
    expect(youOf(d.state, seat)?.population).toBe(roles[seat] > 0 ? "push" : "pull");
  });

  it("refuses a population's block on an exam without populations, and a session that asks for one", () => {
    const d = driver({ exam: "independent", scheme: { name: "global" }, bots: 4 });
    const step = d.run(
      { kind: "staff", role: "teacher", command: { type: "scheme", body: { scheme: PUSH } } },
      1_000,
    );
    expect(rejects(step)).toEqual(["no-populations"]);
    expect(step.events).toEqual([]);
    const asked = SessionConfig.safeParse({ exam: "readout", scheme: PULL });
    expect(asked.success).toBe(false);
    expect(SessionConfig.safeParse({ ...mouse, scheme: PULL }).success).toBe(true);
  });
});
