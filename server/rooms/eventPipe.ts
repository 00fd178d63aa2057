/**
 * Events are durable before anyone sees their effect. The room applies an event to the session at once
 * (later checks must see it) but queues what it shows (state sync, messages) behind the event; a flush,
 * a few milliseconds later, appends every queued event in one transaction and only then runs the effects.
 * Batching turns a class's burst of submissions into one commit instead of thousands. Appends are
 * asynchronous (a database across the network): one is in flight at a time, in order, and what the room
 * queues meanwhile waits for the next, so a slow commit makes the batches larger, never out of order.
 */

import type { SessionEvent } from "../../shared/session/events.ts";
import type { TimedEvent } from "../store/store.ts";

export interface EventPipeDeps {
  readonly append: (events: readonly TimedEvent[]) => Promise<void>;
  readonly now: () => number;
  readonly schedule: (run: () => void, ms: number) => void;
  /** Called once when an append fails: the session can no longer promise durability. */
  readonly onFailure: (error: unknown) => void;
  /** An effect that threw: reported, and the next effects still run (one bad send must not stall the log). */
  readonly onEffectError: (error: unknown) => void;
}

export interface EventPipe {
  push(event: SessionEvent, effect?: () => void): void;
  /** Runs `effect` after everything queued so far is durable. */
  after(effect: () => void): void;
  /** Appends what is queued; resolves when it is durable and its effects have run (or the pipe failed). */
  flush(): Promise<void>;
  readonly pending: number;
  /** An append failed: nothing more is written or shown. */
  readonly failed: boolean;
}

const FLUSH_DELAY_MS = 5;

export function createEventPipe(deps: EventPipeDeps): EventPipe {
  let events: TimedEvent[] = [];
  let effects: (() => void)[] = [];
  let scheduled = false;
  let failed = false;
  let tail: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (failed) return;
    const batch = events;
    const run = effects;
    events = [];
    effects = [];
    if (batch.length > 0) {
      try {
        await deps.append(batch);
      } catch (e) {
        failed = true;
        deps.onFailure(e);
        return;
      }
    }
    for (const effect of run) {
      try {
        effect();
      } catch (e) {
        deps.onEffectError(e);
      }
    }
  };
  const flush = (): Promise<void> => {
    scheduled = false;
    tail = tail.then(write);
    return tail;
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    deps.schedule(() => void flush(), FLUSH_DELAY_MS);
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
    get failed() {
      return failed;
    },
  };
}
