/**
 * The demo's settings, read from its form and checked there: the page never builds a class from a value
 * the engine would refuse, and a bad value is reported next to the form instead of thrown.
 */
import { EXAM_KINDS, type ExamKind, SCHEME_NAMES, type SchemeName } from "../../../shared/engine/index.ts";

export interface DemoConfig {
  readonly students: number;
  readonly exam: ExamKind;
  /** The two schemes compared, left and right. */
  readonly schemes: readonly [SchemeName, SchemeName];
  /** Rounds per second while playing. */
  readonly speed: number;
  readonly seed: number;
}

export const DEFAULT_CONFIG: DemoConfig = {
  students: 30,
  exam: "independent",
  schemes: ["global", "vectorized"],
  speed: 60,
  seed: 1,
};

export const MIN_STUDENTS = 2;
export const MAX_STUDENTS = 2000;
export const SPEEDS = [2, 10, 60, 250, 1000] as const;
const MAX_SEED = 0xffffffff;

/** The same limit as the command line's default `--rounds`. */
export const roundLimit = (students: number): number => 20 * students + 200;

export type FormReading =
  | { readonly ok: true; readonly config: DemoConfig }
  | { readonly ok: false; readonly field: string; readonly message: string };

const isExam = (v: string): v is ExamKind => (EXAM_KINDS as readonly string[]).includes(v);
const isScheme = (v: string): v is SchemeName => (SCHEME_NAMES as readonly string[]).includes(v);

function field(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value.trim() : "";
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export function readForm(form: HTMLFormElement): FormReading {
  const students = wholeNumber(field(form, "students"), MIN_STUDENTS, MAX_STUDENTS);
  if (students === null)
    return {
      ok: false,
      field: "students",
      message: `Class size must be a whole number from ${MIN_STUDENTS} to ${MAX_STUDENTS}.`,
    };
  const exam = field(form, "exam");
  if (!isExam(exam)) return { ok: false, field: "exam", message: "Choose an exam." };
  const a = field(form, "schemeA");
  const b = field(form, "schemeB");
  if (!isScheme(a)) return { ok: false, field: "schemeA", message: "Choose the first scheme." };
  if (!isScheme(b)) return { ok: false, field: "schemeB", message: "Choose the second scheme." };
  if (a === b) return { ok: false, field: "schemeB", message: "Choose two different schemes to compare." };
  const speed = Number(field(form, "speed"));
  if (!(SPEEDS as readonly number[]).includes(speed))
    return { ok: false, field: "speed", message: "Choose a speed." };
  const seed = wholeNumber(field(form, "seed"), 0, MAX_SEED);
  if (seed === null)
    return { ok: false, field: "seed", message: `Seed must be a whole number from 0 to ${MAX_SEED}.` };
  return { ok: true, config: { students, exam, schemes: [a, b], speed, seed } };
}

/** True when two settings give the same classes (only the speed differs, or nothing). */
export function sameClasses(x: DemoConfig, y: DemoConfig): boolean {
  return (
    x.students === y.students &&
    x.exam === y.exam &&
    x.seed === y.seed &&
    x.schemes[0] === y.schemes[0] &&
    x.schemes[1] === y.schemes[1]
  );
}
