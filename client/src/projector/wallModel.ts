/**
 * What the projector shows around the board, as a pure function of the room's state, the wall's picture and
 * the server's clock: which screen (lobby, round, review, end), the round's title, its big countdown and how
 * many submitted, what happens after the feedback, the comparison in one sentence, the presenter's key, and
 * the end's summary. The page only writes these words where they go.
 */
import { chartKey, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { compareClasses } from "../../../shared/session/comparison.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { className, heardUnder } from "../board/words.ts";
import { type EndSummary, endSummary } from "./endSummary.ts";
import type { ProjectorState } from "./state.ts";
import { parseScheme } from "./statePicture.ts";
import { clockText, endLine, joinedLine, keyHint, nextLine, roundTitle, submittedLine } from "./words.ts";

export type WallScreen = "lobby" | "round" | "review" | "ended";

export interface WallModel {
  readonly screen: WallScreen;
  readonly title: string;
  /** The big countdown of an open round ("0:12 left"), "paused", or null. */
  readonly clock: string | null;
  readonly submitted: string;
  readonly next: string | null;
  readonly comparison: string | null;
  readonly hint: string | null;
  readonly joined: string;
  readonly endReason: string | null;
  readonly end: EndSummary | null;
}

function screenOf(s: ProjectorState): WallScreen {
  switch (s.phase) {
    case "lobby":
      return "lobby";
    case "review":
      return "review";
    case "ended":
      return "ended";
    case "paused":
      // Paused on the feedback after a round (no time left to run): the feedback stays on show.
      return s.remainingMs > 0 ? "round" : "review";
    default:
      return "round";
  }
}

/** The comparison as the wall says it: the headline, or before the first round which class plays what. */
function comparisonOf(p: ClassPicture, over: boolean): string {
  const c = compareClasses(p.chart, { live: p.scheme, twin: p.twinScheme, over, exam: p.exam });
  if (c) return c.headline;
  const twin = className("twin", p.twinLikePeople).replace(/^The /, "the ");
  return `${className("live")} plays with ${heardUnder(chartKey(p.scheme), p.scheme)}; ${twin}, with ${heardUnder(chartKey(p.twinScheme), p.twinScheme)}.`;
}

export function wallModel(s: ProjectorState, picture: ClassPicture, now: number): WallModel {
  const screen = screenOf(s);
  const pausedInRound = s.phase === "paused" && s.remainingMs > 0;
  const clock =
    s.phase === "open" && s.closesAt > 0
      ? clockText(s.closesAt - now)
      : s.phase === "paused"
        ? pausedInRound
          ? `paused · ${clockText(s.remainingMs)}`
          : "paused"
        : null;
  const pending =
    typeof s.nextScheme === "string" && s.nextScheme !== ""
      ? parseScheme(s.nextScheme, picture.scheme)
      : null;
  const autoAt =
    s.autoAdvance === true && typeof s.nextRoundAt === "number" && s.nextRoundAt > 0 ? s.nextRoundAt : null;
  return {
    screen,
    title: roundTitle(s.phase, s.round, pausedInRound, s.pausedBy),
    clock,
    submitted: s.phase === "open" || pausedInRound ? submittedLine(s) : "",
    next: nextLine({
      phase: s.phase,
      autoInMs: autoAt === null ? null : autoAt - now,
      nextScheme: pending && pending.name !== picture.scheme.name ? schemePhrase(pending) : null,
    }),
    comparison: screen === "lobby" || screen === "ended" ? null : comparisonOf(picture, false),
    hint: keyHint(s.phase),
    joined: joinedLine(s.students),
    endReason: screen === "ended" ? endLine(s.endReason) : null,
    end: screen === "ended" ? endSummary(picture) : null,
  };
}
