/**
 * The page's copy of a run that the class worker plays: per class, every class error so far, the round it
 * met the criterion, the theory's line, what it heard and its neurons' look, as the worker's updates
 * bring them. The chart, the words, the fields and the test hook read this copy; nothing here learns.
 * Updates must come in order (each starts where the last ended); one that does not is refused.
 */
import { checksum, classScore } from "../../../shared/engine/index.ts";
import { type DemoConfig, roundLimit } from "./config.ts";
import type { FieldModel } from "./field.ts";
import type { FieldPicture, LaneUpdate, SchemePlan } from "./protocol.ts";
import type { Outcome } from "./words.ts";

/** Where a class's checksum of its errors starts (the engine's own checksum, chained round by round). */
const CHECKSUM_START = 0x811c9dc5;

export class LaneMirror implements FieldModel {
  readonly plan: SchemePlan;
  readonly students: number;
  /** Class error per round: index r is round r + 1; `rounds` entries are filled. */
  readonly trace: Float64Array;
  rounds = 0;
  classError = Number.NaN;
  reachedAt: number | null = null;
  hasTheory = false;
  theory: Float64Array | null = null;
  heard = "";
  /** The class's field as the worker last drew it (null until it knows the field's size). */
  latest: FieldPicture | null = null;
  /** Moves whenever a new picture came: the field repaints then. */
  version = 0;
  /** The exact bits of every class error so far: two runs with equal checksums played alike. */
  errorsChecksum = CHECKSUM_START;

  constructor(plan: SchemePlan, students: number, limit: number) {
    this.plan = plan;
    this.students = students;
    this.trace = new Float64Array(limit);
  }

  get score(): number {
    return classScore(this.classError);
  }

  get outcome(): Outcome {
    return {
      scheme: this.plan.scheme,
      reachedAt: this.reachedAt,
      rounds: this.rounds,
      trace: this.trace.subarray(0, this.rounds),
      learner: this.plan.learner,
      rate: this.plan.rate,
    };
  }

  picture(): FieldPicture | null {
    return this.latest;
  }

  /** Takes in `u`; returns the picture it replaced (its pixels are on the canvas or no longer wanted). */
  apply(u: LaneUpdate): FieldPicture | null {
    if (u.from !== this.rounds || u.from + u.errors.length > this.trace.length)
      throw new Error(`an update for rounds ${u.from + 1}… came after round ${this.rounds}`);
    this.trace.set(u.errors, u.from);
    this.rounds += u.errors.length;
    this.errorsChecksum = checksum(u.errors, this.errorsChecksum);
    this.classError = u.classError;
    this.reachedAt = u.reachedAt;
    this.hasTheory = u.hasTheory;
    if (u.theory) this.theory = u.theory;
    this.heard = u.heard;
    if (!u.picture) return null;
    const replaced = this.latest;
    this.latest = u.picture;
    this.version++;
    return replaced;
  }
}

export class RunMirror {
  readonly config: DemoConfig;
  readonly limit: number;
  readonly lanes: readonly [LaneMirror, LaneMirror];
  /** Whether the worker said it plays on, and whether the run has ended. */
  playing = false;
  over = false;
  /** Moves with every update: the words and the chart redraw then. */
  version = 0;

  constructor(config: DemoConfig, plans: readonly [SchemePlan, SchemePlan]) {
    this.config = config;
    this.limit = roundLimit(config.students);
    this.lanes = [
      new LaneMirror(plans[0], config.students, this.limit),
      new LaneMirror(plans[1], config.students, this.limit),
    ];
  }

  get rounds(): number {
    return this.lanes[0].rounds;
  }

  get reachedByAll(): boolean {
    return this.lanes.every((l) => l.reachedAt !== null);
  }

  /** Takes in one update of both classes; returns the buffers of the pictures it replaced, for reuse. */
  apply(playing: boolean, over: boolean, lanes: readonly [LaneUpdate, LaneUpdate]): ArrayBuffer[] {
    const replaced = [this.lanes[0].apply(lanes[0]), this.lanes[1].apply(lanes[1])];
    this.playing = playing;
    this.over = over;
    this.version++;
    return replaced.flatMap((p) => (p ? [p.discs.buffer, p.rings.buffer] : []));
  }
}
