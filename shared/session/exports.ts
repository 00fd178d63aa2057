/**
 * What a teacher downloads: a session per round, and per student and round, as tables for people (a
 * spreadsheet, a report). Figures are rounded as people read them and nothing internal goes in (no
 * checksum, no raw class error); the JSON export keeps the whole log for researchers.
 *
 * The per-student table is a fold of the log (the replay's), so it holds exactly what each seat did and
 * heard in each round: its level as scored, the feedback of the round's scheme in words, and its key.
 */

import { questionLevels } from "../engine/classroom.ts";
import { classScore } from "../engine/exam.ts";
import { feedbackFor, STAY_BELOW, type StudentFeedback } from "../engine/feedback.ts";
import { schemeLabel } from "../protocol/schemeWords.ts";
import type { RoundRecord } from "../protocol/session.ts";
import type { SessionEvent } from "./events.ts";
import { replay } from "./replay.ts";

export type Cell = string | number | null;

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const round1 = (v: number): number => Math.round(v * 10) / 10;
/** How far the class's answer is from the key: √E, three decimals. */
const distance = (error: number): number => Math.round(Math.sqrt(Math.max(0, error)) * 1000) / 1000;

export function roundsTable(results: readonly RoundRecord[]): Table {
  return {
    columns: [
      "round",
      "question",
      "scheme",
      "class score",
      "distance to the key",
      "twin scheme",
      "twin score",
      "twin distance",
      "students",
      "bots",
    ],
    rows: results.map((r) => [
      r.round,
      r.question + 1,
      schemeLabel(r.scheme),
      round1(r.score),
      distance(r.classError),
      schemeLabel(r.twinScheme),
      round1(r.twinScore),
      distance(r.twinError),
      r.students,
      r.bots,
    ]),
  };
}

/** A feedback as the student heard it, in a few words, and the signed signal where it had one. */
export function feedbackCells(f: StudentFeedback): [words: string, signal: number | null] {
  switch (f.kind) {
    case "global":
      return [f.improved === null ? "first score" : f.improved ? "good job" : "not quite", null];
    case "team":
      return [
        `table ${f.team + 1}: ${f.improved === null ? "first score" : f.improved ? "good job" : "not quite"}`,
        null,
      ];
    case "vector":
      // The student's page says "stay" below STAY_BELOW; the table says what the page said.
      return [Math.abs(f.signal) < STAY_BELOW ? "stay" : f.signal > 0 ? "raise" : "lower", round2(f.signal)];
    case "none":
      return ["nothing (blocked)", null];
  }
}

export function studentsTable(events: readonly SessionEvent[]): Table {
  const rows: Cell[][] = [];
  replay(events, {
    onEvent(state, event) {
      if (event.type !== "closed" || !state.lastClosed) return;
      const { result, scheme } = state.lastClosed;
      const levels = questionLevels(state.live, result.question);
      state.seats.forEach((seat, i) => {
        // A seat in play this round: held now, or freed during it (its level stood for the round).
        if (!seat.seated) return;
        const kind =
          seat.kind === "bot"
            ? "bot"
            : seat.standIn
              ? "stand-in"
              : seat.kind === "human"
                ? "student"
                : "left";
        const [words, signal] = feedbackCells(feedbackFor(result, scheme, i));
        const key = state.live.exam.targetOf(i, result.question);
        rows.push([
          result.round,
          i + 1,
          seat.kind === "empty" ? "" : seat.nickname,
          kind,
          schemeLabel(scheme.config),
          round2(levels[i]),
          words,
          signal,
          key === null ? null : round2(key),
          round1(classScore(result.classError)),
        ]);
      });
    },
  });
  return {
    columns: [
      "round",
      "seat",
      "nickname",
      "who",
      "scheme",
      "level",
      "feedback",
      "signal",
      "key",
      "class score",
    ],
    rows,
  };
}

/**
 * One CSV cell: quoted when it holds a comma, a quote or a line break; and a text a spreadsheet would run as
 * a formula (a nickname such as "=HYPERLINK(…)") is made plain text with a leading apostrophe.
 */
export function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV, UTF-8 with a byte-order mark first: without it a spreadsheet on Windows reads "Zoë" as
 * "ZoÃ«"; with it every spreadsheet and CSV reader knows the encoding (and the mark is not a cell).
 */
export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
