/**
 * A session's replay as a film: the event log folded by the session core, with one class picture at the
 * start and one after every closed round, so a timeline can show any moment the way the projector showed
 * it. Every round is checked against its stored checksum as it is recomputed: a log that does not replay
 * throws ReplayMismatch rather than show something that never happened.
 */
import type { SessionEvent } from "./events.ts";
import { type ClassPicture, pictureOf } from "./picture.ts";
import { replay } from "./replay.ts";

/** The frames of a log: the start, then the moment after each `closed` event (closed rounds + 1 frames). */
export function replayFrames(events: readonly SessionEvent[]): ClassPicture[] {
  // Each picture is a copy (seats, answer, key, chart), so later rounds leave the earlier frames alone.
  const frames: ClassPicture[] = [];
  replay(events, {
    onEvent(state, event, index) {
      if (index === 0 || event.type === "closed") frames.push(pictureOf(state));
    },
  });
  return frames;
}
