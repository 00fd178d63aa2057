/**
 * The projector's adapter from the room's state to a ClassPicture: on the room's own schema state, synced
 * from a played session, it gives exactly the picture the session core draws; on plain objects shaped like
 * the state, bad values from the network become nulls and defaults instead of exceptions.
 */
import { describe, expect, it } from "vitest";
import type { ProjectorState, RosterRow } from "../../client/src/projector/state.ts";
import {
  numbers,
  parseFeedback,
  parseScheme,
  statePicture,
} from "../../client/src/projector/statePicture.ts";
import { ExamState } from "../../server/rooms/examState.ts";
import { initState, syncState } from "../../server/rooms/stateSync.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { freeSeat } from "../../shared/session/rules.ts";
import { driver } from "../session/driver.ts";

function session(config: SessionConfigInput, rounds: number) {
  const d = driver(config, 8);
  const seat = freeSeat(d.state);
  d.emit({ type: "joined", seat, nickname: "ana", clientKey: "key-ana-000000" });
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    if (round === 3) d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    d.emit({ type: "opened", round, closesAt: 0 });
    d.emit({ type: "submitted", round, seat, level: 0.3 + 0.1 * round, final: true });
    d.close();
  }
  return d.state;
}

/** The value with every −0 made 0. */
function unsigned(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(unsigned);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsigned(x)]));
  return v;
}

const plain = (over: Partial<ProjectorState> = {}): ProjectorState => ({
  phase: "open",
  round: 2,
  closesAt: 0,
  remainingMs: 0,
  scheme: JSON.stringify({ name: "global" }),
  endReason: "",
  code: "ACDEFG",
  exam: "independent",
  question: 0,
  twinScheme: JSON.stringify({ name: "vectorized" }),
  students: 1,
  connected: 1,
  seated: 1,
  submitted: 0,
  bots: 1,
  ...over,
});

const row = (over: Partial<RosterRow>): RosterRow => ({
  seat: 0,
  nickname: "ana",
  kind: "human",
  connected: true,
  submitted: false,
  seated: true,
  level: 0.4,
  target: 0.8,
  credit: 0.4,
  feedback: "",
  ...over,
});

describe("the room's state as a picture", () => {
  for (const exam of ["independent", "readout", "layered"] as const)
    it(`is the session core's own picture (${exam}, a student and bots, a scheme switch)`, () => {
      const s = session(
        { exam, scheme: { name: "global" }, maxStudents: 3, bots: 9, endAtCriterion: false },
        4,
      );
      const state = new ExamState();
      initState(state, s);
      syncState(state, s, null);
      const picture = statePicture(state as unknown as ProjectorState);
      // A feedback travels as JSON, which writes −0 as 0: the only difference allowed.
      expect(unsigned(picture)).toEqual(unsigned(pictureOf(s)));
      expect(picture.seats.some((seat) => seat.kind === "human" && seat.nickname === "ana")).toBe(true);
      expect(picture.chart.schemes).toEqual(["global", "global", "vectorized", "vectorized"]);
    });

  it("reads plain objects shaped like the state: rows sorted by seat, targets of −1 as none", () => {
    const roster = new Map([
      ["3", row({ seat: 3, kind: "bot", nickname: "bot 3", target: -1 })],
      ["1", row({ seat: 1, feedback: JSON.stringify({ kind: "vector", round: 2, signal: -0.2 }) })],
    ]);
    const p = statePicture(
      plain({
        exam: "readout",
        errors: [0.3, 0.2],
        twinErrors: [0.3, 0.01],
        theory: [0.3, Number.NaN],
        twinTheory: [0.3, 0],
        schemes: ["global", "global"],
        staff: { roster, answer: [0.5, 0.45], key: [0.7, 0.2], creditUnit: 0.05 },
      }),
    );
    expect(p.seats.map((s) => s.seat)).toEqual([1, 3]);
    expect(p.seats[0].feedback).toEqual({ kind: "vector", round: 2, signal: -0.2 });
    expect(p.seats[1].target).toBeNull();
    expect(p.seats[0].target).toBe(0.8);
    expect(p.answer).toEqual([0.5, 0.45]);
    expect(p.key).toEqual([0.7, 0.2]);
    expect(p.creditUnit).toBe(0.05);
    expect(p.chart.theory[1]).toBeNaN();
    expect(p.scheme).toEqual({ name: "global" });
    expect(p.twinScheme).toEqual({ name: "vectorized" });
    expect(p.exam).toBe("readout");
    expect(p.phase).toBe("open");
    expect(p.round).toBe(2);
  });

  it("turns bad values into nulls and stated defaults, never an exception", () => {
    const roster = new Map<string, RosterRow>([
      ["0", row({ seat: 0, feedback: "{not json" })],
      ["1", row({ seat: 1, feedback: JSON.stringify({ kind: "vector", round: 1, signal: "big" }) })],
      [
        "2",
        row({ seat: 2, kind: "alien", level: "x" as unknown as number, credit: null as unknown as number }),
      ],
      ["3", row({ seat: -4 })],
      ["4", null as unknown as RosterRow],
    ]);
    const p = statePicture(
      plain({
        phase: "dancing",
        exam: "quiz",
        round: -3,
        scheme: "{",
        twinScheme: JSON.stringify({ name: "teams", teamSize: -1 }),
        errors: { length: 2, at: (i: number) => (i === 0 ? 0.5 : ("x" as unknown as number)) },
        schemes: ["global", 7 as unknown as string],
        staff: { roster, creditUnit: -2 },
      }),
    );
    expect(p.seats.map((s) => s.seat)).toEqual([0, 1, 2]);
    expect(p.seats[0].feedback).toBeNull();
    expect(p.seats[1].feedback).toBeNull();
    expect(p.seats[2].kind).toBe("bot");
    expect(p.seats[2].level).toBeNaN();
    expect(p.seats[2].credit).toBeNaN();
    expect(p.phase).toBe("lobby");
    expect(p.exam).toBe("independent");
    expect(p.round).toBe(0);
    expect(p.scheme).toEqual({ name: "global" });
    expect(p.twinScheme).toEqual({ name: "vectorized" });
    expect(p.chart.errors[0]).toBe(0.5);
    expect(p.chart.errors[1]).toBeNaN();
    expect(p.chart.schemes).toEqual(["global", ""]);
    expect(p.creditUnit).toBe(1);
    expect(p.answer).toEqual([]);
  });

  it("has no seats and empty lines before the staff part of the state has arrived", () => {
    const p = statePicture(plain({ phase: "lobby" }));
    expect(p.seats).toEqual([]);
    expect(p.chart.errors).toEqual([]);
    expect(p.key).toEqual([]);
  });
});

describe("parsing a seat's feedback and a scheme", () => {
  it("accepts every feedback the engine makes and nothing else", () => {
    const good = [
      { kind: "global", round: 1, improved: null, score: 40, classError: 0.2 },
      { kind: "global", round: 2, improved: true, score: 50, classError: 0.1 },
      { kind: "team", round: 2, team: 1, improved: false, teamScore: 20, teamError: 0.3 },
      { kind: "vector", round: 2, signal: 0.05 },
      { kind: "none", round: 3 },
    ];
    for (const f of good) expect(parseFeedback(JSON.stringify(f))).toEqual(f);
    for (const bad of [
      "",
      "null",
      "[]",
      "7",
      JSON.stringify({ kind: "global", round: 1, improved: "yes", score: 1, classError: 1 }),
      JSON.stringify({ kind: "team", round: 1, improved: true, teamScore: 1, teamError: 1 }),
      JSON.stringify({ kind: "vector", signal: 1 }),
      JSON.stringify({ kind: "shout", round: 1 }),
    ])
      expect(parseFeedback(bad)).toBeNull();
    expect(parseFeedback(42)).toBeNull();
  });

  it("keeps a scheme the protocol knows, with its parameters, and falls back otherwise", () => {
    const fallback = { name: "global" } as const;
    expect(parseScheme(JSON.stringify({ name: "noisy", noise: 0.5 }), fallback)).toEqual({
      name: "noisy",
      noise: 0.5,
    });
    expect(parseScheme(JSON.stringify({ name: "noisy" }), fallback)).toBe(fallback);
    expect(parseScheme("", fallback)).toBe(fallback);
    expect(numbers(undefined)).toEqual([]);
  });
});
