/**
 * Feedback schemes: what each student receives after a round, as pure functions of the exam, the levels
 * and the backward pass. The two ends of the dial are `global` (one scalar for everyone) and `vectorized`
 * (each student its own −g_i, in level units); the others sit between or beyond them.
 */
import type { Exam, ExamKind, FeedbackPath } from "./exam.ts";
import { gratingRoles, type Population } from "./exams/grating.ts";
import { createRng, deriveSeed, nextNormal, permutation, type RngState } from "./random.ts";

export const SCHEME_NAMES = [
  "global",
  "vectorized",
  "sign",
  "alignment",
  "noisy",
  "teams",
  "blocked",
] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];

export type SchemeConfig =
  | { readonly name: "global" }
  | { readonly name: "vectorized" }
  | { readonly name: "sign" }
  | { readonly name: "alignment" }
  /** `noise`: standard deviation of the added noise, relative to the class's RMS signal. */
  | { readonly name: "noisy"; readonly noise: number }
  /** `teamSize`: students per table; the table's scalar is the class error had only that table moved. */
  | { readonly name: "teams"; readonly teamSize: number }
  /**
   * `blockedFraction`: share of students whose signal is blocked (they receive nothing), drawn from the seed.
   * With `population` (the grating exam only) the blocked students are that population's members instead,
   * as the mouse experiment blocks one population's dendritic signals; the share then says how many they are.
   */
  | { readonly name: "blocked"; readonly blockedFraction: number; readonly population?: Population };

export const SCHEME_DEFAULTS = { noise: 1, teamSize: 5, blockedFraction: 0.5 } as const;

export type SchemeParams = { noise?: number; teamSize?: number; blockedFraction?: number };

/** A scheme's config from its name and optional parameters, parameters checked. */
export function schemeConfig(name: SchemeName, params: SchemeParams = {}): SchemeConfig {
  switch (name) {
    case "noisy": {
      const noise = params.noise ?? SCHEME_DEFAULTS.noise;
      if (!(noise >= 0 && Number.isFinite(noise))) throw new RangeError("noise must be a finite number ≥ 0");
      return { name, noise };
    }
    case "teams": {
      const teamSize = params.teamSize ?? SCHEME_DEFAULTS.teamSize;
      if (!Number.isInteger(teamSize) || teamSize < 1)
        throw new RangeError("team size must be an integer ≥ 1");
      return { name, teamSize };
    }
    case "blocked": {
      const blockedFraction = params.blockedFraction ?? SCHEME_DEFAULTS.blockedFraction;
      if (!(blockedFraction >= 0 && blockedFraction <= 1))
        throw new RangeError("blocked fraction must be between 0 and 1");
      return { name, blockedFraction };
    }
    default:
      return { name };
  }
}

/** True where `alignment` gives other signals than `vectorized`: the exam has a hidden layer to send errors through. */
export const hasFeedbackPath = (kind: ExamKind): boolean => kind === "readout" || kind === "layered";

/**
 * What `alignment` (feedback alignment) does on an exam, in plain words for the command line and the
 * pages. Only an exam with a hidden layer has a path for errors to travel back: where every student is an
 * output (`independent`), the random path is never taken and alignment is the same as vectorized.
 */
export function alignmentOn(kind: ExamKind): string {
  switch (kind) {
    case "layered":
      return "errors come back to the first layer through a fixed random matrix; the second layer's weights learn and come to line up with it, so the class learns, more slowly than with the true path";
    case "readout":
      return "errors come back through a fixed random matrix, and the decoder is fixed too: nothing brings it in line with that matrix, so the class may not learn";
    case "grating":
      return "every student moves the one output directly (push or pull), so no error travels back through anyone: alignment is the same as vectorized here";
    default:
      return "every student is an output, so no error travels back through anyone: alignment is the same as vectorized here";
  }
}

/** What kind of message a scheme sends: one scalar for all, one per table, or one number per student. */
export type SignalKind = "scalar" | "team" | "vector";

export interface Scheme {
  readonly config: SchemeConfig;
  readonly kind: SignalKind;
  readonly needsCredit: boolean;
  readonly path: FeedbackPath;
  /** Number of tables (1 for everything but `teams`). */
  readonly teams: number;
  /** Table of each student, for `teams`. */
  readonly teamOf: (student: number) => number;
  /** 1 for a student whose signal is blocked. */
  readonly blocked: Uint8Array | null;
}

export function createScheme(config: SchemeConfig, exam: Exam): Scheme {
  const m = exam.students;
  const base = {
    config,
    needsCredit: config.name !== "global" && config.name !== "teams",
    path: (config.name === "alignment" ? "random" : "true") as FeedbackPath,
    teams: 1,
    teamOf: () => 0,
    blocked: null,
  };
  switch (config.name) {
    case "global":
      return { ...base, kind: "scalar" };
    case "teams": {
      const g = config.teamSize;
      return { ...base, kind: "team", teams: Math.ceil(m / g), teamOf: (i) => Math.floor(i / g) };
    }
    case "blocked": {
      if (config.population)
        return { ...base, kind: "vector", blocked: populationMask(exam, config.population) };
      // Exactly round(p·M) students, chosen by a permutation drawn from the exam's seed.
      const blocked = new Uint8Array(m);
      const order = permutation(createRng(deriveSeed(exam.spec.seed, "scheme:blocked")), m);
      const count = Math.round(config.blockedFraction * m);
      for (let k = 0; k < count; k++) blocked[order[k]] = 1;
      return { ...base, kind: "vector", blocked };
    }
    default:
      return { ...base, kind: "vector" };
  }
}

/** 1 for each seat of one population of the grating exam (the roles are the exam's, drawn from its seed). */
export function populationMask(exam: Exam, population: Population): Uint8Array {
  if (exam.kind !== "grating") throw new RangeError("only the grating exam has populations to block");
  const roles = gratingRoles(exam.students, exam.spec.seed);
  const want = population === "push" ? 1 : -1;
  return Uint8Array.from(roles, (role) => (role === want ? 1 : 0));
}

/** Everything a scheme may read to form its feedback for one round. */
export interface FeedbackInput {
  readonly exam: Exam;
  readonly question: number;
  /** This question's levels as submitted. */
  readonly levels: Float64Array;
  /** This question's levels when the round opened (what stood before anyone moved). */
  readonly before: Float64Array;
  /** ∂E/∂x through the scheme's feedback path, when the scheme needs it. */
  readonly credit: Float64Array;
  readonly classError: number;
  /** The scheme's own random stream (noise), part of the class state so replays are exact. */
  readonly rng: RngState;
}

/** Fills `signal` (level units; NaN = nothing received) for vector schemes. */
export function vectorFeedback(scheme: Scheme, input: FeedbackInput, signal: Float64Array): void {
  const { credit } = input;
  const m = input.exam.students;
  const inv = -1 / input.exam.curvature;
  switch (scheme.config.name) {
    case "sign":
      for (let i = 0; i < m; i++) signal[i] = credit[i] > 0 ? -1 : credit[i] < 0 ? 1 : 0;
      return;
    case "noisy": {
      let ss = 0;
      for (let i = 0; i < m; i++) ss += credit[i] * credit[i];
      const sd = scheme.config.noise * Math.sqrt(ss / m) * -inv;
      for (let i = 0; i < m; i++) signal[i] = inv * credit[i] + sd * nextNormal(input.rng);
      return;
    }
    default: {
      for (let i = 0; i < m; i++) signal[i] = inv * credit[i];
      const blocked = scheme.blocked;
      if (blocked) for (let i = 0; i < m; i++) if (blocked[i]) signal[i] = Number.NaN;
    }
  }
}

/**
 * Fills `teamError` for `teams`: table T's scalar is the class error had only T's students moved since the
 * round opened. With one table this is the class error itself (`global`); with tables of one, each student
 * learns the effect of its own move alone.
 */
export function teamFeedback(
  scheme: Scheme,
  input: FeedbackInput,
  scratch: Float64Array,
  teamError: Float64Array,
): void {
  const m = input.exam.students;
  const size = scheme.config.name === "teams" ? scheme.config.teamSize : m;
  scratch.set(input.before.subarray(0, m));
  for (let t = 0; t < scheme.teams; t++) {
    const lo = t * size;
    const hi = Math.min(m, lo + size);
    for (let i = lo; i < hi; i++) scratch[i] = input.levels[i];
    teamError[t] = input.exam.evaluate(scratch, input.question, null, null, "true");
    for (let i = lo; i < hi; i++) scratch[i] = input.before[i];
  }
}
