/**
 * The big moment of a class board: what the class heard after the last round, in the words the room hears
 * it ("Good job, everyone", "Not quite, everyone", "Everyone got a personal signal"), with the class score.
 * A pure function of the picture, so the projector, the teacher's view and a replay say the same thing.
 */

import { classScore } from "../../../shared/engine/exam.ts";
import { chartKey } from "../../../shared/protocol/schemeWords.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";

export type MomentTone = "good" | "notQuite" | "plain" | "personal";

export interface Moment {
  /** The line for the back row. */
  readonly headline: string;
  /** The score and the round it belongs to. */
  readonly detail: string;
  readonly tone: MomentTone;
  /** The closed round the moment is about. */
  readonly round: number;
  readonly score: number;
}

const PERSONAL = new Set(["vectorized", "sign", "alignment", "noisy"]);

/** Whether the last scalar round did better than the one before, as the students were told, or null. */
function improved(p: ClassPicture, round: number): boolean | null {
  for (const s of p.seats) {
    const f = s.feedback;
    if (f && (f.kind === "global" || f.kind === "team") && f.round === round) return f.improved;
  }
  // No seat holds that round's feedback (nobody seated): compare the chart's last two errors.
  const e = p.chart.errors;
  const n = e.length;
  return n >= 2 && Number.isFinite(e[n - 1]) && Number.isFinite(e[n - 2]) ? e[n - 1] < e[n - 2] : null;
}

/** The moment after the last closed round, or null before the first round has closed. */
export function momentOf(p: ClassPicture): Moment | null {
  const n = p.chart.errors.length;
  if (n === 0) return null;
  const error = p.chart.errors[n - 1];
  if (!Number.isFinite(error)) return null;
  const score = Math.round(classScore(error));
  const round = n;
  const name = p.chart.schemes[n - 1] ?? chartKey(p.scheme);
  const detail = `Class score ${score} after round ${round}`;
  const moment = (headline: string, tone: MomentTone): Moment => ({ headline, detail, tone, round, score });
  if (name === "global") {
    const better = improved(p, round);
    if (better === null) return moment("Everyone heard the class score", "plain");
    return better ? moment("Good job, everyone", "good") : moment("Not quite, everyone", "notQuite");
  }
  if (name === "teams") return moment("Each table heard “Good job” or “Not quite”", "plain");
  if (name === "blocked-all") return moment("Nobody got a signal: every signal was blocked", "plain");
  if (name === "blocked-push" || name === "blocked-pull")
    return moment("One population got its personal signals; the other's were blocked", "personal");
  if (name === "blocked") {
    const blocked = p.scheme.name === "blocked" ? p.scheme.blockedFraction : null;
    return moment(
      blocked === null
        ? "Some got a personal signal"
        : `${Math.round((1 - blocked) * 100)} % of the class got a personal signal`,
      "personal",
    );
  }
  if (PERSONAL.has(name)) return moment("Everyone got a personal signal", "personal");
  return moment("Everyone heard the class score", "plain");
}

/** How many rounds a picture has closed. */
export const closedRounds = (p: ClassPicture | null): number => p?.chart.errors.length ?? 0;

/**
 * Whether a round closed between two pictures: the chart grew, or an open round became review or ended
 * (the state can show the close a moment before the chart's new point).
 */
export function roundClosed(before: ClassPicture | null, after: ClassPicture): boolean {
  if (!before) return false;
  if (closedRounds(after) > closedRounds(before)) return true;
  return (
    before.phase === "open" &&
    (after.phase === "review" || after.phase === "ended") &&
    after.round === before.round
  );
}
