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
 * The mouse experiment (`grating`) is one exception: its answer is the grating's angle and its key the target
 * angle, and while every student hears its whole personal signal (vectorized, or alignment, the same there)
 * the wall draws both, since the signal already says which way and how far each student should go. Under
 * "Good job" or while any signal is blocked, the wall hides them: a student who saw which way the grating
 * must turn could work out its own role by moving, and with it what its blocked signal would have said. The
 * two populations are drawn as counts only (populations.ts). Which population is blocked is no secret (the
 * teacher says it, the counts show it, the state's scheme names it), so a blocked student may know its own;
 * with the grating hidden that does not say which way to move, and its phone asks it to keep its level.
 *
 * After the reveal the wall shows the whole picture but the names. The teacher's own views keep everything.
 */
import type { ExamKind } from "../engine/exam.ts";
import type { StudentFeedback } from "../engine/feedback.ts";
import { chartKey } from "../protocol/schemeWords.ts";
import type { SchemeConfig } from "../protocol/session.ts";
import type { ClassPicture, SeatPicture } from "./picture.ts";

/** Whether the wall must keep the key off: until the keys are revealed. */
export const wallIsBlind = (p: ClassPicture): boolean => !p.revealed;

const WHOLE_SIGNALS: readonly string[] = ["vectorized", "alignment"];

/**
 * Whether the wall may draw the class answer against the key: after the reveal, and on the grating while
 * both the scheme now and the one the last signals were heard under give everyone its whole signal.
 */
export function wallShowsAnswer(
  exam: ExamKind,
  revealed: boolean,
  scheme: SchemeConfig,
  heardUnder: string,
): boolean {
  if (revealed) return true;
  return exam === "grating" && WHOLE_SIGNALS.includes(scheme.name) && WHOLE_SIGNALS.includes(heardUnder);
}

/** The scheme the seats' last feedback was heard under: the last closed round's, else the current one. */
export const heardUnderOf = (p: ClassPicture): string =>
  p.chart.schemes[p.chart.schemes.length - 1] ?? chartKey(p.scheme);

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
  const heardUnder = heardUnderOf(p);
  const shown = wallShowsAnswer(p.exam, p.revealed, p.scheme, heardUnder);
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
    answer: shown ? p.answer : [],
    key: shown ? p.key : [],
  };
}
