/**
 * One bot class of the demo, playing rounds through the same round API as the server (in the class worker,
 * off the page's thread). It keeps the last round's result (each student's feedback is cut from it for the
 * field), the class error of every round, the round where the class met the criterion, and the theory's
 * line from its first error.
 */
import {
  type BotClass,
  classScore,
  createBotClass,
  criterionError,
  type ExamSpec,
  type Prediction,
  playRound,
  predict,
  predictedTrace,
  questionLevels,
  type RoundResult,
} from "../../../shared/engine/index.ts";
import type { SchemePlan } from "./protocol.ts";

export class Lane {
  readonly bot: BotClass;
  /** Class error per round: index r is round r + 1; `rounds` entries are filled. */
  readonly trace: Float64Array;
  rounds = 0;
  /** Rounds after the first until the criterion was met (the engine's `roundsToCriterion`), or null. */
  reachedAt: number | null = null;
  lastResult: RoundResult | null = null;
  /** The theory's class error for every round up to the limit, once the first error is known. */
  theory: Float64Array | null = null;
  readonly plan: SchemePlan;
  readonly limit: number;
  private readonly prediction: Prediction | null;
  /** The error of the levels as they stand before round 1, which is what round 1 scores. */
  private readonly startError: number;

  constructor(exam: ExamSpec, plan: SchemePlan, limit: number) {
    this.plan = plan;
    this.limit = limit;
    this.bot = createBotClass({
      exam,
      scheme: plan.scheme,
      learner: { name: plan.learner, rate: plan.rate },
    });
    this.trace = new Float64Array(limit);
    const { cls } = this.bot;
    this.prediction = predict(cls.exam, plan.scheme, plan.learner);
    this.startError = cls.exam.evaluate(questionLevels(cls, 0), 0, null, null, "true");
  }

  /** Whether the theory has a line for this scheme, rule and exam. */
  get hasTheory(): boolean {
    return this.prediction !== null;
  }

  get classError(): number {
    return this.rounds > 0 ? this.trace[this.rounds - 1] : this.startError;
  }

  get score(): number {
    return classScore(this.classError);
  }

  get done(): boolean {
    return this.rounds >= this.limit;
  }

  /** Plays one round, keeping its result for the field. */
  step(): void {
    if (this.done) return;
    const result = playRound(this.bot);
    this.lastResult = result;
    const r = this.rounds++;
    this.trace[r] = result.classError;
    if (r === 0 && this.prediction)
      this.theory = predictedTrace(
        result.classError,
        this.plan.rate,
        this.prediction,
        this.plan.learner,
        this.limit,
      );
    if (this.reachedAt === null && result.classError <= criterionError(this.trace[0])) this.reachedAt = r;
  }
}
