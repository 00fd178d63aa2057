/**
 * A session's replay as a film: the event log folded by the session core, with one class picture at the
 * start and one after every closed round, so a timeline can show any moment the way the projector showed
 * it. Every round is checked against its stored checksum as it is recomputed: a log that does not replay
 * throws ReplayMismatch rather than show something that never happened.
 */
import type { ChartPicture } from "./chart.ts";
import type { SessionEvent } from "./events.ts";
import { type ClassPicture, pictureOf } from "./picture.ts";
import { apply, createSession, type SessionState } from "./session.ts";

/** The chart as it stands, copied: the session keeps growing its own arrays. */
function chartCopy(chart: ChartPicture): ChartPicture {
  return {
    errors: chart.errors.slice(),
    twinErrors: chart.twinErrors.slice(),
    theory: chart.theory.slice(),
    twinTheory: chart.twinTheory.slice(),
    schemes: chart.schemes.slice(),
  };
}

/**
 * One moment of the session. `pictureOf` already builds fresh seats and copies of the answer and the key;
 * the chart is the session's own and is copied here, and each seat's feedback is a fresh object too.
 */
function frameOf(state: SessionState): ClassPicture {
  const picture = pictureOf(state);
  return { ...picture, chart: chartCopy(picture.chart) };
}

/** The frames of a log: the start, then the moment after each `closed` event (closed rounds + 1 frames). */
export function replayFrames(events: readonly SessionEvent[]): ClassPicture[] {
  const first = events[0];
  if (first?.type !== "created") throw new Error("a session log starts with its creation");
  const state = createSession(first);
  const frames = [frameOf(state)];
  for (let i = 1; i < events.length; i++) {
    const event = events[i];
    apply(state, event, true);
    if (event.type === "closed") frames.push(frameOf(state));
  }
  return frames;
}
