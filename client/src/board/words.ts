/**
 * What a class board says in words: each scheme as the class hears it (the shared scheme words, so every page
 * names a scheme alike), the chart's legend and scheme-change marks, and a sentence that describes the field
 * of neurons for people who cannot see the canvas.
 */

import { schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { SeatPicture } from "../../../shared/session/picture.ts";

/** The phrase of a scheme known only by name (a past round's): no parameters, nothing invented. */
const NAME_PHRASES: Record<string, string> = {
  global: "“Good job, everyone”",
  vectorized: "personal signals",
  sign: "only the direction of each personal signal",
  alignment: "personal signals sent back through a random path",
  noisy: "noisy personal signals",
  teams: "one “Good job” per table",
  blocked: "personal signals, some blocked",
};

/** What the class hears under scheme `name`; `config` gives its parameters when it is that scheme. */
export function heardUnder(name: string, config?: SchemeConfig | null): string {
  if (config && config.name === name) return schemePhrase(config);
  return NAME_PHRASES[name] ?? name;
}

export const liveLabel = (scheme: SchemeConfig): string => `Live class: ${schemePhrase(scheme)}`;
export const twinLabel = (scheme: SchemeConfig): string => `Twin class (bots): ${schemePhrase(scheme)}`;
export const theoryLabel = (side: "live" | "twin"): string =>
  side === "live" ? "theory, live class" : "theory, twin class";

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "40 neurons: 12 students, 28 bots (2 standing in). 25 should move up, 13 down, 2 are there." */
export function fieldSummary(seats: readonly SeatPicture[]): string {
  let humans = 0;
  let bots = 0;
  let standIns = 0;
  let up = 0;
  let down = 0;
  for (const s of seats) {
    if (s.kind === "human") humans++;
    else if (s.kind === "bot") bots++;
    else standIns++;
    if (s.credit > 0) up++;
    else if (s.credit < 0) down++;
  }
  if (seats.length === 0) return "No neurons yet: nobody has joined.";
  const who = [plural(humans, "student", "students"), plural(bots, "bot", "bots")];
  if (standIns > 0)
    who.push(plural(standIns, "bot standing in for a student", "bots standing in for students"));
  const there = seats.length - up - down;
  return `${plural(seats.length, "neuron", "neurons")}: ${who.join(", ")}. ${up.toLocaleString("en")} should move up, ${down.toLocaleString("en")} down, ${there.toLocaleString("en")} are there.`;
}
