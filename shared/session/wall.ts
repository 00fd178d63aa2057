/**
 * What the wall may show. The projector is seen by the whole class, so it must never give a student more
 * than its own phone does: under a scalar scheme ("Good job, everyone", one per table) a student who found
 * its own disc, or its level against its target, would have solved the exam the scheme is about; under
 * `blocked` a blocked student's phone says "no signal", so its disc on the wall must say nothing either.
 * So, until the keys are revealed (the teacher's reveal, or the end), the wall's picture keeps:
 *
 * - no nickname on the field, ever (the lobby lists names as they join, apart from the field; at the end the
 *   wall shows how close the class came, not who was far);
 * - for each seat only what that seat heard in the last round: its personal signal where it got one (a
 *   direction alone under `sign`; nothing under "Good job", nothing for a blocked student), never the true
 *   correction toward its key, which no phone is given;
 * - no key: no targets, no answer against the key. The reveal shows it, and the end.
 *
 * After the reveal the wall shows the whole picture but the names. The teacher's own views keep everything.
 */
import type { StudentFeedback } from "../engine/feedback.ts";
import type { ClassPicture, SeatPicture } from "./picture.ts";

/** Whether the wall must keep the key off: until the keys are revealed. */
export const wallIsBlind = (p: ClassPicture): boolean => !p.revealed;

/**
 * What a seat's own phone showed after the last round, as a correction in level units: its signal, a unit
 * step under `sign` (a direction, no size), NaN where it heard no signal of its own.
 */
export function heardCorrection(f: StudentFeedback | null, scheme: string, unit: number): number {
  if (f?.kind !== "vector") return Number.NaN;
  if (scheme === "sign") return f.signal === 0 ? 0 : Math.sign(f.signal) * unit;
  return f.signal;
}

/** The picture the projector draws (see the file's docblock). */
export function wallPicture(p: ClassPicture): ClassPicture {
  const heardUnder = p.chart.schemes[p.chart.schemes.length - 1] ?? p.scheme.name;
  const seat = (s: SeatPicture): SeatPicture =>
    p.revealed
      ? { ...s, nickname: "" }
      : {
          ...s,
          nickname: "",
          target: null,
          credit: heardCorrection(s.feedback, heardUnder, p.creditUnit),
        };
  return {
    ...p,
    view: "wall",
    seats: p.seats.map(seat),
    answer: p.revealed ? p.answer : [],
    key: p.revealed ? p.key : [],
  };
}
