/**
 * Every message a client sends passes one gate before it becomes an input to the conductor: its sender's
 * rate, its sender's role (the projector may send only what PROJECTOR_MAY lists), and its shape, checked
 * as a whole command (type and body) with the protocol's zod schema, so the conductor receives a typed
 * value. A body of the wrong shape is a broken or hostile client: one log line, and its connection closes.
 */
import { type Client, CloseCode } from "@colyseus/core";
import type { z } from "zod";
import {
  PROJECTOR_MAY,
  type Role,
  StaffCommand,
  StudentCommand,
  StudentMessages,
  TeacherMessages,
} from "../../shared/protocol/messages.ts";
import type { Input } from "../../shared/session/conductor.ts";
import { type Holder, refuse } from "./holders.ts";
import { take } from "./limiter.ts";

export interface Gate {
  readonly on: (type: string, handler: (client: Client, body: unknown) => void) => void;
  readonly onAny: (handler: (client: Client, type: string) => void) => void;
  readonly holderOf: (client: Client) => Holder;
  readonly now: () => number;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
  readonly run: (input: Input, holder: Holder, type: string) => void;
}

export function listenForCommands(gate: Gate): void {
  for (const type of Object.keys(StudentMessages))
    listen(gate, type, "student", StudentCommand, (holder, command) => ({
      kind: "student",
      seat: holder.seat,
      command,
    }));
  for (const type of Object.keys(TeacherMessages))
    listen(gate, type, "teacher", StaffCommand, (holder, command) => ({
      kind: "staff",
      role: holder.role === "projector" ? "projector" : "teacher",
      command,
    }));
  gate.on("time", () => ({ now: gate.now() }));
  gate.onAny((client, type) => refuse(gate.holderOf(client), type, "bad-message", gate.log));
}

function listen<C>(
  gate: Gate,
  type: string,
  role: Role,
  schema: z.ZodType<C>,
  input: (holder: Holder, command: C) => Input,
): void {
  gate.on(type, (client, body) => {
    const holder = admitted(gate, client, type, role);
    if (!holder) return;
    const parsed = schema.safeParse({ type, body });
    if (parsed.success) gate.run(input(holder, parsed.data), holder, type);
    else {
      gate.log("closed a connection for a malformed message", { type, role: holder.role });
      client.leave(CloseCode.WITH_ERROR);
    }
  });
}

/** The sender, when it may send this message at this rate; otherwise it is told why not. */
function admitted(gate: Gate, client: Client, type: string, role: Role): Holder | null {
  const holder = gate.holderOf(client);
  const now = gate.now();
  if (!take(holder.bucket, now)) {
    // One refusal a second at most: a flood gets a word, not a flood of words back.
    if (now - holder.bucket.lastWarnedAt > 1000) {
      holder.bucket.lastWarnedAt = now;
      refuse(holder, type, "rate-limited", gate.log);
    }
    return null;
  }
  const projectorMay =
    holder.role === "projector" && role === "teacher" && PROJECTOR_MAY.some((t) => t === type);
  if (holder.role !== role && !projectorMay) {
    refuse(holder, type, "not-allowed", gate.log);
    return null;
  }
  return holder.released ? null : holder;
}
