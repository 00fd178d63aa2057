/**
 * The class answer against the key, as numbers ready to draw. On the `independent` exam the key is each
 * seat's own target and the answer each level: the seats in play, sorted by target, so 2,000 of them read as
 * one curve of targets with a cloud of levels around it. On `readout` and `layered` the answer is a point in
 * answer space and the key another: two outputs make a plane (a cursor and a target), any other number of
 * outputs pairs of bars. Ranges are symmetric around the middle of what is shown, so nothing jumps off. A
 * picture without its key (the wall's, under a scalar scheme before the reveal) draws no answer at all, only
 * words saying the key stays hidden. On `grating` (the mouse experiment) the answer is the grating's angle and
 * the key its target, drawn with the two populations (gratingDraw.ts).
 */

import { angleOf } from "../../../shared/engine/exams/grating.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import type { PopulationPicture } from "../../../shared/session/populations.ts";
import { heardUnderOf, wallIsBlind, wallShowsAnswer } from "../../../shared/session/wall.ts";

export type AnswerModel =
  | {
      readonly kind: "strip";
      /** Targets in increasing order, and each of those seats' level. */
      readonly targets: Float64Array;
      readonly levels: Float64Array;
    }
  | {
      readonly kind: "plane";
      readonly answer: readonly [number, number];
      readonly key: readonly [number, number];
      readonly range: readonly [number, number];
    }
  | {
      readonly kind: "bars";
      readonly answer: readonly number[];
      readonly key: readonly number[];
      readonly range: readonly [number, number];
    }
  | {
      readonly kind: "grating";
      /** The grating's angle and the target's, in degrees (0° to 180°); null where the wall may not show them. */
      readonly angle: number | null;
      readonly target: number | null;
      /** Why they are hidden, for the words: signals blocked, or a scheme without whole personal signals. */
      readonly hiddenBecause: "blocked" | "scalar" | null;
      readonly populations: readonly PopulationPicture[];
    }
  /** The picture carries no key because the wall may not show it yet (see shared/session/wall.ts). */
  | { readonly kind: "hidden" }
  | { readonly kind: "none" };

/** Smallest half-width of a range, so a class already at its key is not blown up to noise. */
const MIN_HALF = 0.1;
const PAD = 1.2;

/** A range holding every finite value, padded, centred on the middle of them. */
export function rangeOf(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return [0, 1];
  const mid = (lo + hi) / 2;
  const half = Math.max(MIN_HALF, ((hi - lo) / 2) * PAD);
  return [mid - half, mid + half];
}

const finite = (v: number): number => (Number.isFinite(v) ? v : Number.NaN);

/**
 * Whether the picture leaves the key out on purpose: the wall's picture before the reveal. The teacher's
 * picture of the same moment carries the key, and its board draws it.
 */
export const keyHidden = (p: ClassPicture): boolean => p.view === "wall" && wallIsBlind(p);

const wallShowsAnswerOf = (p: ClassPicture): boolean =>
  wallShowsAnswer(p.exam, p.revealed, p.scheme, heardUnderOf(p));

/** The mouse experiment's panel: the grating and its target where the picture has them (wall.ts decides). */
function gratingModel(p: ClassPicture): AnswerModel {
  const shown = p.answer.length > 0 && p.key.length > 0 && !(p.view === "wall" && !wallShowsAnswerOf(p));
  return {
    kind: "grating",
    angle: shown ? angleOf(p.answer[0]) : null,
    target: shown ? angleOf(p.key[0]) : null,
    hiddenBecause: shown ? null : p.scheme.name === "blocked" ? "blocked" : "scalar",
    populations: p.populations,
  };
}

export function answerModel(p: ClassPicture): AnswerModel {
  if (p.exam === "grating") return gratingModel(p);
  if (keyHidden(p)) return { kind: "hidden" };
  if (p.exam === "independent") {
    const rows = p.seats.filter((s) => s.seated && s.target !== null && Number.isFinite(s.target));
    rows.sort((a, b) => (a.target as number) - (b.target as number) || a.seat - b.seat);
    return {
      kind: "strip",
      targets: Float64Array.from(rows, (s) => s.target as number),
      levels: Float64Array.from(rows, (s) => finite(s.level)),
    };
  }
  const q = Math.min(p.answer.length, p.key.length);
  if (q === 0) return { kind: "none" };
  const answer = p.answer.slice(0, q).map(finite);
  const key = p.key.slice(0, q).map(finite);
  const range = rangeOf([...answer, ...key]);
  if (q === 2) return { kind: "plane", answer: [answer[0], answer[1]], key: [key[0], key[1]], range };
  return { kind: "bars", answer, key, range };
}

const sameArray = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/** Whether two models draw the same picture (so the board redraws only on a change). */
export function sameAnswer(a: AnswerModel, b: AnswerModel): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "strip":
      return b.kind === "strip" && sameArray(a.targets, b.targets) && sameArray(a.levels, b.levels);
    case "plane":
    case "bars":
      return (
        (b.kind === "plane" || b.kind === "bars") &&
        sameArray(a.answer, b.answer) &&
        sameArray(a.key, b.key) &&
        sameArray(a.range, b.range)
      );
    case "grating":
      return (
        b.kind === "grating" &&
        Object.is(a.angle, b.angle) &&
        Object.is(a.target, b.target) &&
        a.hiddenBecause === b.hiddenBecause &&
        JSON.stringify(a.populations) === JSON.stringify(b.populations)
      );
    case "hidden":
    case "none":
      return true;
  }
}
