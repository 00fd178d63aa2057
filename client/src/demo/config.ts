/**
 * The demo's settings as plain data: what classes to build (size, exam, the two schemes with their
 * parameters, the seed) and how fast to play them. Reading them from the form or a link is settings.ts;
 * this file only says what a setting is, its defaults and its bounds.
 */
import type { ExamKind, ExamSpec, SchemeConfig } from "../../../shared/engine/index.ts";

/** Rounds per second while playing, or "max": as many as the machine plays. */
export type Speed = number | "max";

export interface DemoConfig {
  readonly students: number;
  readonly exam: ExamKind;
  /** The two schemes compared, left and right, each with its parameters. */
  readonly schemes: readonly [SchemeConfig, SchemeConfig];
  readonly speed: Speed;
  readonly seed: number;
}

export const DEFAULT_CONFIG: DemoConfig = {
  students: 30,
  exam: "independent",
  schemes: [{ name: "global" }, { name: "vectorized" }],
  speed: 60,
  seed: 1,
};

export const MIN_STUDENTS = 2;
export const MAX_STUDENTS = 2000;
export const SPEEDS: readonly Speed[] = [2, 10, 60, 250, 1000, "max"];
export const MAX_SEED = 0xffffffff;
/** The noisy scheme's noise, relative to the class's RMS signal: beyond 10 the signal is lost anyway. */
export const MAX_NOISE = 10;

/** The same limit as the command line's default `--rounds`. */
export const roundLimit = (students: number): number => 20 * students + 200;

/** The exam every class of a run plays, as the command line's `examSpecFor` builds it. */
export const examOf = (config: DemoConfig): ExamSpec => ({
  kind: config.exam,
  students: config.students,
  questions: 1,
  seed: config.seed,
});

/** True when two settings give the same classes (only the speed differs, or nothing). */
export function sameClasses(x: DemoConfig, y: DemoConfig): boolean {
  return (
    x.students === y.students &&
    x.exam === y.exam &&
    x.seed === y.seed &&
    JSON.stringify(x.schemes) === JSON.stringify(y.schemes)
  );
}

/** The speed as the status line says it ("Playing, …"). */
export const speedText = (speed: Speed): string =>
  speed === "max" ? "as fast as this machine allows" : `${speed.toLocaleString("en")} rounds a second`;

/** The speed as its menu lists it (short enough not to be cut off in the form's column). */
export const speedChoice = (speed: Speed): string =>
  speed === "max" ? "as fast as possible" : `${speed.toLocaleString("en")} rounds a second`;
