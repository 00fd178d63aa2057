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
  LEARNERS,
  type LearnerName,
  SCHEME_DEFAULTS,
  SCHEME_NAMES,
  type SchemeName,
  schemeConfig,
} from "../../shared/engine/index.ts";
import { FlagError, realNumber, wholeNumber } from "./flags.ts";

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
  --learner RULES  rules of the bots under scalar schemes, comma-separated, each played in a row of its
                   own: perturbation | perturbation-gaussian | perturbation-robust | keep-if-improved
                   (default perturbation,perturbation-robust: the textbook rule, and the rule a live
                   class's bots play by, made to learn beside people)
  --noise S        noise strength of the noisy scheme (default ${SCHEME_DEFAULTS.noise})
  --team-size G    students per table in the teams scheme (default ${SCHEME_DEFAULTS.teamSize})
  --blocked P      share of blocked students in the blocked scheme (default ${SCHEME_DEFAULTS.blockedFraction})
  --human          human-like bots (imprecision, slider rounding, skipped rounds)
  --json           print JSON instead of a table
  --out FILE.svg   also write a chart of class error against rounds
  --help           this text`;

const SCALAR_LEARNERS: readonly LearnerName[] = LEARNER_NAMES.filter((n) =>
  LEARNERS[n].reads.includes("scalar"),
);

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
  let students: number;
  let seeds: number;
  let rounds: number;
  let outputs: number | undefined;
  let seed: number;
  let noise: number;
  let teamSize: number;
  let blocked: number;
  try {
    students = wholeNumber("students", str("students"), { fallback: 30, min: 1 });
    seeds = wholeNumber("seeds", str("seeds"), { fallback: 50, min: 1 });
    rounds = wholeNumber("rounds", str("rounds"), { fallback: 20 * students + 200, min: 2 });
    outputs = str("outputs") === undefined ? undefined : wholeNumber("outputs", str("outputs"), { min: 1 });
    seed = wholeNumber("seed", str("seed"), { fallback: 1, min: 0 });
    noise = realNumber("noise", str("noise"), { fallback: SCHEME_DEFAULTS.noise, min: 0, max: 1e6 });
    teamSize = wholeNumber("team-size", str("team-size"), { fallback: SCHEME_DEFAULTS.teamSize, min: 1 });
    blocked = realNumber("blocked", str("blocked"), {
      fallback: SCHEME_DEFAULTS.blockedFraction,
      min: 0,
      max: 1,
    });
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }

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

  const learners = (str("learner") ?? "perturbation,perturbation-robust").split(",").map((s) => s.trim());
  for (const learner of learners) {
    if (!(SCALAR_LEARNERS as readonly string[]).includes(learner))
      return {
        ok: false,
        error: `unknown learner "${learner}" for scalar schemes: choose from ${SCALAR_LEARNERS.join(", ")}${
          (LEARNER_NAMES as readonly string[]).includes(learner)
            ? " (vector schemes pick their own rule)"
            : ""
        }`,
      };
    if (names.includes("teams") && !LEARNERS[learner as LearnerName].reads.includes("team"))
      return {
        ok: false,
        error: `${learner} learns from the class score only; it cannot play the teams scheme`,
      };
  }
  if (new Set(learners).size !== learners.length) return { ok: false, error: "--learner lists a rule twice" };

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
        scalarLearners: learners.filter((l): l is LearnerName =>
          (SCALAR_LEARNERS as readonly string[]).includes(l),
        ),
        human: values.human ? HUMAN_LIKE : null,
      },
      json: values.json === true,
      out,
      help: values.help === true,
    },
  };
}
