/**
 * The conductor and the seats: joins and refusals, drops and their grace, kicks and bans (of a student here
 * and of one away), a browser key taking its seat back, stand-ins, and a restart of the server. Plain data:
 * inputs in, events and effects out, time a number.
 */
import { describe, expect, it } from "vitest";
import { nextDeadline, RESTORED_ROUND_MIN_MS } from "../../shared/session/conductor.ts";
import { youOf } from "../../shared/session/seatViews.ts";
import {
  ADVANCE,
  ANA,
  BEN,
  baseConfig,
  CY,
  effectsOf,
  eventOf,
  join,
  PAUSE,
  RESUME,
  type ScenePhase,
  START,
  scene,
  seatsTold,
  T0,
  teacher,
  types,
} from "./conductorScenes.ts";
import { driver, TEST_RULES } from "./driver.ts";

const GRACE = TEST_RULES.graceMs;
const RESTORE_GRACE = TEST_RULES.restoreGraceMs;
const NOW = T0 + 5000;

describe("joins", () => {
  it("a new student gets the lowest free seat: joined is logged, then seat and you go to it", () => {
    const d = driver(baseConfig);
    const step = d.run(join(ANA), T0);
    expect(step.events).toEqual([{ type: "joined", seat: 0, ...ANA }]);
    expect(step.effects).toEqual([
      { kind: "seat", seat: 0 },
      { kind: "you", seat: 0 },
      { kind: "publish", seats: [0] },
    ]);
    expect(d.run(join(BEN), T0).events).toEqual([{ type: "joined", seat: 1, ...BEN }]);
  });

  it("a join is refused name-taken (whatever the case and spaces), full, locked and ended", () => {
    const d = scene("lobby", { ...baseConfig, maxStudents: 2 });
    const refusal = (nickname: string, clientKey: string) => {
      const step = d.run(join({ nickname, clientKey }), T0);
      expect(step.events).toEqual([]);
      expect(effectsOf(step, "refuse")).toHaveLength(1);
      return effectsOf(step, "refuse")[0].refusal;
    };
    expect(refusal(" ANA ", "key-other-xxxxxx")).toBe("name-taken");
    expect(refusal("dee", "key-dee-xxxxxxxx")).toBe("full");
    d.run({ kind: "leave", seat: 1, reason: "left" }, T0);
    d.run(teacher({ type: "lock", body: { locked: true } }), T0);
    expect(refusal("dee", "key-dee-xxxxxxxx")).toBe("locked");
    d.run(teacher({ type: "end", body: {} }), T0);
    expect(refusal("dee", "key-dee-xxxxxxxx")).toBe("ended");
  });

  it("a locked class still gives a key that holds a seat its seat back", () => {
    const d = scene("lobby");
    d.run(teacher({ type: "lock", body: { locked: true } }), T0);
    expect(effectsOf(d.run(join(ANA), T0), "seat")).toEqual([{ kind: "seat", seat: 0 }]);
  });
});

describe("drops and their grace", () => {
  it("a drop logs connection false with graceUntil = now + graceMs", () => {
    const d = scene("open");
    const step = d.run({ kind: "drop", seat: 1 }, T0 + 1000);
    expect(step.events).toEqual([
      { type: "connection", seat: 1, connected: false, graceUntil: T0 + 1000 + GRACE },
    ]);
    expect(step.effects).toEqual([{ kind: "publish", seats: [1] }]);
    expect([...d.state.away]).toEqual([1]);
  });

  it("a drop of an away, empty or bot seat, or of anyone after the end, logs nothing", () => {
    const d = scene("open");
    d.run({ kind: "drop", seat: 1 }, T0);
    for (const seat of [1, 2, 3, 99]) expect(d.run({ kind: "drop", seat }, T0 + 1).events).toEqual([]);
    const ended = scene("ended");
    expect(ended.run({ kind: "drop", seat: 0 }, T0 + 5000)).toEqual({ events: [], effects: [] });
  });

  it("a return before the grace logs connection true and sends you, and feedback once the seat is in play", () => {
    const d = scene("review");
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    const step = d.run({ kind: "return", seat: 1 }, T0 + 5000);
    expect(step.events).toEqual([{ type: "connection", seat: 1, connected: true }]);
    expect(step.effects).toEqual([
      { kind: "you", seat: 1 },
      { kind: "feedback", seat: 1 },
      { kind: "publish", seats: [1] },
    ]);
    expect(d.state.seats[1]).toMatchObject({ connected: true, graceUntil: 0 });
    expect(nextDeadline(d.state)).toBeNull();

    const lobby = scene("lobby");
    lobby.run({ kind: "drop", seat: 0 }, T0);
    expect(lobby.run({ kind: "return", seat: 0 }, T0 + 1).effects).toEqual([
      { kind: "you", seat: 0 },
      { kind: "publish", seats: [0] },
    ]);
  });

  it("a due before graceUntil keeps the seat; at graceUntil it logs left expired and releases the seat", () => {
    const d = scene("review");
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    const graceUntil = T0 + 4000 + GRACE;
    expect(nextDeadline(d.state)).toBe(graceUntil);
    expect(d.run({ kind: "due" }, graceUntil - 1)).toEqual({ events: [], effects: [] });
    const step = d.run({ kind: "due" }, graceUntil);
    expect(step.events).toEqual([{ type: "left", seat: 1, reason: "expired" }]);
    expect(effectsOf(step, "release")).toEqual([{ kind: "release", seat: 1, why: "expired" }]);
    expect(d.state.seats[1].kind).toBe("empty");
    expect(nextDeadline(d.state)).toBeNull();
    expect(types(d.run(join(BEN), graceUntil + 1))).toEqual(["joined"]);
  });

  it("a leave logs left with its reason and frees the seat; after the end it logs nothing", () => {
    const d = scene("review");
    expect(d.run({ kind: "leave", seat: 0, reason: "left" }, NOW).events).toEqual([
      { type: "left", seat: 0, reason: "left" },
    ]);
    expect(d.run({ kind: "leave", seat: 1, reason: "dropped" }, NOW).events).toEqual([
      { type: "left", seat: 1, reason: "dropped" },
    ]);
    expect(d.run({ kind: "leave", seat: 1, reason: "left" }, NOW).events).toEqual([]);
    expect(scene("ended").run({ kind: "leave", seat: 0, reason: "left" }, NOW).events).toEqual([]);
  });
});

describe("kick and ban", () => {
  for (const type of ["kick", "ban"] as const) {
    const why = type === "ban" ? "banned" : "kicked";
    for (const away of [false, true])
      it(`${type} of a student ${away ? "away" : "here"} logs left ${why} and releases its seat`, () => {
        const d = scene("review");
        if (away) d.run({ kind: "drop", seat: 1 }, T0 + 4000);
        const step = d.run(teacher({ type, body: { seat: 1 } }), T0 + 5000);
        expect(step.events).toEqual([{ type: "left", seat: 1, reason: why }]);
        expect(step.effects).toEqual([
          { kind: "release", seat: 1, why },
          { kind: "publish", seats: [1] },
        ]);
        expect(d.state.seats[1]).toMatchObject({ kind: "empty", clientKey: "", graceUntil: 0 });
        expect(d.state.away.size).toBe(0);
        expect(nextDeadline(d.state)).toBeNull();
      });
  }

  it("a banned student's key is refused banned, and its nickname name-banned under any key", () => {
    const d = scene("review");
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    d.run(teacher({ type: "ban", body: { seat: 1 } }), T0 + 5000);
    const refusal = (nickname: string, clientKey: string) =>
      effectsOf(d.run(join({ nickname, clientKey }), T0 + 6000), "refuse")[0]?.refusal;
    expect(refusal("someone else", BEN.clientKey)).toBe("banned");
    expect(refusal(" BEN ", "key-fresh-xxxxxx")).toBe("name-banned");
    expect(d.state.seats[1].kind).toBe("empty");
  });

  it("a kicked student may rejoin, into a new seat", () => {
    const d = scene("review");
    d.run(teacher({ type: "kick", body: { seat: 0 } }), T0 + 5000);
    const step = d.run(join(ANA), T0 + 6000);
    expect(step.events).toEqual([{ type: "joined", seat: 0, ...ANA }]);
    expect(effectsOf(step, "release")).toEqual([]);
    expect(d.state.seats[0]).toMatchObject({ kind: "human", connected: true, seated: false });
  });

  // The bug the conductor fixes: an away student's grace outlived its removal and evicted the next holder.
  for (const type of ["kick", "ban"] as const)
    for (const phase of ["review", "open"] as const)
      it(`after a ${type} of an away student (${phase}), the old grace never evicts the seat's new holder`, () => {
        const d = scene(phase);
        d.run({ kind: "drop", seat: 1 }, T0 + 1000);
        const oldGrace = T0 + 1000 + GRACE;
        d.run(teacher({ type, body: { seat: 1 } }), T0 + 2000);
        expect(eventOf(d.run(join(CY), T0 + 3000), "joined").seat).toBe(1);
        for (const now of [oldGrace, oldGrace + 1, oldGrace + 10 * GRACE]) {
          const step = d.run({ kind: "due" }, now);
          expect(step.events.filter((e) => "seat" in e && e.seat === 1)).toEqual([]);
          expect(effectsOf(step, "release")).toEqual([]);
        }
        // The old connection's return (the room refuses it) changes nothing in the new holder's seat.
        const back = d.run({ kind: "return", seat: 1 }, oldGrace + 2);
        expect(back.events).toEqual([]);
        expect(d.state.seats[1]).toMatchObject({ kind: "human", ...CY, connected: true, graceUntil: 0 });
        // And the new holder's own drop has its own grace.
        d.run({ kind: "drop", seat: 1 }, oldGrace + 3);
        expect(d.state.seats[1].graceUntil).toBe(oldGrace + 3 + GRACE);
      });
});

describe("a browser key takes its seat back", () => {
  it("a second connection of a student here releases the first (elsewhere) and takes the same seat, logging nothing", () => {
    const d = scene("open");
    const step = d.run(join(ANA), T0 + 1000);
    expect(step.events).toEqual([]);
    expect(step.effects).toEqual([
      { kind: "release", seat: 0, why: "elsewhere" },
      { kind: "seat", seat: 0 },
      { kind: "you", seat: 0 },
      { kind: "feedback", seat: 0 },
    ]);
  });

  it("a key whose student is away comes back into its seat, logging connection true", () => {
    const d = scene("open");
    d.run({ kind: "drop", seat: 0 }, T0 + 1000);
    const step = d.run(join(ANA), T0 + 2000);
    expect(step.events).toEqual([{ type: "connection", seat: 0, connected: true }]);
    expect(effectsOf(step, "seat")).toEqual([{ kind: "seat", seat: 0 }]);
    expect(d.state.away.size).toBe(0);
  });

  it("a different nickname typed with the same key still gets the old seat, under its old name", () => {
    const d = scene("review");
    const step = d.run(join({ nickname: "anastasia", clientKey: ANA.clientKey }), T0 + 4000);
    expect(effectsOf(step, "seat")).toEqual([{ kind: "seat", seat: 0 }]);
    expect(step.events).toEqual([]);
    expect(d.state.seats[0].nickname).toBe("ana");
    expect(d.state.seats.filter((s) => s.kind === "human")).toHaveLength(2);
  });

  it("after the end a key still gets its seat back, logging nothing, and `you` reveals its key", () => {
    const d = scene("ended");
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    const step = d.run(join(ANA), T0 + 5000);
    expect(step.events).toEqual([]);
    expect(effectsOf(step, "seat")).toEqual([{ kind: "seat", seat: 0 }]);
    expect(seatsTold(step, "you")).toEqual([0]);
    expect(youOf(d.state, 0)?.key).toBe(d.state.live.exam.targetOf(0, 0));
    expect(youOf(d.state, 0)?.key).not.toBeNull();
  });
});

describe("stand-ins", () => {
  it("with standIns on, an away student's seat is played by a bot from the next round, counted among the bots", () => {
    const d = scene("review");
    d.run(teacher({ type: "standIns", body: { enabled: true } }), T0 + 4000);
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    d.run(teacher(ADVANCE), T0 + 5000);
    expect(d.state.seats[1]).toMatchObject({ seated: true, standIn: true });
    expect(d.state.seats[0].standIn).toBe(false);
    d.run({ kind: "return", seat: 1 }, T0 + 6000);
    // Back mid-round: the bot finishes the round, and the student plays from the next one.
    expect(d.state.seats[1].standIn).toBe(true);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 7000), "closed").record).toMatchObject({
      students: 1,
      bots: 3,
    });
    d.run(teacher(ADVANCE), T0 + 8000);
    expect(d.state.seats[1].standIn).toBe(false);
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 9000), "closed").record).toMatchObject({
      students: 2,
      bots: 2,
    });
  });

  it("with standIns off, an away student's seat stays the student's", () => {
    const d = scene("review");
    d.run({ kind: "drop", seat: 1 }, T0 + 4000);
    d.run(teacher(ADVANCE), T0 + 5000);
    expect(d.state.seats[1]).toMatchObject({ seated: true, standIn: false });
    expect(eventOf(d.run(teacher(ADVANCE), T0 + 7000), "closed").record).toMatchObject({
      students: 2,
      bots: 2,
    });
  });
});

describe("a restart of the server", () => {
  const slow = { ...baseConfig, roundSeconds: 30 };
  const later = T0 + 500_000;
  const awayAll = (now: number) =>
    [0, 1].map((seat) => ({ type: "connection", seat, connected: false, graceUntil: now + RESTORE_GRACE }));

  it("in an open round it marks every student away and pauses (restart) with the time the round had left", () => {
    const d = scene("open", slow);
    const step = d.run({ kind: "restore", stoppedAt: T0 + 10_000 }, later);
    expect(step.events).toEqual([
      ...awayAll(later),
      { type: "paused", remainingMs: 20_000, reason: "restart" },
    ]);
    expect(d.state).toMatchObject({ phase: "paused", pausedIn: "open", pausedBy: "restart" });
    expect(nextDeadline(d.state)).toBe(later + RESTORE_GRACE);
    d.run({ kind: "return", seat: 0 }, later + 1000);
    const resumed = eventOf(d.run(teacher(RESUME), later + 2000), "resumed");
    expect(resumed.closesAt).toBe(later + 2000 + 20_000);
    expect(d.state.pausedBy).toBeNull();
    expect(types(d.run({ kind: "due" }, later + 22_000))).toEqual(["closed"]);
  });

  it("a round that had little or no time left comes back with RESTORED_ROUND_MIN_MS", () => {
    for (const stoppedAt of [T0 + 25_000, T0 + 40_000]) {
      const d = scene("open", slow);
      const step = d.run({ kind: "restore", stoppedAt }, later);
      expect(eventOf(step, "paused").remainingMs).toBe(RESTORED_ROUND_MIN_MS);
    }
  });

  it("in a counting-down review it pauses; resume counts down again", () => {
    const d = scene("review", { ...baseConfig, autoAdvance: true });
    const step = d.run({ kind: "restore", stoppedAt: T0 + 4000 }, later);
    expect(step.events).toEqual([...awayAll(later), { type: "paused", remainingMs: 0, reason: "restart" }]);
    expect(eventOf(d.run(teacher(RESUME), later + 1000), "resumed").nextRoundAt).toBe(later + 1000 + 5000);
  });

  it("in the lobby, a waiting review or a teacher's pause it only marks the students away", () => {
    for (const phase of ["lobby", "review", "paused"] satisfies ScenePhase[]) {
      const d = scene(phase);
      const pausedBy = d.state.pausedBy;
      const step = d.run({ kind: "restore", stoppedAt: T0 + 4000 }, later);
      expect(step.events).toEqual(awayAll(later));
      expect(d.state.phase).toBe(phase);
      expect(d.state.pausedBy).toBe(pausedBy);
    }
  });

  it("a student already away keeps the later of its own grace and the restart's", () => {
    const d = scene("lobby");
    d.run({ kind: "drop", seat: 0 }, T0);
    const step = d.run({ kind: "restore", stoppedAt: T0 }, T0 + 1000);
    expect(step.events.map((e) => ("seat" in e ? e.seat : -1))).toEqual([0, 1]);
    const long = driver(baseConfig, 7, { graceMs: 10 * RESTORE_GRACE, restoreGraceMs: RESTORE_GRACE });
    long.run(join(ANA), T0);
    long.run({ kind: "drop", seat: 0 }, T0);
    expect(long.run({ kind: "restore", stoppedAt: T0 }, T0 + 1000).events).toEqual([]);
    expect(long.state.seats[0].graceUntil).toBe(T0 + 10 * RESTORE_GRACE);
  });

  it("on an ended session it does nothing", () => {
    const d = scene("ended");
    expect(d.run({ kind: "restore", stoppedAt: T0 + 3000 }, later)).toEqual({ events: [], effects: [] });
    expect(d.state.seats[0].connected).toBe(true);
  });

  it("a session restored in an open round goes on by resume only: start and pause are refused not-now", () => {
    const d = scene("open", slow);
    d.run({ kind: "restore", stoppedAt: T0 + 10_000 }, later);
    expect(d.run(teacher(START), later + 1).effects).toEqual([{ kind: "reject", reason: "not-now" }]);
    expect(d.run(teacher(PAUSE), later + 1).effects).toEqual([{ kind: "reject", reason: "not-now" }]);
  });
});
