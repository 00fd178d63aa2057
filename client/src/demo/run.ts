/**
 * One run of the demo: two bot classes with the same exam, seed and size, one per scheme, each at its own
 * best rate, advanced together round by round until both met the criterion or the round limit came.
 */
import type { ExamSpec } from "../../../shared/engine/index.ts";
import type { FieldModel } from "../board/field.ts";
import type { DemoHook } from "../common/testHook.ts";
import type { DemoConfig } from "./config.ts";
import { roundLimit } from "./config.ts";
import { Lane } from "./lane.ts";
import { NeuronReader } from "./neuronReader.ts";
import type { RateTuner } from "./rates.ts";
import { schemeOf } from "./words.ts";

export class Run {
  readonly config: DemoConfig;
  readonly limit: number;
  readonly lanes: readonly Lane[];
  /** What each lane's field draws; new objects per run, so a field lays itself out again. */
  readonly fields: readonly FieldModel[];

  constructor(config: DemoConfig, lanes: readonly Lane[]) {
    this.config = config;
    this.limit = roundLimit(config.students);
    this.lanes = lanes;
    this.fields = lanes.map((lane) => {
      const reader = new NeuronReader(lane);
      return {
        students: lane.bot.cls.exam.students,
        get version() {
          return lane.rounds;
        },
        read: (view) => reader.read(view),
      };
    });
  }

  get rounds(): number {
    return this.lanes[0].rounds;
  }

  get reachedByAll(): boolean {
    return this.lanes.every((l) => l.reachedAt !== null);
  }

  get over(): boolean {
    return this.reachedByAll || this.rounds >= this.limit;
  }

  /** Plays one round of every class; returns the classes that met the criterion in it. */
  step(): Lane[] {
    const before = this.lanes.map((l) => l.reachedAt);
    for (const lane of this.lanes) lane.step();
    return this.lanes.filter((l, k) => before[k] === null && l.reachedAt !== null);
  }
}

/** The exam every class of a run plays, as the command line's `examSpecFor` builds it. */
export const examOf = (config: DemoConfig): ExamSpec => ({
  kind: config.exam,
  students: config.students,
  questions: 1,
  seed: config.seed,
});

/** Tunes both schemes (in parallel) and builds the run; null when the tuning was cancelled. */
export async function prepareRun(config: DemoConfig, tuner: RateTuner): Promise<Run | null> {
  const exam = examOf(config);
  const limit = roundLimit(config.students);
  const plans = await Promise.all(config.schemes.map((name) => tuner.plan(exam, schemeOf(name), limit)));
  if (plans.some((p) => p === null)) return null;
  return new Run(
    config,
    plans.map((plan) => new Lane(exam, plan as NonNullable<typeof plan>, limit)),
  );
}

/** The test hook's view of a run: copies, never the live classes. */
export function snapshot(run: Run | null, running: boolean, frames: number): DemoHook {
  return {
    page: "demo",
    running,
    round: run?.rounds ?? 0,
    classes: (run?.lanes ?? []).map((l) => ({
      scheme: l.plan.scheme.name,
      score: l.score,
      classError: l.classError,
      reachedAt: l.reachedAt,
    })),
    frames,
  };
}
