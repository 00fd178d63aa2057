/**
 * The rule and rate of a live class's bots (and of its twin). A live class cannot pause for a sweep, so its bots take the
 * theory's best rate where there is one (exact on `independent`, approximate on `readout`) and otherwise a
 * rate that the demo's sweeps found safe on every exam (`npm run demo -- --exam layered --schemes …`).
 */
import type { Exam } from "../engine/exam.ts";
import { defaultLearnerName, type LearnerSpec } from "../engine/learners.ts";
import type { Scheme } from "../engine/schemes.ts";
import { predict, theoryBestRate } from "../engine/theory.ts";

const FALLBACK = {
  gradient: 0.5,
  rprop: 0.05,
  perturbation: 0.25,
  "perturbation-gaussian": 0.25,
  "perturbation-robust": 0.25,
  "keep-if-improved": 0.05,
};

export function liveLearner(exam: Exam, scheme: Scheme): LearnerSpec {
  // Scalar-scheme bots play beside people, who move as they like: the robust rule (robustPerturbation.ts).
  const name =
    scheme.kind === "vector" ? defaultLearnerName(scheme.kind, scheme.config.name) : "perturbation-robust";
  const prediction = predict(exam, scheme.config, name);
  const rate = prediction ? theoryBestRate(prediction) : FALLBACK[name];
  return { name, rate: Number.isFinite(rate) && rate > 0 ? rate : FALLBACK[name] };
}
