/**
 * The bot-only demo's command line: flags in, a checked experiment out, or one clear message.
 * The flag names are a contract (scripts rely on them); every flag has a default.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_SIGMA,
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
  TUNING_SEEDS,
} from "../../shared/engine/index.ts";
import { FlagError, realNumber, wholeNumber } from "./flags.ts";

export interface DemoOptions {
  /** The experiment at the first class size. */
  readonly experiment: ExperimentSpec;
  /** Every class size asked for (`--students 10,30,100`): one experiment each, and a plot against M. */
  readonly classSizes: readonly number[];
  /** Whether --rounds was given (else each class size gets its own 20·M + 200). */
  readonly roundsGiven: boolean;
  readonly json: boolean;
  readonly out: string | null;
  readonly csv: string | null;
  readonly plots: string | null;
  readonly help: boolean;
}

export type Parsed =
  | { readonly ok: true; readonly options: DemoOptions }
  | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: npm run demo -- [flags]

A bot-only class plays the group exam under each feedback scheme, on many seeds, each scheme at its own
best learning rate, and prints how fast each converges beside the theory.

  --students N     class size M (default 30); a list (10,30,100) runs each and plots the speedup against M
  --exam KIND      ${EXAM_KINDS.join(" | ")} (default independent)
  --schemes LIST   comma-separated, from ${SCHEME_NAMES.join(", ")} (default global,vectorized)
  --seeds N        seeds (classes) per scheme (default 50)
  --rounds N       most rounds per class (default 20·M + 200)
  --outputs Q      readout outputs / second-layer students (default 2 for readout, M/5 for layered)
  --seed N         first seed: the reported classes are seeds N … N + seeds − 1 (default 1); the rate
                   sweep's tuning seeds come from another stream and are never among them
  --learner RULES  rules of the bots under scalar schemes, comma-separated, each played in a row of its
                   own: perturbation | perturbation-gaussian | perturbation-robust | keep-if-improved
                   (default perturbation,perturbation-robust: the textbook rule, and the rule a live
                   class's bots play by, made to learn beside people)
  --noise S        noise strength of the noisy scheme (default ${SCHEME_DEFAULTS.noise})
  --team-size G    students per table in the teams scheme (default ${SCHEME_DEFAULTS.teamSize}); a list
                   (1,2,5,10) plays teams once per size: the dial between vectorized and global
  --blocked P      share of blocked students in the blocked scheme (default ${SCHEME_DEFAULTS.blockedFraction})
  --human          human-like bots (imprecision, slider rounding, skipped rounds)
  --rate R         fix the learning rate by hand instead of the theory's or the sweep's: one number for
                   every scheme, or per scheme (global=0.177,vectorized=0.5)
  --sigma S        jiggle size σ of the textbook perturbation rules (default ${DEFAULT_SIGMA})
  --score-noise S  noise on the class error the class hears: Gaussian, of size S in class-error units
                   (default 0, off); the bots learn from what they hear, the figures stay exact
  --tuning-seeds N seeds of the rate sweep (default ${TUNING_SEEDS})
  --json           print JSON instead of a table: per-seed values, curves (mean and band per round),
                   base seed, σ, rates and the sweep's trials
  --csv FILE.csv   also write every class error: one row per scheme × seed × round
  --out FILE.svg   also write a chart of class error against rounds
  --plots DIR      also write the charts into DIR: convergence.svg, sweep.svg (the rate sweep's trials),
                   speedup.svg (with a --students list), teams-dial.svg (with a --team-size list)
  --help           this text`;

const SCALAR_LEARNERS: readonly LearnerName[] = LEARNER_NAMES.filter((n) =>
  LEARNERS[n].reads.includes("scalar"),
);

/** "a,b,c" → its trimmed items; absent → none. */
const list = (raw: string | undefined): string[] =>
  raw === undefined ? [] : raw.split(",").map((v) => v.trim());

/** A number above 0 (a rate, a jiggle size): 0 would mean no learning at all. */
function positive(name: string, raw: string, max: number): number {
  const v = realNumber(name, raw, { min: 0, max });
  if (v === 0) throw new FlagError(`--${name} must be above 0`);
  return v;
}

const rateOf = (name: string, raw: string): number => positive(name, raw, 1e6);

/** `--rate 0.2` (every scheme) or `--rate global=0.177,vectorized=0.5` (per scheme). */
function parseRates(raw: string | undefined): { all?: number; each: Record<string, number> } {
  if (raw === undefined) return { each: {} };
  if (!raw.includes("=")) return { all: rateOf("rate", raw), each: {} };
  const each: Record<string, number> = {};
  for (const item of list(raw)) {
    const [name, value, ...rest] = item.split("=").map((v) => v.trim());
    if (!name || value === undefined || rest.length)
      throw new FlagError(
        `--rate must be a number or scheme=rate pairs (global=0.177,vectorized=0.5), not "${raw}"`,
      );
    if (!(SCHEME_NAMES as readonly string[]).includes(name))
      throw new FlagError(`--rate names an unknown scheme "${name}": choose from ${SCHEME_NAMES.join(", ")}`);
    if (name in each) throw new FlagError(`--rate gives ${name} twice`);
    each[name] = rateOf("rate", value);
  }
  return { each };
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
        rate: { type: "string" },
        sigma: { type: "string" },
        "score-noise": { type: "string" },
        "tuning-seeds": { type: "string" },
        json: { type: "boolean" },
        csv: { type: "string" },
        out: { type: "string" },
        plots: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const str = (k: string): string | undefined => {
    const v = values[k];
    return typeof v === "string" ? v : undefined;
  };
  let classSizes: number[];
  let students: number;
  let seeds: number;
  let rounds: number;
  let outputs: number | undefined;
  let seed: number;
  let noise: number;
  let teamSize: number;
  let blocked: number;
  let teamSizes: number[];
  let sigma: number;
  let scoreNoise: number | undefined;
  let tuningSeeds: number;
  let rates: { all?: number; each: Record<string, number> };
  try {
    classSizes = list(str("students")).map((v) => wholeNumber("students", v, { min: 1 }));
    if (classSizes.length === 0) classSizes = [30];
    students = classSizes[0];
    seeds = wholeNumber("seeds", str("seeds"), { fallback: 50, min: 1 });
    rounds = wholeNumber("rounds", str("rounds"), { fallback: 20 * students + 200, min: 2 });
    outputs = str("outputs") === undefined ? undefined : wholeNumber("outputs", str("outputs"), { min: 1 });
    seed = wholeNumber("seed", str("seed"), { fallback: 1, min: 0 });
    noise = realNumber("noise", str("noise"), { fallback: SCHEME_DEFAULTS.noise, min: 0, max: 1e6 });
    teamSizes = list(str("team-size")).map((v) => wholeNumber("team-size", v, { min: 1 }));
    if (teamSizes.length === 0) teamSizes = [SCHEME_DEFAULTS.teamSize];
    teamSize = teamSizes[0];
    sigma = str("sigma") === undefined ? DEFAULT_SIGMA : positive("sigma", str("sigma") ?? "", 0.5);
    scoreNoise =
      str("score-noise") === undefined
        ? undefined
        : realNumber("score-noise", str("score-noise"), { min: 0, max: 1e6 });
    tuningSeeds = wholeNumber("tuning-seeds", str("tuning-seeds"), { fallback: TUNING_SEEDS, min: 1 });
    rates = parseRates(str("rate"));
    blocked = realNumber("blocked", str("blocked"), {
      fallback: SCHEME_DEFAULTS.blockedFraction,
      min: 0,
      max: 1,
    });
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }

  if (new Set(classSizes).size !== classSizes.length)
    return { ok: false, error: "--students lists a size twice" };
  if (new Set(teamSizes).size !== teamSizes.length)
    return { ok: false, error: "--team-size lists a size twice" };
  const exam = str("exam") ?? "independent";
  if (!(EXAM_KINDS as readonly string[]).includes(exam))
    return { ok: false, error: `unknown exam "${exam}": choose one of ${EXAM_KINDS.join(", ")}` };
  if (exam === "layered" && classSizes.some((m) => m < 2))
    return { ok: false, error: "the layered exam needs --students 2 or more" };

  const names = (str("schemes") ?? "global,vectorized").split(",").map((s) => s.trim());
  for (const n of names)
    if (!(SCHEME_NAMES as readonly string[]).includes(n))
      return { ok: false, error: `unknown scheme "${n}": choose from ${SCHEME_NAMES.join(", ")}` };
  if (new Set(names).size !== names.length) return { ok: false, error: "--schemes lists a scheme twice" };
  for (const n of Object.keys(rates.each))
    if (!names.includes(n)) return { ok: false, error: `--rate names ${n}, which is not in --schemes` };

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
  const csv = str("csv") ?? null;
  if (csv !== null && !csv.toLowerCase().endsWith(".csv"))
    return { ok: false, error: "--csv must name a .csv file" };

  return {
    ok: true,
    options: {
      experiment: {
        exam: exam as ExamKind,
        students,
        outputs,
        schemes: names.flatMap((n) =>
          (n === "teams" ? teamSizes : [teamSize]).map((size) =>
            schemeConfig(n as SchemeName, { noise, teamSize: size, blockedFraction: blocked }),
          ),
        ),
        seeds,
        rounds,
        baseSeed: seed,
        scalarLearners: learners.filter((l): l is LearnerName =>
          (SCALAR_LEARNERS as readonly string[]).includes(l),
        ),
        human: values.human ? HUMAN_LIKE : null,
        sigma,
        tuningSeeds,
        ...(scoreNoise === undefined ? {} : { scoreNoise }),
        ...(rates.all === undefined ? {} : { rate: rates.all }),
        ...(Object.keys(rates.each).length ? { rates: rates.each } : {}),
      },
      classSizes,
      roundsGiven: str("rounds") !== undefined,
      json: values.json === true,
      out,
      csv,
      plots: str("plots") ?? null,
      help: values.help === true,
    },
  };
}
