/**
 * The conductor on plain data: every teacher action (and the projector's advance) in every phase, which are
 * refused and why, and what the accepted ones log. Each test drives a session through `conduct` only and
 * reads the events it logged and the effects it asked for; time is a number passed in.
 */
import { describe, expect, it } from "vitest";
import { PROJECTOR_MAY, type Rejection, type StaffCommand } from "../../shared/protocol/messages.ts";
import { nextDeadline } from "../../shared/session/conductor.ts";
import { replay } from "../../shared/session/replay.ts";
import { youOf } from "../../shared/session/seatViews.ts";
import {
  ADVANCE,
  baseConfig,
  END,
  effectsOf,
  eventOf,
  PAUSE,
  projector,
  RESUME,
  REVEAL,
  rejects,
  type ScenePhase,
  START,
  scene,
  seatsTold,
  T0,
  teacher,
  types,
} from "./conductorScenes.ts";

const COMMANDS: Record<StaffCommand["type"], StaffCommand> = {
  start: START,
  pause: PAUSE,
  resume: RESUME,
  advance: ADVANCE,
  end: END,
  scheme: { type: "scheme", body: { scheme: { name: "vectorized" } } },
  roundTime: { type: "roundTime", body: { seconds: 20 } },
  bots: { type: "bots", body: { count: 3 } },
  kick: { type: "kick", body: { seat: 1 } },
  ban: { type: "ban", body: { seat: 1 } },
  lock: { type: "lock", body: { locked: true } },
  standIns: { type: "standIns", body: { enabled: true } },
  reveal: REVEAL,
  autoAdvance: { type: "autoAdvance", body: { enabled: true, seconds: 5 } },
};

type Outcome = readonly string[] | { readonly reject: Rejection };
const no: Outcome = { reject: "not-now" };
/** Settings any live phase takes: each logs its one event. */
const settings = {
  scheme: ["scheme"],
  roundTime: ["roundTime"],
  bots: ["bots"],
  kick: ["left"],
  ban: ["left"],
  lock: ["locked"],
  standIns: ["standIns"],
  autoAdvance: ["autoAdvance"],
} as const;

const EXPECTED: Record<ScenePhase, Record<StaffCommand["type"], Outcome>> = {
  lobby: {
    ...settings,
    start: ["started", "opened"],
    pause: no,
    resume: no,
    advance: ["started", "opened"],
    end: ["ended"],
    reveal: no,
  },
  open: {
    ...settings,
    start: no,
    pause: ["paused"],
    resume: no,
    advance: ["closed"],
    end: ["closed", "ended"],
    reveal: ["revealed"],
  },
  review: {
    ...settings,
    start: no,
    pause: ["paused"],
    resume: no,
    advance: ["opened"],
    end: ["ended"],
    reveal: ["revealed"],
  },
  paused: {
    ...settings,
    start: no,
    pause: no,
    resume: ["resumed"],
    advance: no,
    end: ["closed", "ended"],
    reveal: ["revealed"],
  },
  ended: {
    scheme: no,
    roundTime: no,
    bots: no,
    kick: no,
    ban: no,
    lock: no,
    standIns: no,
    autoAdvance: no,
    start: no,
    pause: no,
    resume: no,
    advance: no,
    end: no,
    reveal: no,
  },
};

const PHASES: readonly ScenePhase[] = ["lobby", "open", "review", "paused", "ended"];
const COMMAND_TYPES: readonly StaffCommand["type"][] = [
  "start",
  "pause",
  "resume",
  "advance",
  "end",
  "scheme",
  "roundTime",
  "bots",
  "kick",
  "ban",
  "lock",
  "standIns",
  "reveal",
  "autoAdvance",
];
const NOW = T0 + 5000;

describe("the teacher's actions, in every phase", () => {
  for (const phase of PHASES)
    for (const type of COMMAND_TYPES) {
      const command = COMMANDS[type];
      const outcome = EXPECTED[phase][type];
      if ("reject" in outcome)
        it(`${phase}: ${type} is refused ${outcome.reject} and logs nothing`, () => {
          const d = scene(phase);
          const logged = d.log.length;
          const step = d.run(teacher(command), NOW);
          expect(step.events).toEqual([]);
          expect(step.effects).toEqual([{ kind: "reject", reason: outcome.reject }]);
          expect(d.state.phase).toBe(phase);
          expect(d.log).toHaveLength(logged);
        });
      else
        it(`${phase}: ${type} is accepted and logs ${outcome.join(", ")}`, () => {
          const d = scene(phase);
          const step = d.run(teacher(command), NOW);
          expect(types(step)).toEqual(outcome);
          expect(rejects(step)).toEqual([]);
          expect(step.effects.at(-1)?.kind).toBe("publish");
          if (type === "kick" || type === "ban")
            expect(effectsOf(step, "release")).toEqual([
              { kind: "release", seat: 1, why: type === "ban" ? "banned" : "kicked" },
            ]);
          expect(replay(d.log).phase).toBe(d.state.phase);
        });
    }

  it("start opens round 1 at once, closing roundSeconds later, and tells every student", () => {
    const d = scene("lobby");
    const step = d.run(teacher(START), T0);
    expect(step.events[1]).toEqual({ type: "opened", round: 1, closesAt: T0 + 10_000 });
    expect(seatsTold(step, "you")).toEqual([0, 1]);
    expect(d.state.seats[0].seated).toBe(true);
  });

  it("advance in the lobby starts the session just as start does", () => {
    const d = scene("lobby");
    const step = d.run(teacher(ADVANCE), T0);
    expect(step.events).toEqual([{ type: "started" }, { type: "opened", round: 1, closesAt: T0 + 10_000 }]);
  });

  it("pause in an open round keeps the time left, and resume gives the round that much again", () => {
    const d = scene("open");
    expect(eventOf(d.run(teacher(PAUSE), T0 + 4000), "paused")).toEqual({
      type: "paused",
      remainingMs: 6000,
      reason: "teacher",
    });
    expect(d.state.pausedBy).toBe("teacher");
    expect(nextDeadline(d.state)).toBeNull();
    const later = T0 + 100_000;
    expect(eventOf(d.run(teacher(RESUME), later), "resumed")).toEqual({
      type: "resumed",
      closesAt: later + 6000,
      nextRoundAt: 0,
    });
    expect(d.state.phase).toBe("open");
    expect(nextDeadline(d.state)).toBe(later + 6000);
  });

  it("pause after the round's time ran out (before its due) keeps no time", () => {
    const d = scene("open");
    expect(eventOf(d.run(teacher(PAUSE), T0 + 12_000), "paused").remainingMs).toBe(0);
  });

  it("pause in a counting-down review stops the count; resume starts a full review again", () => {
    const d = scene("review", { ...baseConfig, autoAdvance: true });
    expect(d.state.nextRoundAt).toBe(T0 + 3000 + 5000);
    expect(eventOf(d.run(teacher(PAUSE), T0 + 4000), "paused").remainingMs).toBe(0);
    expect(nextDeadline(d.state)).toBeNull();
    expect(eventOf(d.run(teacher(RESUME), T0 + 9000), "resumed")).toEqual({
      type: "resumed",
      closesAt: 0,
      nextRoundAt: T0 + 9000 + 5000,
    });
    expect(nextDeadline(d.state)).toBe(T0 + 14_000);
  });

  it("resume in a review without autoAdvance leaves the class waiting for the teacher", () => {
    const d = scene("review");
    d.run(teacher(PAUSE), T0 + 4000);
    expect(eventOf(d.run(teacher(RESUME), T0 + 9000), "resumed").nextRoundAt).toBe(0);
    expect(d.state.phase).toBe("review");
    expect(nextDeadline(d.state)).toBeNull();
  });

  it("advance in an open round closes it (reason advance) and gives every seated student its feedback", () => {
    const d = scene("open");
    const step = d.run(teacher(ADVANCE), T0 + 3000);
    expect(eventOf(step, "closed")).toMatchObject({ round: 1, reason: "advance", nextRoundAt: 0 });
    expect(seatsTold(step, "feedback")).toEqual([0, 1]);
    expect(d.state.phase).toBe("review");
  });

  it("advance in review opens the next round, closing roundSeconds from now", () => {
    const d = scene("review");
    const step = d.run(teacher(ADVANCE), T0 + 20_000);
    expect(step.events).toEqual([{ type: "opened", round: 2, closesAt: T0 + 30_000 }]);
    expect(seatsTold(step, "you")).toEqual([0, 1]);
  });

  it("end in an open round closes it first (closed reason end, then ended), with no countdown", () => {
    const d = scene("open", { ...baseConfig, autoAdvance: true });
    const step = d.run(teacher(END), T0 + 3000);
    expect(eventOf(step, "closed")).toMatchObject({ round: 1, reason: "end", nextRoundAt: 0 });
    expect(eventOf(step, "ended").reason).toBe("teacher");
    expect(seatsTold(step, "feedback")).toEqual([0, 1]);
    expect(seatsTold(step, "you")).toEqual([0, 1]);
    expect(effectsOf(step, "ended")).toHaveLength(1);
    expect(d.state.results).toHaveLength(1);
    expect(nextDeadline(d.state)).toBeNull();
  });

  it("end while an open round is paused closes that round too, and the pause is over", () => {
    const d = scene("paused");
    const step = d.run(teacher(END), T0 + 5000);
    expect(eventOf(step, "closed").reason).toBe("end");
    expect(d.state).toMatchObject({ phase: "ended", pausedBy: null, pausedIn: null, revealed: true });
  });

  it("in a paused review, end ends without a close, and advance and start are refused not-now", () => {
    const d = scene("review");
    d.run(teacher(PAUSE), T0 + 4000);
    expect(rejects(d.run(teacher(ADVANCE), NOW))).toEqual(["not-now"]);
    expect(rejects(d.run(projector(ADVANCE), NOW))).toEqual(["not-now"]);
    expect(rejects(d.run(teacher(START), NOW))).toEqual(["not-now"]);
    expect(types(d.run(teacher(END), NOW))).toEqual(["ended"]);
    expect(d.state.results).toHaveLength(1);
  });

  it("end in review or in the lobby ends without a close", () => {
    for (const phase of ["review", "lobby"] as const) {
      const d = scene(phase);
      const closed = d.state.results.length;
      const step = d.run(teacher(END), NOW);
      expect(types(step)).toEqual(["ended"]);
      expect(effectsOf(step, "ended")).toHaveLength(1);
      expect(d.state.results).toHaveLength(closed);
    }
  });

  it("roundTime sets the length of the next round, not of the open one", () => {
    const d = scene("open");
    d.run(teacher(COMMANDS.roundTime), T0 + 1000);
    expect(d.state.closesAt).toBe(T0 + 10_000);
    d.run(teacher(ADVANCE), T0 + 2000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 3000), "opened").closesAt).toBe(T0 + 23_000);
  });

  it("a scheme chosen during a round applies from the next round", () => {
    const d = scene("open");
    d.run(teacher(COMMANDS.scheme), T0 + 1000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 2000), "closed").record.scheme.name).toBe("global");
    d.run(teacher(ADVANCE), T0 + 3000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 4000), "closed").record.scheme.name).toBe("vectorized");
  });

  it("bots up to the seats kept for them are accepted, one more is refused not-now", () => {
    const d = scene("review");
    const kept = d.state.capacity - d.state.humanSeats;
    expect(types(d.run(teacher({ type: "bots", body: { count: kept } }), NOW))).toEqual(["bots"]);
    expect(rejects(d.run(teacher({ type: "bots", body: { count: kept + 1 } }), NOW))).toEqual(["not-now"]);
    expect(d.state.bots).toBe(kept);
  });

  it("bots taken away during an open round still count as bots in that round's record, not as students", () => {
    const d = scene("open");
    d.run(teacher({ type: "bots", body: { count: 0 } }), T0 + 1000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 2000), "closed").record).toMatchObject({
      students: 2,
      bots: 2,
    });
    d.run(teacher(ADVANCE), T0 + 3000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 4000), "closed").record).toMatchObject({
      students: 2,
      bots: 0,
    });
  });

  it("bots added during an open round play from the next round", () => {
    const d = scene("open");
    d.run(teacher({ type: "bots", body: { count: 5 } }), T0 + 1000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 2000), "closed").record).toMatchObject({
      students: 2,
      bots: 2,
    });
    d.run(teacher(ADVANCE), T0 + 3000);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 4000), "closed").record).toMatchObject({
      students: 2,
      bots: 5,
    });
  });

  it("kick and ban of an empty seat, a bot's seat or a seat past the class are refused no-such-seat", () => {
    const d = scene("open");
    for (const type of ["kick", "ban"] as const)
      for (const seat of [2, 3, 99]) {
        const step = d.run(teacher({ type, body: { seat } }), NOW);
        expect(step.events).toEqual([]);
        expect(step.effects).toEqual([{ kind: "reject", reason: "no-such-seat" }]);
      }
  });

  it("reveal tells every student its own key, once; a second reveal is refused not-now", () => {
    const d = scene("open");
    expect(youOf(d.state, 0)?.key).toBeNull();
    const step = d.run(teacher(REVEAL), NOW);
    expect(seatsTold(step, "you")).toEqual([0, 1]);
    expect(youOf(d.state, 0)?.key).toBe(d.state.live.exam.targetOf(0, 0));
    expect(youOf(d.state, 0)?.key).not.toBeNull();
    expect(rejects(d.run(teacher(REVEAL), NOW + 1))).toEqual(["not-now"]);
  });

  it("autoAdvance outside review changes the setting only; in review it sets or clears the countdown", () => {
    const d = scene("open");
    expect(eventOf(d.run(teacher(COMMANDS.autoAdvance), NOW), "autoAdvance").nextRoundAt).toBeUndefined();
    expect(nextDeadline(d.state)).toBe(T0 + 10_000);

    const r = scene("review");
    expect(nextDeadline(r.state)).toBeNull();
    const on = r.run(teacher({ type: "autoAdvance", body: { enabled: true, seconds: 7 } }), NOW);
    expect(eventOf(on, "autoAdvance").nextRoundAt).toBe(NOW + 7000);
    expect(nextDeadline(r.state)).toBe(NOW + 7000);
    const off = r.run(teacher({ type: "autoAdvance", body: { enabled: false, seconds: 7 } }), NOW + 1000);
    expect(eventOf(off, "autoAdvance").nextRoundAt).toBe(0);
    expect(nextDeadline(r.state)).toBeNull();
  });
});

describe("the projector", () => {
  it("is let send advance only (the room turns the rest away)", () => {
    expect(PROJECTOR_MAY).toEqual(["advance"]);
  });

  it("moves the class on from the lobby and from review, as the teacher's advance does", () => {
    const lobby = scene("lobby");
    expect(types(lobby.run(projector(ADVANCE), T0))).toEqual(["started", "opened"]);
    const review = scene("review");
    expect(types(review.run(projector(ADVANCE), NOW))).toEqual(["opened"]);
  });

  it("never closes an open round: advance there is refused not-now, and so it is paused or ended", () => {
    for (const phase of ["open", "paused", "ended"] as const) {
      const d = scene(phase);
      const step = d.run(projector(ADVANCE), NOW);
      expect(step.events).toEqual([]);
      expect(step.effects).toEqual([{ kind: "reject", reason: "not-now" }]);
      expect(d.state.phase).toBe(phase);
    }
  });
});
