/**
 * What each neuron of a field shows, as plain typed arrays a Phaser layer paints from: how far the student
 * stands from where the key wants it (its credit, the exam's own backward pass, over a typical credit at the
 * start, so it means the same on every exam), which way it should move, the feedback it received in the
 * last round (a ring), and who sits there (a student, a bot, or a bot standing in for a student).
 */
import type { StudentFeedback } from "../../../shared/engine/feedback.ts";
import type { SeatPicture } from "../../../shared/session/picture.ts";

export const TONE = { personal: 0, good: 1, notQuite: 2, plain: 3 } as const;
export const KIND = { bot: 0, human: 1, standIn: 2 } as const;

export interface NeuronView {
  /** 0 at its target … 1 far from it, on a square-root scale so the last stretch stays visible. */
  readonly distance: Float32Array;
  /** +1: it should go up; −1: down; 0: it is there. */
  readonly direction: Int8Array;
  /** Strength 0…1 of the feedback received in the last round (0: nothing). */
  readonly ring: Float32Array;
  /** A value of TONE: a personal signal, "Good job", "Not quite", or a score with nothing to compare. */
  readonly tone: Uint8Array;
  /** A value of KIND (the demo's classes are all bots). */
  readonly kind: Uint8Array;
  /** Nicknames of the seats, where known (the board labels students in small classes). */
  readonly names: string[];
}

export function createView(students: number): NeuronView {
  return {
    distance: new Float32Array(students),
    direction: new Int8Array(students),
    ring: new Float32Array(students),
    tone: new Uint8Array(students),
    kind: new Uint8Array(students),
    names: new Array<string>(students).fill(""),
  };
}

/** Strength of the ring a shared scalar draws around every student of its class or table. */
export const WASH = 0.75;

/** How far a credit is from nothing, 0…1: a typical credit at the start (`unit`) is about half lit. */
export function distanceOf(credit: number, unit: number): number {
  if (!Number.isFinite(credit)) return 0;
  return Math.min(1, Math.sqrt(Math.abs(credit) / (2 * (unit > 0 ? unit : 1))));
}

export const directionOf = (credit: number): -1 | 0 | 1 => (credit > 0 ? 1 : credit < 0 ? -1 : 0);

/** A feedback's ring: personal rings sized by the student's own signal, a shared scalar as one wash. */
export function ringOf(f: StudentFeedback | null, unit: number): [strength: number, tone: number] {
  if (!f) return [0, TONE.personal];
  switch (f.kind) {
    case "vector":
      return [distanceOf(f.signal, unit), TONE.personal];
    case "global":
    case "team":
      if (f.improved === null) return [WASH, TONE.plain];
      return [WASH, f.improved ? TONE.good : TONE.notQuite];
    case "none":
      return [0, TONE.personal];
  }
}

const KIND_OF: Record<SeatPicture["kind"], number> = {
  bot: KIND.bot,
  human: KIND.human,
  "stand-in": KIND.standIn,
};

/**
 * Fills `view` (made for `seats.length`) from a class picture's seats; returns whether anything drawn
 * changed, so a caller redraws only then. After a round of one "Good job" for everyone the board washes
 * the whole field in its tone (see washOf) instead of ringing every neuron alike: the same message, and
 * half the images to draw for 2,000 students. Tables (teams) keep their rings: each heard its own.
 */
export function fillView(view: NeuronView, seats: readonly SeatPicture[], unit: number): boolean {
  let changed = false;
  const set = <T extends Float32Array | Int8Array | Uint8Array>(a: T, i: number, v: number): void => {
    if (a[i] !== v) {
      a[i] = v;
      changed = true;
    }
  };
  for (let i = 0; i < seats.length; i++) {
    const s = seats[i];
    // Float32 storage: compare after rounding to it, or every call would look like a change.
    set(view.distance, i, Math.fround(distanceOf(s.credit, unit)));
    set(view.direction, i, directionOf(s.credit));
    const [strength, tone] = s.feedback?.kind === "global" ? [0, TONE.plain] : ringOf(s.feedback, unit);
    set(view.ring, i, Math.fround(strength));
    set(view.tone, i, tone);
    set(view.kind, i, KIND_OF[s.kind] ?? KIND.bot);
    if (view.names[i] !== s.nickname) {
      view.names[i] = s.nickname;
      changed = true;
    }
  }
  return changed;
}

/**
 * The shared wash behind the field after a scalar round: the tone of "Good job" or "Not quite" that the
 * class heard, or null after a round of personal signals (or before the first round).
 */
export function washOf(seats: readonly SeatPicture[]): number | null {
  for (const s of seats) {
    const f = s.feedback;
    if (!f || f.kind === "none") continue;
    if (f.kind === "vector") return null;
    if (f.kind === "team") return TONE.plain;
    return f.improved === null ? TONE.plain : f.improved ? TONE.good : TONE.notQuite;
  }
  return null;
}

/** A grid as square as the area allows, centred in it. */
export interface Grid {
  readonly cols: number;
  readonly rows: number;
  readonly cell: number;
  /** Centre of the first cell, relative to the area's corner. */
  readonly x0: number;
  readonly y0: number;
}

export function gridFor(count: number, width: number, height: number): Grid {
  if (count <= 0 || width <= 0 || height <= 0) return { cols: 0, rows: 0, cell: 0, x0: 0, y0: 0 };
  const cols = Math.max(1, Math.min(count, Math.ceil(Math.sqrt((count * width) / height))));
  const rows = Math.ceil(count / cols);
  const cell = Math.min(width / cols, height / rows);
  return {
    cols,
    rows,
    cell,
    x0: (width - cols * cell) / 2 + cell / 2,
    y0: (height - rows * cell) / 2 + cell / 2,
  };
}
