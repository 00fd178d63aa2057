/**
 * Scenes for the conductor's tests: a class of two students (three seats, two bots) brought to a phase by
 * the conductor itself, and short ways to write the inputs. Time is a plain number: every scene starts at
 * T0 and says when its round closes.
 */
import type { StaffCommand, StudentCommand } from "../../shared/protocol/messages.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import type { Effect, Input, Step } from "../../shared/session/conductor.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import { driver } from "./driver.ts";

/** A server clock far from 0 (0 means "no deadline" in the state). */
export const T0 = 1_000_000;

export const ANA = { nickname: "ana", clientKey: "key-ana-xxxxxxxx" } as const;
export const BEN = { nickname: "ben", clientKey: "key-ben-xxxxxxxx" } as const;
export const CY = { nickname: "cy", clientKey: "key-cy-xxxxxxxxx" } as const;

export const baseConfig: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 3,
  bots: 2,
  roundSeconds: 10,
  reviewSeconds: 5,
  endAtCriterion: false,
  maxRounds: 50,
};

export const teacher = (command: StaffCommand): Input => ({ kind: "staff", role: "teacher", command });
export const projector = (command: StaffCommand): Input => ({ kind: "staff", role: "projector", command });
export const join = (who: { nickname: string; clientKey: string }): Input => ({ kind: "join", ...who });
export const student = (seat: number, type: StudentCommand["type"], round: number, level: number): Input => ({
  kind: "student",
  seat,
  command: { type, body: { round, level } },
});

export const START: StaffCommand = { type: "start", body: {} };
export const PAUSE: StaffCommand = { type: "pause", body: {} };
export const RESUME: StaffCommand = { type: "resume", body: {} };
export const ADVANCE: StaffCommand = { type: "advance", body: {} };
export const END: StaffCommand = { type: "end", body: {} };
export const REVEAL: StaffCommand = { type: "reveal", body: {} };

export type ScenePhase = "lobby" | "open" | "review" | "paused" | "ended";

/**
 * Ana (seat 0) and Ben (seat 1) joined, then the class brought to `phase` at T0: "open" is round 1 closing at
 * T0 + 10 s; "review" is round 1 closed by the teacher; "paused" is round 1 paused 4 s in; "ended" the teacher's end.
 */
export function scene(phase: ScenePhase, config: SessionConfigInput = baseConfig) {
  const d = driver(config);
  d.run(join(ANA), T0 - 2000);
  d.run(join(BEN), T0 - 1000);
  if (phase !== "lobby") d.run(teacher(START), T0);
  if (phase === "review") d.run(teacher(ADVANCE), T0 + 3000);
  if (phase === "paused") d.run(teacher(PAUSE), T0 + 4000);
  if (phase === "ended") d.run(teacher(END), T0 + 3000);
  return d;
}

export const types = (step: Step): string[] => step.events.map((e) => e.type);
export const rejects = (step: Step): string[] =>
  step.effects.flatMap((e) => (e.kind === "reject" ? [e.reason] : []));
export const effectsOf = <K extends Effect["kind"]>(step: Step, kind: K): Extract<Effect, { kind: K }>[] =>
  step.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
export const seatsTold = (step: Step, kind: "you" | "feedback"): number[] =>
  effectsOf(step, kind).map((e) => e.seat);

/** The step's only event of this type (a test fails if there is none). */
export function eventOf<T extends SessionEvent["type"]>(
  step: Step,
  type: T,
): Extract<SessionEvent, { type: T }> {
  const found = step.events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} event, got ${found.length}`);
  return found[0];
}
