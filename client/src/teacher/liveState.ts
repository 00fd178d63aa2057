/**
 * The room's synchronised state as the teacher's connection sees it: the fields the projector reads, the
 * staff-only roster its teacher's token unlocks (`staff`; the projector gets `wall` instead) and the fields
 * only the controls read, declared structurally so the page imports no server code; and the pure readings
 * the dashboard makes of it. Every field is checked, since a bad value from the network must not break the
 * page.
 */
import { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { ChartPicture } from "../../../shared/session/chart.ts";
import type { ListLike, ProjectorState, RosterRow } from "../projector/state.ts";
import { numbers } from "../projector/statePicture.ts";

export type { RosterRow };

export interface TeacherState extends ProjectorState {
  readonly roundSeconds: number;
  /** JSON of the scheme the next round will use, "" when the teacher has not switched. */
  readonly nextScheme: string;
  readonly locked: boolean;
  readonly standIns: boolean;
  readonly twinScores?: ListLike<number>;
}

/** A scheme from the state's JSON, or null when it is empty or not a scheme. */
export function schemeFrom(json: unknown): SchemeConfig | null {
  if (typeof json !== "string" || !json) return null;
  try {
    const parsed = SchemeConfig.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The chart's lines cut to the rounds every line has (a patch may arrive half applied). */
export function evenChart(chart: ChartPicture): ChartPicture {
  const n = Math.min(
    chart.errors.length,
    chart.twinErrors.length,
    chart.theory.length,
    chart.twinTheory.length,
    chart.schemes.length,
    chart.twinSchemes.length,
  );
  return {
    errors: chart.errors.slice(0, n),
    twinErrors: chart.twinErrors.slice(0, n),
    theory: chart.theory.slice(0, n),
    twinTheory: chart.twinTheory.slice(0, n),
    schemes: chart.schemes.slice(0, n),
    twinSchemes: chart.twinSchemes.slice(0, n),
  };
}

/** The last closed round's score of the class and of its twin, or null before the first. */
export function lastScores(state: TeacherState): { live: number | null; twin: number | null } {
  const live = numbers(state.scores);
  const twin = numbers(state.twinScores);
  return {
    live: live.length ? live[live.length - 1] : null,
    twin: twin.length ? twin[twin.length - 1] : null,
  };
}

/**
 * A seat whose student has left (or was kicked) but whose level stands until the next round opens: the
 * session names it "(left)" and it is not connected.
 */
export const isLeaving = (row: RosterRow): boolean =>
  row.kind === "human" && row.nickname === "(left)" && !row.connected;

/** The humans of the roster (students, and stand-ins playing for them) by seat, and the bots' count. */
export function rosterOf(state: TeacherState): { humans: RosterRow[]; bots: number } {
  const humans: RosterRow[] = [];
  let bots = 0;
  const roster = state.staff?.roster;
  if (roster && typeof roster.forEach === "function")
    roster.forEach((row) => {
      if (typeof row !== "object" || row === null || typeof row.seat !== "number") return;
      if (row.kind === "bot") bots++;
      else humans.push(row);
    });
  humans.sort((a, b) => a.seat - b.seat);
  return { humans, bots };
}
