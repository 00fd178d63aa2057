/**
 * A comparison of schemes: for each scheme, its bot rule at its own best rate, played on many seeds (each
 * seed a different exam and class), with the theory beside the measurement. This is what the command-line
 * demo prints and the browser demo draws.
 *
 * All seeds of a scheme advance together, round by round, and stop when every seed has met the criterion
 * and a quarter as many rounds again have been played (so the curves show the approach), or at the horizon.
 *
 * The headline is the ratio of τ (rounds per e-fold of the class error) against `global`, paired seed by
 * seed (the same exam, class and seed under both schemes), with its band; rounds to criterion beside it. A
 * scheme whose error vanishes in a round (η = 1 on a separable quadratic: the signal is the answer itself)
 * has no τ to divide by, and says so (`exactIn`) instead of a number. Every per-seed value, the curves,
 * the base seed, σ, the rates and the sweep's trials are kept for whoever wants the data.
 */
import type { HumanNoise } from "./bots.ts";
import {
  type Band,
  bandOf,
  criterionError,
  efoldTime,
  exactRound,
  roundsToCriterion,
  type Summary,
  summarize,
} from "./convergence.ts";
import type { ExamKind, ExamSpec } from "./exam.ts";
import { createExam } from "./exams/index.ts";
import { criterionOf } from "./humanLike.ts";
import { DEFAULT_SIGMA, defaultLearnerName, LEARNERS, type LearnerName } from "./learners.ts";
import { deriveSeed } from "./random.ts";
import { createScheme, type SchemeConfig } from "./schemes.ts";
import { type BotClass, createBotClass, playRound } from "./simulate.ts";
import { predict, predictedTau, predictedTrace } from "./theory.ts";
import { bestRate, type RateChoice, type TuneOptions } from "./tuning.ts";

/** A scheme's rate: the theory's or the sweep's (`RateChoice`), or one fixed by hand. */
export type SchemeRate =
  | RateChoice
  | {
      readonly rate: number;
      readonly source: "fixed";
      readonly trials: readonly [];
      readonly tuningSeeds: readonly [];
      readonly stable: boolean;
    };

export interface ExperimentSpec {
  readonly exam: ExamKind;
  readonly students: number;
  readonly outputs?: number;
  readonly schemes: readonly SchemeConfig[];
  readonly seeds: number;
  /** Most rounds any class plays. */
  readonly rounds: number;
  /** First seed; seed k of the run is baseSeed + k. */
  readonly baseSeed?: number;
  /** Rule for scalar schemes (default: ±σ node perturbation). */
  readonly scalarLearner?: LearnerName;
  /**
   * Several rules for scalar schemes, each scalar scheme played once per rule (so the textbook rule and the
   * robust one stand side by side); overrides `scalarLearner`.
   */
  readonly scalarLearners?: readonly LearnerName[];
  readonly human?: HumanNoise | null;
  /** Jiggle size σ of the textbook perturbation rules (default `DEFAULT_SIGMA`). */
  readonly sigma?: number;
  /** A rate fixed by hand for every scheme, instead of the theory's or the sweep's. */
  readonly rate?: number;
  /** Rates fixed by hand per scheme name (wins over `rate`). */
  readonly rates?: Readonly<Record<string, number>>;
  /** Tuning seeds of the sweep (default 16). */
  readonly tuningSeeds?: number;
  /**
   * Noise on the class error the class hears (scoreNoise.ts; off when absent or 0): the bots learn from
   * what they hear, the measured class error stays exact. Rates are tuned, and the theory drawn, without it.
   */
  readonly scoreNoise?: number;
}

/** One seed's figures under one scheme. */
export interface SeedOutcome {
  readonly seed: number;
  readonly roundsToCriterion: number | null;
  /** e-fold time in rounds: 0 when exact, Infinity when the error never fell e³-fold. */
  readonly tau: number;
  /** The round whose error is the key itself, to rounding (null: never). */
  readonly exactIn: number | null;
  readonly startError: number;
  readonly finalError: number;
}

export interface SchemeOutcome {
  readonly scheme: SchemeConfig;
  readonly learner: LearnerName;
  readonly roundsPerUpdate: number;
  readonly rate: SchemeRate;
  readonly sigma: number;
  readonly roundsToCriterion: Summary;
  /** e-fold time fitted to the seed-mean class error (the quantity the theory predicts). */
  readonly tauMeasured: number;
  /** 10–90 % band of the e-fold times fitted seed by seed. */
  readonly tauBand: Summary;
  readonly tauPredicted: number | null;
  readonly theoryExact: boolean | null;
  /**
   * Mean rounds to criterion of `global` (played by the same rule where it was, else the textbook rule)
   * over this scheme's (null without `global` or when one never got there).
   */
  readonly speedupOverGlobal: number | null;
  /** `global`'s τ over this scheme's, of the seed-mean curves (null: not measured, e.g. exact or never). */
  readonly tauRatio: number | null;
  /** The same ratio seed by seed (paired): its 10–90 % band and the share where both τ were measured. */
  readonly tauRatioBand: Summary;
  /** The round in which every seed's error vanished (to rounding), when all did: τ has no meaning then. */
  readonly exactIn: number | null;
  readonly perSeed: readonly SeedOutcome[];
  readonly curve: Band;
  /** Each seed's class error per round, as long as the curve. */
  readonly traces: readonly Float64Array[];
  readonly theoryCurve: Float64Array | null;
}

export interface ExperimentResult {
  readonly spec: ExperimentSpec;
  readonly outcomes: readonly SchemeOutcome[];
}

export type Progress = (done: number, total: number, label: string) => void;

export function examSpecFor(spec: ExperimentSpec, seed: number): ExamSpec {
  return { kind: spec.exam, students: spec.students, questions: 1, outputs: spec.outputs, seed };
}

/** The bot rule a scheme's classes play by: what the scheme sends decides it; scalar schemes take `scalar`. */
export function schemeLearner(
  exam: ExamSpec,
  scheme: SchemeConfig,
  scalar: LearnerName = "perturbation",
): LearnerName {
  const kind = createScheme(scheme, createExam(exam)).kind;
  return kind === "vector" ? defaultLearnerName(kind, scheme.name) : scalar;
}

/** How a scheme's rate is tuned: on an exam drawn from the tuning seed, with the run's length as horizon. */
export function tuningFor(
  exam: ExamSpec,
  scheme: SchemeConfig,
  learner: LearnerName,
  horizon: number,
): TuneOptions {
  return { exam: { ...exam, seed: deriveSeed(exam.seed, "tuning") }, scheme, learner, horizon };
}

export function runExperiment(spec: ExperimentSpec, progress: Progress = () => {}): ExperimentResult {
  const base = spec.baseSeed ?? 1;
  const scalars = spec.scalarLearners ?? [spec.scalarLearner ?? "perturbation"];
  const probe = examSpecFor(spec, base);
  // One run per scheme, and per scalar rule for the schemes that send a scalar.
  const plays = spec.schemes.flatMap((scheme) =>
    schemeLearner(probe, scheme) === "perturbation"
      ? scalars.map((learner) => ({ scheme, learner }))
      : [{ scheme, learner: schemeLearner(probe, scheme) }],
  );
  const raw = plays.map(({ scheme, learner }, index) => {
    progress(index, plays.length, `${scheme.name}: tuning`);
    return runScheme(spec, scheme, learner, base, (done, total) =>
      progress(index + done / total, plays.length, scheme.name),
    );
  });
  progress(plays.length, plays.length, "done");
  // Against the global row of the same rule, else the first global row (the textbook rule).
  const globals = raw.filter((o) => o.scheme.name === "global");
  const measured = (t: number): boolean => Number.isFinite(t) && t > 0;
  const outcomes = raw.map((o) => {
    const global = globals.find((g) => g.learner === o.learner) ?? globals[0];
    return {
      ...o,
      speedupOverGlobal:
        global?.roundsToCriterion.mean != null &&
        o.roundsToCriterion.mean != null &&
        o.roundsToCriterion.mean > 0
          ? global.roundsToCriterion.mean / o.roundsToCriterion.mean
          : null,
      tauRatio:
        global && measured(global.tauMeasured) && measured(o.tauMeasured)
          ? global.tauMeasured / o.tauMeasured
          : null,
      tauRatioBand: summarize(
        o.perSeed.map((p, s) => {
          const g = global?.perSeed[s]?.tau ?? Number.NaN;
          return measured(g) && measured(p.tau) ? g / p.tau : null;
        }),
      ),
    };
  });
  return { spec, outcomes };
}

/** The rate a scheme plays at when fixed by hand (per name first, then for all), else null. */
export function fixedRate(spec: ExperimentSpec, scheme: SchemeConfig): number | null {
  return spec.rates?.[scheme.name] ?? spec.rate ?? null;
}

function runScheme(
  spec: ExperimentSpec,
  scheme: SchemeConfig,
  learner: LearnerName,
  baseSeed: number,
  progress: (done: number, total: number) => void,
): Omit<SchemeOutcome, "speedupOverGlobal" | "tauRatio" | "tauRatioBand"> {
  const probeSpec = examSpecFor(spec, baseSeed);
  const sigma = spec.sigma ?? DEFAULT_SIGMA;
  const fixed = fixedRate(spec, scheme);
  const rate: SchemeRate =
    fixed !== null
      ? { rate: fixed, source: "fixed", trials: [], tuningSeeds: [], stable: true }
      : bestRate({
          ...tuningFor(probeSpec, scheme, learner, spec.rounds),
          human: spec.human,
          sigma,
          tuningSeeds: spec.tuningSeeds,
          reserved: { first: baseSeed, count: spec.seeds },
        });

  const classes: BotClass[] = [];
  for (let s = 0; s < spec.seeds; s++)
    classes.push(
      createBotClass({
        exam: examSpecFor(spec, baseSeed + s),
        scheme,
        learner: { name: learner, rate: rate.rate, sigma },
        human: spec.human,
        scoreNoise: spec.scoreNoise,
      }),
    );
  const traces = classes.map(() => new Float64Array(spec.rounds));
  // A class with a person's hand is measured to 90 %, which its precision can reach (humanLike.ts).
  const criterion = criterionOf(spec.human);
  const reachedAt = new Array<number>(spec.seeds).fill(-1);
  let length = spec.rounds;
  for (let r = 0; r < spec.rounds; r++) {
    let last = 0;
    for (let s = 0; s < spec.seeds; s++) {
      const e = playRound(classes[s]).classError;
      traces[s][r] = e;
      if (reachedAt[s] < 0 && e <= criterionError(traces[s][0], criterion)) reachedAt[s] = r;
      last = reachedAt[s] < 0 ? Number.POSITIVE_INFINITY : Math.max(last, reachedAt[s]);
    }
    if (r % 16 === 0) progress(r, spec.rounds);
    if (r >= Math.ceil(last * 1.25) + 2) {
      length = r + 1;
      break;
    }
  }
  const trimmed = traces.map((t) => t.slice(0, length));
  const curve = bandOf(trimmed);
  const perSeed = trimmed.map(
    (t, s): SeedOutcome => ({
      seed: baseSeed + s,
      roundsToCriterion: roundsToCriterion(t, criterion),
      tau: efoldTime(t, LEARNERS[learner].roundsPerUpdate),
      exactIn: exactRound(t),
      startError: t[0],
      finalError: t[t.length - 1],
    }),
  );
  const exacts = perSeed.flatMap((p) => (p.exactIn === null ? [] : [p.exactIn]));
  const exactIn = exacts.length === perSeed.length && exacts.length > 0 ? Math.max(...exacts) : null;
  const prediction = spec.human ? null : predict(createExam(probeSpec), scheme, learner);
  const tauPredicted = prediction ? predictedTau(rate.rate, prediction, learner) : null;
  return {
    scheme,
    learner,
    roundsPerUpdate: LEARNERS[learner].roundsPerUpdate,
    rate,
    sigma,
    roundsToCriterion: summarize(perSeed.map((p) => p.roundsToCriterion)),
    tauMeasured: efoldTime(curve.mean, LEARNERS[learner].roundsPerUpdate),
    tauBand: summarize(perSeed.map((p) => p.tau)),
    tauPredicted,
    theoryExact: prediction ? prediction.exact : null,
    exactIn,
    perSeed,
    curve,
    traces: trimmed,
    theoryCurve: prediction ? predictedTrace(curve.mean[0], rate.rate, prediction, learner, length) : null,
  };
}
