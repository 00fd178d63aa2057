/**
 * The bot-only demo's command line: flags in, a checked experiment out, or one clear message.
 * The flag names are a contract (scripts rely on them); every flag has a default.
 */
import { parseArgs } from "node:util";
import {
  EXAM_KINDS,
  type ExamKind,
  type ExperimentSpec,
  HUMAN_LIKE,
  LEARNER_NAMES,
  type LearnerName,
  SCHEME_DEFAULTS,
  SCHEME_NAMES,
  type SchemeName,
  schemeConfig,
} from "../../shared/engine/index.ts";

export interface DemoOptions {
  readonly experiment: ExperimentSpec;
  readonly json: boolean;
  readonly out: string | null;
  readonly help: boolean;
}

export type Parsed =
  | { readonly ok: true; readonly options: DemoOptions }
  | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: npm run demo -- [flags]

A bot-only class plays the group exam under each feedback scheme, on many seeds, each scheme at its own
best learning rate, and prints how fast each converges beside the theory.

  --students N     class size M (default 30)
  --exam KIND      ${EXAM_KINDS.join(" | ")} (default independent)
  --schemes LIST   comma-separated, from ${SCHEME_NAMES.join(", ")} (default global,vectorized)
  --seeds N        seeds (classes) per scheme (default 50)
  --rounds N       most rounds per class (default 20·M + 200)
  --outputs Q      readout outputs / second-layer students (default 2 for readout, M/5 for layered)
  --seed N         first seed (default 1)
  --learner RULE   rule of the bots under scalar schemes: perturbation | perturbation-gaussian |
                   keep-if-improved (default perturbation)
  --noise S        noise strength of the noisy scheme (default ${SCHEME_DEFAULTS.noise})
  --team-size G    students per table in the teams scheme (default ${SCHEME_DEFAULTS.teamSize})
  --blocked P      share of blocked students in the blocked scheme (default ${SCHEME_DEFAULTS.blockedFraction})
  --human          human-like bots (imprecision, slider rounding, skipped rounds)
  --json           print JSON instead of a table
  --out FILE.svg   also write a chart of class error against rounds
  --help           this text`;

const SCALAR_LEARNERS: readonly LearnerName[] = ["perturbation", "perturbation-gaussian", "keep-if-improved"];

function integer(name: string, raw: string | undefined, fallback: number, min: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) return `--${name} must be a whole number, not "${raw}"`;
  const v = Number(raw);
  if (v < min) return `--${name} must be at least ${min}, not ${v}`;
  if (!Number.isSafeInteger(v)) return `--${name} is too large: ${raw}`;
  return v;
}

function real(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | string {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) return `--${name} must be a number, not "${raw}"`;
  if (v < min || v > max) return `--${name} must be between ${min} and ${max}, not ${v}`;
  return v;
}

export function parseDemoArgs(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        students: { type: "string" },
        exam: { type: "string" },
        schemes: { type: "string" },
        seeds: { type: "string" },
        rounds: { type: "string" },
        outputs: { type: "string" },
        seed: { type: "string" },
        learner: { type: "string" },
        noise: { type: "string" },
        "team-size": { type: "string" },
        blocked: { type: "string" },
        human: { type: "boolean" },
        json: { type: "boolean" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const checks: (number | string)[] = [];
  const num = (v: number | string): number => {
    checks.push(v);
    return typeof v === "number" ? v : Number.NaN;
  };
  const students = num(integer("students", str("students"), 30, 1));
  const seeds = num(integer("seeds", str("seeds"), 50, 1));
  const rounds = num(integer("rounds", str("rounds"), 20 * (Number.isNaN(students) ? 1 : students) + 200, 2));
  const outputs = str("outputs") === undefined ? undefined : num(integer("outputs", str("outputs"), 1, 1));
  const seed = num(integer("seed", str("seed"), 1, 0));
  const noise = num(real("noise", str("noise"), SCHEME_DEFAULTS.noise, 0, 1e6));
  const teamSize = num(integer("team-size", str("team-size"), SCHEME_DEFAULTS.teamSize, 1));
  const blocked = num(real("blocked", str("blocked"), SCHEME_DEFAULTS.blockedFraction, 0, 1));
  const firstError = checks.find((c): c is string => typeof c === "string");
  if (firstError) return { ok: false, error: firstError };

  const exam = str("exam") ?? "independent";
  if (!(EXAM_KINDS as readonly string[]).includes(exam))
    return { ok: false, error: `unknown exam "${exam}": choose one of ${EXAM_KINDS.join(", ")}` };
  if (exam === "layered" && students < 2)
    return { ok: false, error: "the layered exam needs --students 2 or more" };

  const names = (str("schemes") ?? "global,vectorized").split(",").map((s) => s.trim());
  for (const n of names)
    if (!(SCHEME_NAMES as readonly string[]).includes(n))
      return { ok: false, error: `unknown scheme "${n}": choose from ${SCHEME_NAMES.join(", ")}` };
  if (new Set(names).size !== names.length) return { ok: false, error: "--schemes lists a scheme twice" };

  const learner = str("learner") ?? "perturbation";
  if (!(SCALAR_LEARNERS as readonly string[]).includes(learner))
    return {
      ok: false,
      error: `unknown learner "${learner}" for scalar schemes: choose from ${SCALAR_LEARNERS.join(", ")}${
        (LEARNER_NAMES as readonly string[]).includes(learner) ? " (vector schemes pick their own rule)" : ""
      }`,
    };
  if (learner === "keep-if-improved" && names.includes("teams"))
    return {
      ok: false,
      error: "keep-if-improved learns from the class score only; it cannot play the teams scheme",
    };

  const out = str("out") ?? null;
  if (out !== null && !out.toLowerCase().endsWith(".svg"))
    return { ok: false, error: "--out must name a .svg file" };

  return {
    ok: true,
    options: {
      experiment: {
        exam: exam as ExamKind,
        students,
        outputs,
        schemes: names.map((n) =>
          schemeConfig(n as SchemeName, { noise, teamSize, blockedFraction: blocked }),
        ),
        seeds,
        rounds,
        baseSeed: seed,
        scalarLearner: learner as LearnerName,
        human: values.human ? HUMAN_LIKE : null,
      },
      json: values.json === true,
      out,
      help: values.help === true,
    },
  };
}
