/**
 * The demo's adapter from a bot class to the board's neuron view: how far each student stands from where
 * the key wants it (the exam's own backward pass, so it means the same on every exam) and the feedback it
 * received in the last round, cut by the engine exactly as a student's screen gets it. It runs in the class
 * worker, which rasterises the view into the field's picture.
 */
import { feedbackFor, questionLevels } from "../../../shared/engine/index.ts";
import { directionOf, distanceOf, ringOf } from "../board/neurons.ts";
import type { FieldNeurons } from "./fieldPixels.ts";
import type { Lane } from "./lane.ts";

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

  /** Fills `view` (one entry per student) with the class's neurons as they stand now. */
  read(view: FieldNeurons): void {
    const result = this.lane.lastResult;
    const m = this.correct(result ? result.question : 0);
    const scheme = this.lane.bot.cls.scheme;
    for (let i = 0; i < m; i++) {
      const c = this.credit[i];
      view.distance[i] = distanceOf(c, this.unit);
      view.direction[i] = directionOf(c);
      const [strength, tone] = ringOf(result ? feedbackFor(result, scheme, i) : null, this.unit);
      view.ring[i] = strength;
      view.tone[i] = tone;
    }
  }
}
