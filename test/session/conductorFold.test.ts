/**
 * The conductor's one promise, for any sequence of inputs: after every step the state is the fold of the log.
 * Random joins (a few names and browser keys), drops, returns, leaves, levels and submissions (some out of
 * range or for another round), every teacher command (kicks and bans of random seats too), deadlines at
 * increasing times and restarts go through `conduct`; `replay(log)` must then agree with the live state on
 * everything a screen or a deadline reads, no step may throw, and no seat is ever held by two keys.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StaffCommand } from "../../shared/protocol/messages.ts";
import type { SchemeConfig, SessionConfigInput } from "../../shared/protocol/session.ts";
import { type Input, nextDeadline, type Step } from "../../shared/session/conductor.ts";
import { replay } from "../../shared/session/replay.ts";
import type { SessionState } from "../../shared/session/session.ts";
import { ADVANCE, END, PAUSE, RESUME, REVEAL, START, T0 } from "./conductorScenes.ts";
import { driver } from "./driver.ts";

const NAMES = ["ana", "ANA", "ben", "cy", "dee"];
const KEYS = ["key-a-xxxxxxxx", "key-b-xxxxxxxx", "key-c-xxxxxxxx", "key-d-xxxxxxxx", "key-e-xxxxxxxx"];
const SCHEMES: SchemeConfig[] = [
  { name: "global" },
  { name: "vectorized" },
  { name: "sign" },
  { name: "noisy", noise: 0.5 },
  { name: "teams", teamSize: 2 },
];

/** Seats 0–5: students', the bots' first ones, and past a small class. */
const seatArb = fc.integer({ min: 0, max: 5 });

/** The commands that move the class on come most often, the end seldom, so most runs play a few rounds. */
const staffArb: fc.Arbitrary<StaffCommand> = fc.oneof(
  { arbitrary: fc.constantFrom(START, ADVANCE, ADVANCE, ADVANCE, PAUSE, RESUME, RESUME, REVEAL), weight: 14 },
  { arbitrary: fc.constant(END), weight: 1 },
  { arbitrary: seatArb.map((seat): StaffCommand => ({ type: "kick", body: { seat } })), weight: 2 },
  { arbitrary: seatArb.map((seat): StaffCommand => ({ type: "ban", body: { seat } })), weight: 2 },
  fc.constantFrom(...SCHEMES).map((scheme): StaffCommand => ({ type: "scheme", body: { scheme } })),
  fc.integer({ min: 2, max: 20 }).map((seconds): StaffCommand => ({ type: "roundTime", body: { seconds } })),
  fc.integer({ min: 0, max: 25 }).map((count): StaffCommand => ({ type: "bots", body: { count } })),
  fc.boolean().map((locked): StaffCommand => ({ type: "lock", body: { locked } })),
  fc.boolean().map((enabled): StaffCommand => ({ type: "standIns", body: { enabled } })),
  fc
    .record({ enabled: fc.boolean(), seconds: fc.integer({ min: 0, max: 10 }) })
    .map((body): StaffCommand => ({ type: "autoAdvance", body })),
);

const levelArb = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 6 },
  { arbitrary: fc.constantFrom(-0.5, 1.5, Number.NaN), weight: 1 },
);

/** An input as data; the round of a submission is relative to the open one, so most of them count. */
type Act =
  | { readonly kind: "join"; readonly name: number; readonly key: number }
  | { readonly kind: "drop" | "return"; readonly seat: number }
  | { readonly kind: "leave"; readonly seat: number; readonly reason: "left" | "dropped" }
  | {
      readonly kind: "student";
      readonly seat: number;
      readonly type: "level" | "submit";
      readonly offset: number;
      readonly level: number;
    }
  | { readonly kind: "staff"; readonly role: "teacher" | "projector"; readonly command: StaffCommand }
  /** A due now, or at the next deadline exactly. */
  | { readonly kind: "due"; readonly atDeadline: boolean }
  | { readonly kind: "restore"; readonly back: number };

const actArb: fc.Arbitrary<Act> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("join"), name: fc.nat(4), key: fc.nat(4) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom("drop", "return"), seat: seatArb }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant("leave"),
      seat: seatArb,
      reason: fc.constantFrom("left", "dropped"),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("student"),
      seat: fc.oneof({ arbitrary: fc.nat(2), weight: 5 }, { arbitrary: seatArb, weight: 1 }),
      type: fc.constantFrom("level", "submit", "submit"),
      offset: fc.constantFrom(0, 0, 0, 0, -1, 1),
      level: levelArb,
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("staff"),
      role: fc.constantFrom("teacher", "teacher", "teacher", "projector"),
      command: staffArb,
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant("due"), atDeadline: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("restore"), back: fc.nat(30_000) }), weight: 1 },
);

/** Mostly a few seconds between inputs, now and then more than a round or a grace. */
const dtArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.nat(3000), weight: 6 },
  { arbitrary: fc.nat(90_000), weight: 1 },
);
const stepArb = fc.record({ act: actArb, dt: dtArb });

const configArb: fc.Arbitrary<SessionConfigInput> = fc.record({
  exam: fc.constantFrom("independent", "readout"),
  scheme: fc.constantFrom(...SCHEMES),
  maxStudents: fc.integer({ min: 1, max: 4 }),
  bots: fc.integer({ min: 0, max: 3 }),
  questions: fc.integer({ min: 1, max: 2 }),
  roundSeconds: fc.integer({ min: 2, max: 20 }),
  reviewSeconds: fc.integer({ min: 0, max: 8 }),
  autoAdvance: fc.boolean(),
  standIns: fc.boolean(),
  endAtCriterion: fc.boolean(),
  maxRounds: fc.integer({ min: 2, max: 8 }),
});

const seedArb = fc.integer({ min: 0, max: 2 ** 31 });

/** Most runs open with a few students seated and the session started, so that rounds get played. */
const openingArb = fc.oneof(
  fc.constant([]),
  fc.integer({ min: 1, max: 3 }).map((students) => [
    ...Array.from({ length: students }, (_, i) => ({
      act: { kind: "join", name: [0, 2, 3][i], key: i } satisfies Act,
      dt: 100,
    })),
    { act: { kind: "staff", role: "teacher", command: START } satisfies Act, dt: 100 },
  ]),
);

function inputOf(act: Act, state: SessionState, now: number): { input: Input; now: number } {
  switch (act.kind) {
    case "join":
      return { input: { kind: "join", nickname: NAMES[act.name], clientKey: KEYS[act.key] }, now };
    case "drop":
    case "return":
      return { input: { kind: act.kind, seat: act.seat }, now };
    case "leave":
      return { input: { kind: "leave", seat: act.seat, reason: act.reason }, now };
    case "student": {
      const body = { round: state.round + act.offset, level: act.level };
      return { input: { kind: "student", seat: act.seat, command: { type: act.type, body } }, now };
    }
    case "staff":
      return { input: { kind: "staff", role: act.role, command: act.command }, now };
    case "due":
      return {
        input: { kind: "due" },
        now: act.atDeadline ? Math.max(now, nextDeadline(state) ?? now) : now,
      };
    case "restore":
      return { input: { kind: "restore", stoppedAt: now - act.back }, now };
  }
}

/** Everything a screen, a replay or a deadline reads. */
function observable(s: SessionState) {
  return {
    phase: s.phase,
    endReason: s.endReason,
    round: s.round,
    question: s.question,
    closesAt: s.closesAt,
    remainingMs: s.remainingMs,
    pausedIn: s.pausedIn,
    pausedBy: s.pausedBy,
    nextRoundAt: s.nextRoundAt,
    revealed: s.revealed,
    locked: s.locked,
    standIns: s.standIns,
    autoAdvance: s.autoAdvance,
    reviewSeconds: s.reviewSeconds,
    roundSeconds: s.roundSeconds,
    bots: s.bots,
    pendingScheme: s.pendingScheme,
    seats: s.seats.map((seat) => ({ ...seat })),
    results: s.results.map((r) => ({ ...r })),
    checksums: s.results.map((r) => r.checksum),
    banned: [...s.banned].sort(),
    bannedNames: [...s.bannedNames].sort(),
    away: [...s.away].sort(),
    levels: [...s.live.levels],
    deadline: nextDeadline(s),
  };
}

/** A seat changes hands only through the conductor: a fresh seat was empty, a seat taken back was let go first. */
function expectOneHolder(step: Step, before: readonly string[], state: SessionState): void {
  step.effects.forEach((effect, i) => {
    if (effect.kind !== "seat") return;
    const fresh = step.events.some((e) => e.type === "joined" && e.seat === effect.seat);
    if (fresh) expect(before[effect.seat]).toBe("empty");
    else expect(step.effects[i - 1]).toEqual({ kind: "release", seat: effect.seat, why: "elsewhere" });
  });
  for (const effect of step.effects)
    if (effect.kind === "release" && effect.why !== "elsewhere")
      expect(step.events).toContainEqual({ type: "left", seat: effect.seat, reason: effect.why });
  const keys = state.seats.filter((s) => s.kind === "human").map((s) => s.clientKey);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.every((k) => k !== "")).toBe(true);
  for (const seat of state.away) expect(state.seats[seat]).toMatchObject({ kind: "human", connected: false });
}

describe("the conductor's log is the state", () => {
  it("for any sequence of inputs, replay(log) equals the live state after every step, nothing throws, and no seat has two keys", () => {
    fc.assert(
      fc.property(
        configArb,
        seedArb,
        openingArb,
        fc.array(stepArb, { minLength: 10, maxLength: 55 }),
        (config, seed, opening, steps) => {
          const d = driver(config, seed);
          let now = T0;
          for (const { act, dt } of [...opening, ...steps]) {
            const next = inputOf(act, d.state, now + dt);
            now = next.now;
            const before = d.state.seats.map((s) => s.kind);
            const step = d.run(next.input, now);
            expectOneHolder(step, before, d.state);
            expect(observable(replay(d.log))).toEqual(observable(d.state));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
