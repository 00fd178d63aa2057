/**
 * Each scheme's bot rule and its own best rate, chosen as the command line chooses them (experiment.ts):
 * the rule that fits what the scheme sends, and `bestRate` on an exam drawn from the tuning seed, with the
 * run's round limit as the horizon. So the page's classes match `npm run demo -- --seeds 1 --seed S`.
 */
import { type ExamSpec, type SchemeConfig, schemeLearner, tuningFor } from "../../../shared/engine/index.ts";
import { type DemoConfig, examOf, roundLimit } from "./config.ts";
import { type SchemePlan, TuneReply, type TuneRequest } from "./protocol.ts";

/** Hands tuning to workers, one per request so that both schemes tune at once, and remembers answers. */
export class RateTuner {
  private readonly known = new Map<string, SchemePlan>();
  private readonly pending = new Set<{ worker: Worker; settle: (plan: SchemePlan | null) => void }>();

  /** Resolves to null when cancelled. */
  plan(exam: ExamSpec, scheme: SchemeConfig, horizon: number): Promise<SchemePlan | null> {
    const learner = schemeLearner(exam, scheme);
    const options = tuningFor(exam, scheme, learner, horizon);
    const key = JSON.stringify(options);
    const cached = this.known.get(key);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./tuneWorker.ts", import.meta.url), { type: "module" });
      const job = {
        worker,
        settle: (plan: SchemePlan | null) => {
          this.pending.delete(job);
          worker.terminate();
          resolve(plan);
        },
      };
      const fail = (message: string): void => {
        this.pending.delete(job);
        worker.terminate();
        reject(new Error(message));
      };
      this.pending.add(job);
      worker.addEventListener("message", (event: MessageEvent<unknown>) => {
        const reply = TuneReply.safeParse(event.data);
        if (!reply.success) return fail(`the rate tuner answered something else: ${reply.error.message}`);
        if (!reply.data.ok) return fail(reply.data.message);
        const plan: SchemePlan = { scheme, learner, rate: reply.data.rate, source: reply.data.source };
        this.known.set(key, plan);
        job.settle(plan);
      });
      worker.addEventListener("error", (event) => fail(event.message || "the rate tuner failed"));
      const request: TuneRequest = { options };
      worker.postMessage(request);
    });
  }

  /** Stops every sweep still running: their classes are no longer wanted. */
  cancel(): void {
    for (const job of [...this.pending]) job.settle(null);
  }
}

/** Both schemes' plans for `config`, tuned in parallel; null when the tuning was cancelled. */
export async function planRun(
  config: DemoConfig,
  tuner: RateTuner,
): Promise<[SchemePlan, SchemePlan] | null> {
  const exam = examOf(config);
  const limit = roundLimit(config.students);
  const [a, b] = await Promise.all(config.schemes.map((s) => tuner.plan(exam, s, limit)));
  return a && b ? [a, b] : null;
}
