/** What the dashboard says in words: schemes by name and parameter, statuses, ends, dates and scores (the status line is status.ts). */

import { CLASS_CRITERION } from "../../../shared/engine/convergence.ts";
import { schemeLabel, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig, SessionStatus } from "../../../shared/protocol/session.ts";

/** "teams(5): one “Good job” per table of 5". */
export const schemeText = (s: SchemeConfig): string => `${schemeLabel(s)}: ${schemePhrase(s)}`;

export const STATUS_WORDS: Record<SessionStatus, string> = {
  live: "live",
  ended: "ended",
  interrupted: "interrupted (the server stopped)",
};

export const END_WORDS: Record<string, string> = {
  teacher: "The teacher ended the session.",
  criterion: `The session ended: the class got ${Math.round(CLASS_CRITERION * 100)} % of the way to the key.`,
  "round-limit": "The session ended at its round limit.",
};

export const dateText = (ms: number): string =>
  new Date(ms).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

export const scoreText = (score: number | null): string => (score === null ? "—" : `${Math.round(score)}`);
