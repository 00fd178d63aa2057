/**
 * What each neuron of a field shows, read from a class between rounds: how far the student stands from
 * where the key wants it (the exam's own backward pass, so it means the same on every exam) and the
 * feedback the student received in the last round, cut by the engine exactly as a student's screen gets it.
 */
import { feedbackFor, questionLevels, type StudentFeedback } from "../../../shared/engine/index.ts";
import type { Lane } from "./lane.ts";

export const TONE = { personal: 0, good: 1, notQuite: 2, plain: 3 } as const;

export interface NeuronView {
  /** 0 at its target … 1 far from it, on a square-root scale so the last stretch stays visible. */
  readonly distance: Float32Array;
  /** +1: it should go up; −1: down; 0: it is there. */
  readonly direction: Int8Array;
  /** Strength 0…1 of the feedback received in the last round (0: nothing). */
  readonly ring: Float32Array;
  /** A value of TONE: a personal signal, "Good job", "Not quite", or a score with nothing to compare. */
  readonly tone: Uint8Array;
}

export function createView(students: number): NeuronView {
  return {
    distance: new Float32Array(students),
    direction: new Int8Array(students),
    ring: new Float32Array(students),
    tone: new Uint8Array(students),
  };
}

/** Strength of the ring a shared scalar draws around every student of its class or table. */
const WASH = 0.75;

function ringOf(f: StudentFeedback, unit: number): [strength: number, tone: number] {
  switch (f.kind) {
    case "vector":
      return [Math.min(1, Math.sqrt(Math.abs(f.signal) / (2 * unit))), TONE.personal];
    case "global":
    case "team":
      if (f.improved === null) return [WASH, TONE.plain];
      return [WASH, f.improved ? TONE.good : TONE.notQuite];
    case "none":
      return [0, TONE.personal];
  }
}

/** Reads one lane's class; made when the lane is, so its scale is the class's distance at the start. */
export class NeuronReader {
  private readonly lane: Lane;
  private readonly credit: Float64Array;
  /** RMS distance at the start: a typical neuron starts half lit whatever the exam's scale. */
  private readonly unit: number;

  constructor(lane: Lane) {
    this.lane = lane;
    this.credit = new Float64Array(lane.bot.cls.exam.students);
    const m = this.correct(0);
    let ss = 0;
    for (let i = 0; i < m; i++) ss += this.credit[i] * this.credit[i];
    const rms = Math.sqrt(ss / m);
    this.unit = rms > 0 ? rms : 1;
  }

  /** Fills `credit` with each student's correction in level units (−g/λ, the full Newton step). */
  private correct(question: number): number {
    const { exam } = this.lane.bot.cls;
    const levels = questionLevels(this.lane.bot.cls, question);
    exam.evaluate(levels, question, this.credit, null, "true");
    const scale = -1 / exam.curvature;
    for (let i = 0; i < exam.students; i++) this.credit[i] *= scale;
    return exam.students;
  }

  read(view: NeuronView): void {
    const result = this.lane.lastResult;
    const m = this.correct(result ? result.question : 0);
    const scheme = this.lane.bot.cls.scheme;
    for (let i = 0; i < m; i++) {
      const c = this.credit[i];
      view.distance[i] = Math.min(1, Math.sqrt(Math.abs(c) / (2 * this.unit)));
      view.direction[i] = c > 0 ? 1 : c < 0 ? -1 : 0;
      if (result) {
        const [strength, tone] = ringOf(feedbackFor(result, scheme, i), this.unit);
        view.ring[i] = strength;
        view.tone[i] = tone;
      } else {
        view.ring[i] = 0;
      }
    }
  }
}
