/**
 * Drives a session core as the exam room does (check, apply, keep the log), without a room: the session
 * tests' way to play rounds and get a real log.
 */
import { SessionConfig, type SessionConfigInput } from "../../shared/protocol/session.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import { apply, check, closeNow, createdEvent, createSession } from "../../shared/session/session.ts";

export /** Drives a session as a room would: check, apply, keep the log. */
function driver(configInput: SessionConfigInput, seed = 7) {
  const config = SessionConfig.parse(configInput);
  const created = createdEvent(config, seed, "ACDEFG");
  const state = createSession(created as Extract<SessionEvent, { type: "created" }>);
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
  return { state, log, emit, close };
}
