/**
 * The demo's settings as text, one string per named field, the same names in the form and in the page's
 * link (`/demo?students=2000&schemeA=global&…`), so a shared link reproduces a run. One set of checks
 * serves both: the form stops at the first bad field and says why beside it; a link keeps every good
 * value and drops each bad one for its default, naming what it dropped, so a mangled link never breaks
 * the page. `toQuery` writes every setting (not only those off the defaults), so a link made today still
 * means the same run if a default changes.
 */
import {
  CLASSROOM_EXAMS,
  type ExamKind,
  SCHEME_DEFAULTS,
  SCHEME_NAMES,
  type SchemeConfig,
  type SchemeName,
  schemeConfig,
} from "../../../shared/engine/index.ts";
import {
  DEFAULT_CONFIG,
  type DemoConfig,
  MAX_NOISE,
  MAX_SEED,
  MAX_STUDENTS,
  MIN_STUDENTS,
  SPEEDS,
  type Speed,
} from "./config.ts";

export const SETTING_NAMES = [
  "students",
  "exam",
  "schemeA",
  "schemeB",
  "noise",
  "teamSize",
  "blockedFraction",
  "speed",
  "seed",
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];
export type SettingTexts = Partial<Record<SettingName, string>>;

/** The scheme parameters and the scheme each belongs to. */
export const PARAMETER_OF = { noisy: "noise", teams: "teamSize", blocked: "blockedFraction" } as const;
type Parameter = (typeof PARAMETER_OF)[keyof typeof PARAMETER_OF];

export type FormReading =
  | { readonly ok: true; readonly config: DemoConfig }
  | { readonly ok: false; readonly field: SettingName; readonly message: string };

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
const good = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(message: string): Check<T> => ({ ok: false, message });

function whole(text: string, min: number, max: number, message: string): Check<number> {
  if (!/^\d+$/.test(text)) return bad(message);
  const n = Number(text);
  return n >= min && n <= max ? good(n) : bad(message);
}

function decimal(text: string, min: number, max: number, message: string): Check<number> {
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return bad(message);
  const n = Number(text);
  return n >= min && n <= max ? good(n) : bad(message);
}

// A link may name only the exams the pages draw (the CLI has `unreachable` too).
const isExam = (v: string): v is ExamKind => (CLASSROOM_EXAMS as readonly string[]).includes(v);
const isScheme = (v: string): v is SchemeName => (SCHEME_NAMES as readonly string[]).includes(v);

const CHECKS = {
  students: (t: string) =>
    whole(
      t,
      MIN_STUDENTS,
      MAX_STUDENTS,
      `Class size must be a whole number from ${MIN_STUDENTS} to ${MAX_STUDENTS}.`,
    ),
  exam: (t: string): Check<ExamKind> => (isExam(t) ? good(t) : bad("Choose an exam.")),
  schemeA: (t: string): Check<SchemeName> => (isScheme(t) ? good(t) : bad("Choose the first scheme.")),
  schemeB: (t: string): Check<SchemeName> => (isScheme(t) ? good(t) : bad("Choose the second scheme.")),
  noise: (t: string) => decimal(t, 0, MAX_NOISE, `Noise must be a number from 0 to ${MAX_NOISE}.`),
  teamSize: (t: string) =>
    whole(t, 1, MAX_STUDENTS, `Table size must be a whole number from 1 to ${MAX_STUDENTS}.`),
  blockedFraction: (t: string) => decimal(t, 0, 1, "The blocked share must be a number from 0 to 1."),
  speed: (t: string): Check<Speed> => {
    const speed = SPEEDS.find((s) => String(s) === t);
    return speed === undefined ? bad("Choose a speed.") : good(speed);
  },
  seed: (t: string) => whole(t, 0, MAX_SEED, `Seed must be a whole number from 0 to ${MAX_SEED}.`),
} as const;

const DEFAULT_PARAMETERS: Record<Parameter, number> = {
  noise: SCHEME_DEFAULTS.noise,
  teamSize: SCHEME_DEFAULTS.teamSize,
  blockedFraction: SCHEME_DEFAULTS.blockedFraction,
};

const parameterOf = (name: SchemeName): Parameter | null =>
  name === "noisy" || name === "teams" || name === "blocked" ? PARAMETER_OF[name] : null;

/** A scheme's config with its parameter (checked already, so the engine will not refuse it). */
function schemeWith(name: SchemeName, parameters: Record<Parameter, number>): SchemeConfig {
  const p = parameterOf(name);
  return schemeConfig(name, p ? { [p]: parameters[p] } : {});
}

/** The form's reading: the first bad field, in the form's order, stops it. */
export function readSettings(texts: SettingTexts): FormReading {
  const text = (name: SettingName): string => (texts[name] ?? "").trim();
  const fail = (field: SettingName, message: string): FormReading => ({ ok: false, field, message });
  const students = CHECKS.students(text("students"));
  if (!students.ok) return fail("students", students.message);
  const exam = CHECKS.exam(text("exam"));
  if (!exam.ok) return fail("exam", exam.message);
  const a = CHECKS.schemeA(text("schemeA"));
  if (!a.ok) return fail("schemeA", a.message);
  const b = CHECKS.schemeB(text("schemeB"));
  if (!b.ok) return fail("schemeB", b.message);
  if (a.value === b.value) return fail("schemeB", "Choose two different schemes to compare.");
  const parameters = { ...DEFAULT_PARAMETERS };
  for (const name of [a.value, b.value]) {
    const p = parameterOf(name);
    if (!p) continue;
    const v = CHECKS[p](text(p));
    if (!v.ok) return fail(p, v.message);
    parameters[p] = v.value;
  }
  const speed = CHECKS.speed(text("speed"));
  if (!speed.ok) return fail("speed", speed.message);
  const seed = CHECKS.seed(text("seed"));
  if (!seed.ok) return fail("seed", seed.message);
  return {
    ok: true,
    config: {
      students: students.value,
      exam: exam.value,
      schemes: [schemeWith(a.value, parameters), schemeWith(b.value, parameters)],
      speed: speed.value,
      seed: seed.value,
    },
  };
}

export interface LinkReading {
  readonly config: DemoConfig;
  /** What was dropped, as `name=value`, in the link's order. */
  readonly ignored: readonly string[];
}

/** A link's settings: each good value kept, each bad one dropped for its default and named. */
export function fromQuery(search: string): LinkReading {
  const query = new URLSearchParams(search);
  const ignored: string[] = [];
  const take = <T>(name: SettingName, check: (t: string) => Check<T>, fallback: T): T => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const v = check(raw.trim());
    if (v.ok) return v.value;
    ignored.push(`${name}=${raw}`);
    return fallback;
  };
  const d = DEFAULT_CONFIG;
  const students = take("students", CHECKS.students, d.students);
  const exam = take("exam", CHECKS.exam, d.exam);
  const a = take("schemeA", CHECKS.schemeA, d.schemes[0].name);
  let b = take("schemeB", CHECKS.schemeB, d.schemes[1].name);
  if (a === b) {
    if (query.get("schemeB") !== null) ignored.push(`schemeB=${query.get("schemeB")} (the same as schemeA)`);
    b = [d.schemes[1].name, d.schemes[0].name].find((n) => n !== a) ?? d.schemes[1].name;
  }
  const parameters = { ...DEFAULT_PARAMETERS };
  for (const name of [a, b]) {
    const p = parameterOf(name);
    if (p) parameters[p] = take(p, CHECKS[p], parameters[p]);
  }
  const speed = take("speed", CHECKS.speed, d.speed);
  const seed = take("seed", CHECKS.seed, d.seed);
  return {
    config: { students, exam, schemes: [schemeWith(a, parameters), schemeWith(b, parameters)], speed, seed },
    ignored,
  };
}

/** Every setting as text, in the form's names (parameters of the chosen schemes only). */
export function toTexts(config: DemoConfig): SettingTexts {
  const texts: SettingTexts = {
    students: String(config.students),
    exam: config.exam,
    schemeA: config.schemes[0].name,
    schemeB: config.schemes[1].name,
  };
  for (const s of config.schemes) {
    if (s.name === "noisy") texts.noise = String(s.noise);
    if (s.name === "teams") texts.teamSize = String(s.teamSize);
    if (s.name === "blocked") texts.blockedFraction = String(s.blockedFraction);
  }
  texts.speed = String(config.speed);
  texts.seed = String(config.seed);
  return texts;
}

/** The link's query for `config`, without the leading "?". */
export function toQuery(config: DemoConfig): string {
  const texts = toTexts(config);
  const query = new URLSearchParams();
  for (const name of SETTING_NAMES) {
    const t = texts[name];
    if (t !== undefined) query.set(name, t);
  }
  return query.toString();
}

/** The one line that says what a link held that the page could not use. */
export const ignoredNote = (ignored: readonly string[]): string =>
  ignored.length === 0
    ? ""
    : ignored.length === 1
      ? `The link's setting ${ignored[0]} could not be used; its default stands.`
      : `The link's settings ${ignored.join(", ")} could not be used; their defaults stand.`;
