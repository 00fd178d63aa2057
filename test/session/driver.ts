/**
 * A session without a room, two ways: `run` sends the conductor an input at a time, as the exam room does,
 * and keeps the events it logs; `emit` folds a hand-made event (checked as the conductor would), for tests
 * that build a moment event by event. Either way `log` replays to `state`.
 */
import { SessionConfig, type SessionConfigInput } from "../../shared/protocol/session.ts";
import { type ConductorRules, conduct, type Input, type Step } from "../../shared/session/conductor.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import { check } from "../../shared/session/rules.ts";
import { apply, closeNow, createdEvent, createSession } from "../../shared/session/session.ts";

export const TEST_RULES: ConductorRules = { graceMs: 60_000, restoreGraceMs: 300_000 };

export function driver(configInput: SessionConfigInput, seed = 7, rules: ConductorRules = TEST_RULES) {
  const config = SessionConfig.parse(configInput);
  const created = createdEvent(config, seed, "ACDEFG");
  if (created.type !== "created") throw new Error("createdEvent made no creation");
  const state = createSession(created);
  const log: SessionEvent[] = [created];
  const emit = (event: SessionEvent): void => {
    const refusal = check(state, event);
    if (refusal) throw new Error(`refused ${event.type}: ${refusal}`);
    apply(state, event);
    log.push(event);
  };
  const close = (reason: "timer" | "all-submitted" | "advance" = "timer") => {
    const event = closeNow(state, reason);
    log.push(event);
    return event;
  };
  /** One input through the conductor at `now`, its events kept in the log. */
  const run = (input: Input, now: number): Step => {
    const step = conduct(state, input, now, rules);
    log.push(...step.events);
    return step;
  };
  return { state, log, emit, close, run };
}
