/**
 * The presenter's keys at the wall: Space, PageDown, ArrowRight and Enter (what a presenter's clicker sends)
 * move the class on with `advance`, which the projector may send. Only in the lobby (the first round opens)
 * and on the feedback after a round (the next round opens): during an open round `advance` would close it,
 * and an accidental click must never do that. One message per moment: a double click sends one `advance`,
 * not a second one that would reach the room after the first had opened a round and so close it.
 */

/** `KeyboardEvent.key` of the keys a clicker sends. */
const KEYS: ReadonlySet<string> = new Set([" ", "Spacebar", "PageDown", "ArrowRight", "Enter"]);

export interface KeyFacts {
  readonly key: string;
  readonly repeat: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/** Whether a key press is a presenter's "next" (held keys and shortcuts are not). */
export const isPresenterKey = (e: KeyFacts): boolean =>
  KEYS.has(e.key) && !e.repeat && !e.ctrlKey && !e.altKey && !e.metaKey;

/** Phases in which `advance` only ever opens a round. */
const MAY_ADVANCE: ReadonlySet<string> = new Set(["lobby", "review"]);

export class AdvanceGuard {
  /** The moment ("phase:round") an `advance` was last sent at, until the room has moved on from it. */
  private sentAt: string | null = null;

  /** Whether to send `advance` now, in this phase and round; true at most once per moment. */
  request(phase: string, round: number): boolean {
    if (!MAY_ADVANCE.has(phase)) return false;
    const at = `${phase}:${round}`;
    if (this.sentAt === at) return false;
    this.sentAt = at;
    return true;
  }

  /** The room refused: the same moment may try again. */
  refused(): void {
    this.sentAt = null;
  }
}
