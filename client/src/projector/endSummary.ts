/**
 * The end screen's summary, a pure function of the final picture: how many times as fast one scheme closed
 * the distance to the key per round (the shared comparison's figures, told by scheme), the final class
 * score, the rounds each scheme took to get 90 % of the way (whichever class played it), and a line on the
 * key, which the wall now shows.
 */

import { CLASS_CRITERION } from "../../../shared/engine/convergence.ts";
import { classScore } from "../../../shared/engine/exam.ts";
import { chartKey } from "../../../shared/protocol/schemeWords.ts";
import {
  aboutText,
  type Comparison,
  compareClasses,
  roundsText,
  type Stretch,
} from "../../../shared/session/comparison.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { heardUnder } from "../board/words.ts";

export interface Fact {
  /** The figure, large ("87", "about 12 times", "3 rounds"), and what it is. */
  readonly value: string;
  readonly label: string;
}

export interface EndSummary {
  readonly headline: string;
  readonly facts: readonly Fact[];
  readonly reveal: string;
}

const CRITERION = `${Math.round(CLASS_CRITERION * 100)} % of the way`;

const timesValue = (ratio: number): string =>
  ratio >= 10
    ? `about ${aboutText(Math.round(ratio))} times`
    : ratio >= 1.2
      ? `about ${ratio.toFixed(1)} times`
      : "about the same";

function phraseOf(p: ClassPicture): (name: string) => string {
  return (name) =>
    heardUnder(
      name,
      name === chartKey(p.scheme) ? p.scheme : name === chartKey(p.twinScheme) ? p.twinScheme : null,
    );
}

function headlineOf(c: Comparison, phrase: (name: string) => string): string {
  const fast = c.paces[0];
  const slow = c.paces[c.paces.length - 1];
  if (c.speedup === null || c.paces.length < 2) return c.headline;
  if (c.speedup < 1.2)
    return `Per round, ${phrase(fast.scheme)} and ${phrase(slow.scheme)} closed the distance to the key about as fast.`;
  return `Per round, ${phrase(fast.scheme)} closed the distance to the key ${timesValue(c.speedup)} as fast as ${phrase(slow.scheme)}.`;
}

/**
 * Rounds to the criterion, one figure per scheme: its fastest stretch that got there (by class, from the
 * start or after the switch, so a class that turned to personal signals gets its credit), or, when none did,
 * how many rounds it was played without getting there.
 */
function reachedFact(c: Comparison, scheme: string, phrase: (name: string) => string): Fact | null {
  const mine = c.stretches.filter((s) => s.scheme === scheme && s.counted && s.played > 0);
  if (mine.length === 0) return null;
  const who = (s: Stretch): string =>
    `${s.side === "live" ? "this class" : "the twin class"}${s.from === 0 ? "" : `, after the switch in round ${s.from + 1}`}`;
  const got = mine
    .filter((s) => s.reachedIn !== null)
    .sort((a, b) => (a.reachedIn ?? 0) - (b.reachedIn ?? 0));
  if (got.length > 0)
    return {
      value: roundsText(got[0].reachedIn ?? 0),
      label: `to get ${CRITERION} with ${phrase(scheme)}: ${got.map(who).join("; ")}${got.length > 1 ? ` (${got.map((s) => s.reachedIn).join(" and ")} rounds)` : ""}`,
    };
  const longest = mine.reduce((a, b) => (b.played > a.played ? b : a));
  return {
    value: `not in ${roundsText(longest.played)}`,
    label: `to get ${CRITERION} with ${phrase(scheme)}: ${who(longest)}`,
  };
}

const REVEALS: Record<ClassPicture["exam"], string> = {
  independent:
    "The key, revealed: each white tick is a student's target and each dot where that student ended; on the field, the arrows show who still had to move up or down.",
  readout: "The key, revealed: where the class's answer ended against the key it was steering for.",
  layered: "The key, revealed: where the class's answer ended against the key.",
  unreachable:
    "The key, revealed: each white tick is a student's target, some past the ends of the slider where no level reaches, and each dot where that student ended.",
  grating:
    "The key, revealed: where the grating's angle ended against the angle the class was turning it toward.",
};

export function endSummary(p: ClassPicture): EndSummary {
  const c = compareClasses(p.chart, { live: p.scheme, twin: p.twinScheme, over: true, exam: p.exam });
  const reveal = REVEALS[p.exam];
  if (!c) return { headline: "The class played no round.", facts: [], reveal };
  const phrase = phraseOf(p);
  const facts: Fact[] = [];
  const last = p.chart.errors[p.chart.errors.length - 1];
  const twin = p.chart.twinErrors[p.chart.twinErrors.length - 1];
  if (Number.isFinite(last))
    facts.push({
      value: String(Math.round(classScore(last))),
      label: `final class score (100 = the key)${Number.isFinite(twin) ? `; the twin class: ${Math.round(classScore(twin))}` : ""}`,
    });
  if (c.speedup !== null && c.paces.length >= 2)
    facts.push({
      value: timesValue(c.speedup),
      label: `as fast per round with ${phrase(c.paces[0].scheme)} as with ${phrase(c.paces[c.paces.length - 1].scheme)}`,
    });
  // Fastest first: a scheme that got there in one round (no pace) leads, then the paces, fastest first.
  const order = [
    ...c.quick.map((q) => q.scheme),
    ...c.paces.map((p) => p.scheme),
    ...c.stretches.map((s) => s.scheme),
  ];
  for (const scheme of [...new Set(order)]) {
    const fact = reachedFact(c, scheme, phrase);
    if (fact) facts.push(fact);
  }
  return { headline: headlineOf(c, phrase), facts, reveal };
}

/** The summary as lines of text, in the order the screen shows them (for the test hook). */
export const summaryLines = (s: EndSummary): string[] => [
  s.headline,
  ...s.facts.map((f) => `${f.value} ${f.label}`),
  s.reveal,
];
