/**
 * The sentences printed under the demo's table. Each is a claim about the run it is printed under, so each
 * is decided and worded from that run's figures (issue 12: a note that was true of some runs was printed
 * under all): the readout gap as measured, the blocked floor or the compensation as measured, drift stated
 * when and only when the classes show it, a class that got worse said so. Pure: a result in, lines out.
 */
import { errorFloor } from "../../shared/engine/exams/unreachable.ts";
import {
  createExam,
  criterionError,
  type ExperimentResult,
  examSpecFor,
  type SchemeOutcome,
} from "../../shared/engine/index.ts";
import { schemeLabel } from "../../shared/protocol/schemeWords.ts";

/** Two or three significant digits, for a sentence. */
export const num = (v: number, digits = 3): string => Number(v.toPrecision(digits)).toString();
const pct = (v: number): string => `${num(v * 100, 2)} %`;

const perturbation = (o: SchemeOutcome): boolean => o.learner.startsWith("perturbation");
const first = (r: ExperimentResult, name: string, learner?: string): SchemeOutcome | undefined =>
  r.outcomes.find((o) => o.scheme.name === name && (learner === undefined || o.learner === learner));
const lastOf = (a: ArrayLike<number>): number => a[a.length - 1];

export function notes(result: ExperimentResult): string[] {
  return [
    ...costNotes(result),
    ...exactNotes(result),
    ...readoutNotes(result),
    ...blockedNotes(result),
    ...unreachableNotes(result),
    ...alignmentNotes(result),
    ...driftNotes(result),
  ];
}

function costNotes(result: ExperimentResult): string[] {
  const out: string[] = [];
  const two = result.outcomes.filter((o) => o.roundsPerUpdate > 1);
  const paired = two.filter((o) => o.learner === "perturbation-robust");
  const based = two.filter((o) => o.learner !== "perturbation-robust");
  if (based.length)
    out.push(
      `${based.map((o) => schemeLabel(o.scheme)).join(", ")}: node perturbation pays for its baseline — each update is a baseline round and a jiggled round, and both are counted.`,
    );
  if (paired.length) {
    const costs = paired.flatMap((o) => {
      const textbook = based.find((b) => b.scheme.name === o.scheme.name && b.learner === "perturbation");
      const ratio = textbook ? o.tauMeasured / textbook.tauMeasured : Number.NaN;
      return Number.isFinite(ratio) ? [`${schemeLabel(o.scheme)} ${Math.round((ratio - 1) * 100)} %`] : [];
    });
    out.push(
      `${paired.map((o) => schemeLabel(o.scheme)).join(", ")}: perturbation-robust is the rule a live class's bots play by, made to learn beside people who move as they like: jiggles up, then down, a quarter of the class's distance from the key; a rate scaled to the share of the score's change its own jiggles explain; bounded steps.${costs.length ? ` Where nothing else moves, its τ against the textbook rule's: ${costs.join(", ")}.` : ""}`,
    );
  }
  const robustTeams = result.outcomes.filter(
    (o) => o.learner === "perturbation-robust" && o.scheme.name === "teams",
  );
  if (robustTeams.length)
    out.push(
      `${robustTeams.map((o) => schemeLabel(o.scheme)).join(", ")} with perturbation-robust: no τ theory shown; this rule guesses each table's share of the error from the whole class's score, which the formula (k = g) does not describe. Its rate is the formula's.`,
    );
  if (result.outcomes.some((o) => o.theoryExact === false))
    out.push(
      "≈: the theory is an approximation here (its formula's assumptions hold only roughly for this rule or exam).",
    );
  const swept = result.outcomes.filter((o) => o.rate.source === "sweep" && !o.rate.stable);
  if (swept.length)
    out.push(
      `${swept.map((o) => schemeLabel(o.scheme)).join(", ")}: no rate met the criterion on every tuning seed; the rate shown is the one that got closest.`,
    );
  return out;
}

/** η = 1 on a separable quadratic: the personal signal is the answer itself. */
function exactNotes(result: ExperimentResult): string[] {
  return result.outcomes.flatMap((o) => {
    if (o.exactIn === null) return [];
    const when = `${o.exactIn} round${o.exactIn === 1 ? "" : "s"}`;
    if (result.spec.exam === "independent" && o.learner === "gradient" && o.rate.rate === 1)
      return [
        `${schemeLabel(o.scheme)}: exact in ${when}, by construction: on this exam the class error is a separable quadratic, so the personal signal −gᵢ/λ is tᵢ − xᵢ, the answer itself, and a step of η = 1 lands on the key. There is no e-fold time to measure and no ratio of τ; its rounds to criterion stand instead.`,
      ];
    return [
      `${schemeLabel(o.scheme)}: its error vanished in ${when} on every seed: no e-fold time to measure, so no ratio of τ.`,
    ];
  });
}

/** The gap on readout, as measured: global's τ against Q + 2 and the ratio of rounds against Q. */
function readoutNotes(result: ExperimentResult): string[] {
  if (result.spec.exam !== "readout") return [];
  const g = first(result, "global", "perturbation") ?? first(result, "global");
  const v = first(result, "vectorized");
  const q = result.spec.outputs ?? 2;
  const m = result.spec.students;
  const out: string[] = [];
  if (g && v && Number.isFinite(g.tauMeasured) && g.tauMeasured > 0) {
    const perQ2 = g.tauMeasured / (q + 2);
    const tauPart =
      v.tauRatio !== null
        ? `the ratio of τ is ${num(v.tauRatio)}× (global's τ is ${num(g.tauMeasured)} rounds, ${num(perQ2, 2)} × (Q + 2))`
        : `global's τ is ${num(g.tauMeasured)} rounds, ${num(perQ2, 2)} × (Q + 2)`;
    const rounds =
      v.speedupOverGlobal !== null
        ? `; in rounds to criterion the gap is ${num(v.speedupOverGlobal)}×, ${num(v.speedupOverGlobal / q, 2)} × Q`
        : "";
    out.push(
      `On the readout exam a scalar steers Q = ${q} outputs, not M = ${m} levels: ${tauPart}${rounds}. On the independent exam the formula's gap in τ would be about 2M = ${2 * m}.`,
    );
  }
  if (q === 1 && g && g.tauPredicted !== null && Number.isFinite(g.tauMeasured)) {
    const ratio = g.tauMeasured / g.tauPredicted;
    const how =
      ratio < 0.7
        ? "the seeds' mean falls faster than the formula's expectation, which is carried by rare runs whose error grows and which these seeds do not hold"
        : ratio > 1.3
          ? "the seeds' mean falls slower than the formula's expectation"
          : "close to the formula here";
    out.push(
      `Q = 1: global's τ measured ${num(g.tauMeasured)} against the formula's ${num(g.tauPredicted)} (${num(ratio, 2)}×): ${how}. With one output node perturbation's factor per update is heavy-tailed; the readout itself is exactly linear.`,
    );
  }
  return out;
}

/** blocked(p): a floor of p·E₀ on independent; on readout the others may make up for the blocked. */
function blockedNotes(result: ExperimentResult): string[] {
  return result.outcomes
    .filter((o) => o.scheme.name === "blocked")
    .map((o) => {
      const p = o.scheme.name === "blocked" ? o.scheme.blockedFraction : 0;
      const left = lastOf(o.curve.mean) / o.curve.mean[0];
      const reached = o.roundsToCriterion.reached;
      const label = schemeLabel(o.scheme);
      if (result.spec.exam === "independent") {
        // The floor is p·E₀ in expectation; say so only where the run ends near it.
        const atFloor = Math.abs(left - p) <= 0.25 * p + 0.01;
        const floor = atFloor
          ? "p·E₀: a floor, not a slowing"
          : `above the blocked students' share p·E₀ = ${pct(p)}: the others did not all reach their keys either`;
        return `${label}: the blocked ${pct(p)} of the class never move, and on this exam nobody else can do their part: the class error ends at ${pct(left)} of its start (${floor}), so the criterion (${pct(criterionError(1))} of the start) is ${reached === 0 ? "never met" : `met in ${pct(reached)} of seeds`}.`;
      }
      if (reached >= 0.9)
        return `${label}: the blocked ${pct(p)} never move, but through the decoder the others make up for them: ${pct(reached)} of seeds met the criterion (mean ${o.roundsToCriterion.mean === null ? "—" : num(o.roundsToCriterion.mean)} rounds).`;
      return `${label}: the blocked ${pct(p)} never move and the others made up for them in only ${pct(reached)} of seeds: the class error ends at ${pct(left)} of its start.`;
    });
}

/**
 * An exam whose key cannot be reached: where each scheme ends, against the lowest end any reached, and the
 * floor the slider's ends leave (the key clipped to them, the same exams as the run's seeds) with how far
 * above it each class stays over the last fifth of its rounds.
 */
function unreachableNotes(result: ExperimentResult): string[] {
  if (result.spec.exam !== "unreachable" || result.outcomes.length === 0) return [];
  const ends = result.outcomes.map((o) => ({ o, end: lastOf(o.curve.mean) }));
  const best = ends.reduce((a, b) => (b.end < a.end ? b : a));
  const rest = ends
    .filter((e) => e !== best)
    .map(
      (e) => `${schemeLabel(e.o.scheme)} (${e.o.learner}) ${num(e.end)}, ${num(e.end / best.end, 2)}× that`,
    );
  const seeds = result.outcomes[0].perSeed.map((s) => s.seed);
  const floor =
    seeds.reduce((sum, seed) => sum + errorFloor(createExam(examSpecFor(result.spec, seed))), 0) /
    seeds.length;
  const above = result.outcomes.map((o) => {
    // Below the floor only by rounding: the floor is the least the slider allows.
    const excess = Math.max(0, lateMean(o) - floor);
    const share = excess / (o.curve.mean[0] - floor);
    return `${schemeLabel(o.scheme)} (${o.learner}) ${num(excess)} (${pct(share)} of its start's distance above it)`;
  });
  const settled = result.outcomes.filter(
    (o) => perturbation(o) && lastOf(o.curve.mean) <= o.curve.mean[0] && riseOf(o) === null,
  );
  const still = settled.length
    ? [
        `${settled.map((o) => `${schemeLabel(o.scheme)} (${o.learner})`).join(", ")}: node perturbation did not drift in this run: its mean class error, a tenth of the run at a time, did not rise again after its lowest; it settles above the floor and stays there.`,
      ]
    : [];
  return [
    `unreachable: part of the key lies past the slider's ends, so no class meets a criterion measured from the key. Lowest mean class error at the last round: ${schemeLabel(best.o.scheme)} (${best.o.learner}) ${num(best.end)}${rest.length ? `; ${rest.join("; ")}` : ""}.`,
    `The best levels the slider allows (the key clipped to its ends) leave a mean class error of ${num(floor)}. Mean class error above that over the last fifth of the rounds: ${above.join("; ")}.`,
    ...still,
  ];
}

/**
 * Windows of whole updates (a baseline round and a jiggled round together, for the rules that pay for a
 * baseline): a jiggled round's error is higher than its baseline's by about σ², so comparing single rounds
 * would read that alternation, or one lucky round, as a rise.
 */
function updateWindow(o: SchemeOutcome, rounds: number): number {
  const per = Math.max(1, o.roundsPerUpdate);
  return Math.max(per, Math.floor(rounds / per) * per);
}

/** The mean class error over the last fifth of the rounds played (whole updates). */
function lateMean(o: SchemeOutcome): number {
  const mean = o.curve.mean;
  const w = Math.min(mean.length, updateWindow(o, Math.floor(mean.length / 5)));
  let sum = 0;
  for (let r = mean.length - w; r < mean.length; r++) sum += mean[r];
  return sum / w;
}

/**
 * Drift in the seed-mean curve: its lowest window of a tenth of the run (whole updates), before the last
 * fifth, against the last fifth's mean. Null when the curve did not rise by half again.
 */
function riseOf(o: SchemeOutcome): { low: number; from: number; to: number; late: number } | null {
  const mean = o.curve.mean;
  const w = updateWindow(o, Math.floor(mean.length / 10));
  const lateW = Math.min(mean.length, updateWindow(o, Math.floor(mean.length / 5)));
  let best: { low: number; from: number; to: number } | null = null;
  for (let from = 0; from + w <= mean.length - lateW; from += w) {
    let sum = 0;
    for (let r = from; r < from + w; r++) sum += mean[r];
    if (best === null || sum / w < best.low) best = { low: sum / w, from, to: from + w - 1 };
  }
  const late = lateMean(o);
  return best && late > 1.5 * best.low ? { ...best, late } : null;
}

function alignmentNotes(result: ExperimentResult): string[] {
  if (!result.outcomes.some((o) => o.scheme.name === "alignment")) return [];
  if (result.spec.exam === "independent")
    return [
      "alignment: this exam has no path for errors to travel back through (each level is its own answer), so alignment is the same as vectorized here.",
    ];
  return [];
}

/**
 * Drift, as the run shows it: a class that got worse is said first (and then nothing is said about not
 * drifting); node perturbation "does not drift" only when every seed that reached the criterion was still
 * there at the last round played.
 */
function driftNotes(result: ExperimentResult): string[] {
  const worse = result.outcomes.filter((o) => lastOf(o.curve.mean) > o.curve.mean[0]);
  const out = worse.map(
    (o) =>
      `${schemeLabel(o.scheme)} (${o.learner}): the class got worse: its mean class error went from ${num(o.curve.mean[0])} to ${num(lastOf(o.curve.mean))} over ${o.curve.mean.length} rounds.`,
  );
  const np = result.outcomes.filter((o) => perturbation(o) && !worse.includes(o));
  if (np.length === 0 || worse.some(perturbation)) return out;
  let reached = 0;
  let stayed = 0;
  for (const o of np)
    for (const s of o.perSeed)
      if (s.roundsToCriterion !== null) {
        reached++;
        if (s.finalError <= criterionError(s.startError)) stayed++;
      }
  const played = Math.min(...np.map((o) => o.curve.mean.length));
  // Drift seen in the curve itself, with or without a criterion met: the mean fell, then rose again.
  for (const o of np) {
    const rise = riseOf(o);
    if (rise === null) continue;
    const n = o.curve.mean.length;
    const lateFrom = n - Math.min(n, updateWindow(o, Math.floor(n / 5)));
    const why = result.spec.human
      ? " (with human-like bots this need not be drift: their imprecision alone moves the class)"
      : result.spec.scoreNoise
        ? " (with a noisy score this need not be drift: the noise it hears moves the class)"
        : "";
    out.push(
      `${schemeLabel(o.scheme)} (${o.learner}): node perturbation drifted: the mean class error fell to ${num(rise.low)} (rounds ${rise.from}–${rise.to}), then rose to ${num(rise.late)} (rounds ${lateFrom}–${n - 1})${why}.`,
    );
  }
  if (out.length > worse.length) return out;
  if (reached === 0) return out;
  if (stayed === reached)
    out.push(
      `Node perturbation did not drift in this run: each of its ${reached} classes that met the criterion was still there at the last round played (round ${played - 1} or later). Levels stay in [0, 1].`,
    );
  else if (result.spec.human || result.spec.scoreNoise)
    // Human-like bots' imprecision moves the class error by itself, and a noisy score moves the bots by
    // noise: a class back above the criterion is not shown to be drift (that needs the textbook's setting,
    // where nothing but learning moves).
    out.push(
      `Node perturbation did not stay at the key: ${reached - stayed} of its ${reached} classes that met the criterion were back above it by their last round (${
        result.spec.human
          ? "with human-like bots this need not be drift: their imprecision alone moves the class"
          : "with a noisy score this need not be drift: the class settles where the noise it hears balances what it learns"
      }).`,
    );
  else
    out.push(
      `Node perturbation drifted: ${reached - stayed} of its ${reached} classes that met the criterion were back above it by their last round.`,
    );
  return out;
}
