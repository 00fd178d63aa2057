/**
 * One run of the demo, as the class worker plays it: two bot classes with the same exam, seed and size, one
 * per scheme, each at its own best rate, advanced together round by round until both met the criterion or
 * the round limit came. The page never holds these classes; it draws what the worker reports of them.
 */
import { type DemoConfig, examOf, roundLimit } from "./config.ts";
import { Lane } from "./lane.ts";
import type { SchemePlan } from "./protocol.ts";

export class Run {
  readonly limit: number;
  readonly lanes: readonly [Lane, Lane];

  constructor(config: DemoConfig, plans: readonly [SchemePlan, SchemePlan]) {
    this.limit = roundLimit(config.students);
    const exam = examOf(config);
    this.lanes = [new Lane(exam, plans[0], this.limit), new Lane(exam, plans[1], this.limit)];
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

  /** Plays one round of every class, unless the run is over; returns whether it played. */
  step(): boolean {
    if (this.over) return false;
    for (const lane of this.lanes) lane.step();
    return true;
  }
}
