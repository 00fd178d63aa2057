/**
 * Events go to disk before anyone sees their effect. The room applies an event to the session at once
 * (later checks must see it) but queues what it shows (state sync, messages) behind the event; a flush,
 * a few milliseconds later, appends every queued event in one transaction and only then runs the effects.
 * Batching turns a class's burst of submissions into one disk sync instead of thousands.
 */
import type { SessionEvent } from "../../shared/session/events.ts";

export interface EventPipeDeps {
  readonly append: (events: readonly { at: number; event: SessionEvent }[]) => void;
  readonly now: () => number;
  readonly schedule: (run: () => void, ms: number) => void;
  /** Called when an append fails: the session can no longer promise durability. */
  readonly onFailure: (error: unknown) => void;
}

export interface EventPipe {
  push(event: SessionEvent, effect?: () => void): void;
  /** Runs `effect` after everything queued so far is on disk. */
  after(effect: () => void): void;
  flush(): void;
  readonly pending: number;
}

const FLUSH_DELAY_MS = 5;

export function createEventPipe(deps: EventPipeDeps): EventPipe {
  let events: { at: number; event: SessionEvent }[] = [];
  let effects: (() => void)[] = [];
  let scheduled = false;
  let failed = false;

  const flush = (): void => {
    scheduled = false;
    if (failed) return;
    const batch = events;
    const run = effects;
    events = [];
    effects = [];
    try {
      deps.append(batch);
    } catch (e) {
      failed = true;
      deps.onFailure(e);
      return;
    }
    for (const effect of run) effect();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    deps.schedule(flush, FLUSH_DELAY_MS);
  };
  return {
    push(event, effect) {
      events.push({ at: deps.now(), event });
      if (effect) effects.push(effect);
      schedule();
    },
    after(effect) {
      effects.push(effect);
      schedule();
    },
    flush,
    get pending() {
      return events.length;
    },
  };
}
