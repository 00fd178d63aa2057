/**
 * One exam room per session: a thin Colyseus adapter around the conductor. It authenticates, turns joins,
 * drops and messages into the conductor's inputs, and carries out the effects it returns: events go to disk
 * through the event pipe before anything they cause is sent. The order of play is not here; it is in
 * `shared/session/conductor.ts`.
 */
import { type AuthContext, type Client, CloseCode, Room, ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { CLOSING_WORDS, type ClosingMessage } from "../../shared/protocol/messages.ts";
import { conduct, type Effect, type Input, nextDeadline } from "../../shared/session/conductor.ts";
import { replay } from "../../shared/session/replay.ts";
import { feedbackOf, youOf } from "../../shared/session/seatViews.ts";
import type { SessionState } from "../../shared/session/session.ts";
import { type Claim, WriterRefused } from "../store/store.ts";
import { createEventPipe, type EventPipe } from "./eventPipe.ts";
import { ExamState } from "./examState.ts";
import { type Holder, newHolder, refuse, SeatHolders } from "./holders.ts";
import { listenForCommands } from "./messageGate.ts";
import { type AuthResult, authenticateJoin, joinRefused, type RoomSecrets } from "./roomAuth.ts";
import type { RoomDeps } from "./roomDeps.ts";
import { after, DeadlineTimer, every, type Timer } from "./roomTimers.ts";
import { initState, syncState } from "./stateSync.ts";
import { CLAIMED_ELSEWHERE } from "./writers.ts";

/** How long an ended session's room stays up for the screens to show its end. */
const ENDED_ROOM_SECONDS = 600;

export class ExamRoom extends Room<{ state: ExamState }> {
  override state = new ExamState();
  override maxMessagesPerSecond = 40;
  declare deps: RoomDeps;
  private session!: SessionState;
  private secrets!: RoomSecrets;
  private pipe!: EventPipe;
  /** This room's right to write the session's log; unset until onCreate has it. */
  private claim: Claim | null = null;
  private readonly seats = new SeatHolders();
  private readonly dirty = new Set<number>();
  private readonly deadline = new DeadlineTimer();
  private idle: Timer | null = null;
  private closing: Timer | null = null;
  /** No more inputs: the room is stopping, failed to write, or was unloaded. */
  private stopped = false;
  /** onCreate has returned: the room is open to clients. */
  private opened = false;

  override async onCreate(options: { sessionId: string; restore?: boolean }): Promise<void> {
    const row = await this.deps.store.session(options.sessionId);
    if (!row) throw new Error(`no session ${options.sessionId}`);
    // The room is named by its session, so a page's stored room id still works after a restart.
    this.roomId = row.id;
    this.secrets = row;
    // The session's one writer (store.ts): refused while a live process holds it, so no room is made twice.
    const claim = await this.deps.writers.claim(row);
    if (!claim) throw new ServerError(CLAIMED_ELSEWHERE, "another server is bringing this session back");
    this.claim = claim;
    const log = await this.deps.store.events(row.id);
    this.session = replay(log.map((e) => e.event));
    this.autoDispose = false;
    this.setMetadata({ code: row.code, sessionId: row.id });
    this.pipe = createEventPipe({
      append: (events) => this.deps.store.append(claim, events),
      now: this.deps.now,
      schedule: (run, ms) => this.after(ms, run),
      onFailure: (error) => this.failDurably(error),
      onEffectError: (error) => this.onUncaughtException(toError(error), "effect"),
    });
    initState(this.state, this.session);
    syncState(this.state, this.session, null);
    listenForCommands({
      on: (type, handler) => this.onMessage(type, handler),
      onAny: (handler) => this.onMessage("*", (client, type) => handler(client, String(type))),
      holderOf: (client) => this.holder(client),
      now: this.deps.now,
      log: this.deps.log,
      run: (input, holder, type) => this.run(input, holder, type),
    });
    if (options.restore) {
      this.run({ kind: "restore", stoppedAt: log[log.length - 1]?.at ?? this.deps.now() });
      // A room comes back only when its log takes writes again: the restore's events are its first write.
      // If it fails, creating the room fails, the code's lookup answers 503, and the session stays live.
      await this.pipe.flush();
      // A ServerError, so Colyseus does not print its stack: sessionsApi logs the lookup's failure in one line.
      if (this.stopped) throw new ServerError(503, "the session log cannot be written yet");
    }
    this.opened = true;
    if (this.session.phase === "ended") this.closeLater();
    else this.watchIdle();
  }

  // ── people ─────────────────────────────────────────────────────────────

  override onAuth(_client: Client, options: unknown, context: AuthContext): Promise<AuthResult> {
    return authenticateJoin(
      options,
      this.session,
      this.secrets,
      this.deps.log,
      context.ip,
      this.deps.joinLimits,
    );
  }

  override onJoin(client: Client, _options: unknown, auth: AuthResult): void {
    const holder = newHolder(auth.role, client, this.deps.now());
    client.userData = holder;
    if (auth.role !== "student") {
      // The teacher sees everything; the projector, seen by the whole class, only what the wall shows.
      client.view = new StateView();
      client.view.add(auth.role === "teacher" ? this.state.staff : this.state.wall);
      return;
    }
    this.run({ kind: "join", nickname: auth.nickname, clientKey: auth.clientKey }, holder);
    if (holder.seat < 0) throw joinRefused("full");
  }

  override onDrop(client: Client, code?: number): void {
    const holder = this.holder(client);
    // 4002 is also how Colyseus throws out a client for a malformed message or a flood: no way back for those.
    if (holder.released || (code === CloseCode.WITH_ERROR && !holder.takenOver)) return;
    const student = holder.role === "student" && this.session.phase !== "ended";
    // A student's seat is kept as long as the conductor says (its grace is in the log); staff rejoin freely.
    const pending = this.allowReconnection(client, student ? "manual" : this.deps.reconnectSeconds);
    pending.catch(() => undefined);
    // While the room is closing Colyseus answers with a plain rejected promise: nothing to hold.
    holder.pending = "reject" in pending ? pending : null;
    if (student) this.run({ kind: "drop", seat: holder.seat }, holder);
  }

  /** A reload the server has not noticed yet: the old connection closes (4002) and the new one takes the seat. */
  override checkReconnectionToken(reconnectionToken: string): string {
    const previous = this.clients.find((c) => c.reconnectionToken === reconnectionToken);
    if (previous) this.holder(previous).takenOver = true;
    return super.checkReconnectionToken(reconnectionToken);
  }

  override onReconnect(client: Client): void {
    const holder = this.holder(client);
    holder.client = client;
    holder.pending = null;
    holder.takenOver = false;
    if (holder.role === "student") this.run({ kind: "return", seat: holder.seat }, holder);
  }

  override onLeave(client: Client, code?: number): void {
    const holder = this.holder(client);
    client.view?.dispose();
    if (!this.seats.holds(holder)) return;
    this.seats.release(holder.seat, "left", () => undefined);
    this.run({ kind: "leave", seat: holder.seat, reason: code === CloseCode.CONSENTED ? "left" : "dropped" });
  }

  override onUncaughtException(error: Error, method: string): void {
    // A room that fails to open does not go on: Colyseus rethrows to createRoom, whose caller says why. A
    // refused join is not an exception either: roomAuth has logged it in one line with its reason.
    if (method === "onCreate" || method === "onAuth") return;
    this.deps.log("uncaught exception in the exam room; the room goes on", { method, error: String(error) });
  }

  override onBeforeShutdown(): void {
    // A graceful stop: what is pending goes to disk, and the pages hear "server shutdown", so they come back
    // (to this process when it restarts, or to another of the cluster, which may take the session at once).
    this.stopped = true;
    void this.pipe.flush().then(() => {
      this.tellClosing("restart");
      return this.disconnect(CloseCode.SERVER_SHUTDOWN);
    });
  }

  override async onDispose(): Promise<void> {
    for (const timer of [this.deadline, this.idle, this.closing]) timer?.clear();
    // A room whose onCreate was refused its claim is disposed too: it has nothing to write or let go of.
    const claim = this.claim;
    if (!claim) return;
    await this.pipe?.flush();
    // Let go of the session, so the next process to load it needs no proof that this one is gone.
    if (!this.pipe?.failed)
      await this.deps.store.release(claim).catch((error) => {
        this.deps.log("could not release a session", { session: this.roomId, error: String(error) });
      });
    this.deps.writers.done(claim.sessionId);
  }

  // ── the conductor's steps ─────────────────────────────────────────────

  /** One input through the conductor: its events to disk, then its effects; then the next deadline armed. */
  private run(input: Input, from?: Holder, messageType: string = input.kind): void {
    if (this.stopped) return;
    const step = conduct(this.session, input, this.deps.now(), this.deps.rules);
    for (const event of step.events) this.pipe.push(event);
    for (const effect of step.effects) this.carry(effect, from, messageType);
    this.deadline.arm(
      nextDeadline(this.session),
      this.deps.now(),
      () => this.run({ kind: "due" }),
      (e) => this.onUncaughtException(e, "timer"),
    );
  }

  private carry(effect: Effect, from: Holder | undefined, messageType: string): void {
    switch (effect.kind) {
      case "seat":
        if (from) this.seats.bind(effect.seat, from);
        return;
      case "refuse":
        throw joinRefused(effect.refusal);
      case "reject":
        if (from) refuse(from, messageType, effect.reason, this.deps.log);
        else this.deps.log("refused an internal input", { input: messageType, reason: effect.reason });
        return;
      case "you":
      case "feedback": {
        const holder = this.seats.get(effect.seat);
        const message =
          effect.kind === "you" ? youOf(this.session, effect.seat) : feedbackOf(this.session, effect.seat);
        if (holder && message && !holder.pending)
          this.pipe.after(() => holder.client.send(effect.kind, message));
        return;
      }
      case "release":
        this.seats.release(effect.seat, effect.why, (tell) => this.pipe.after(tell));
        return;
      case "publish":
        if (effect.seats === null) this.dirty.add(-1);
        else for (const seat of effect.seats) this.dirty.add(seat);
        this.pipe.after(() => this.publish());
        return;
      case "ended":
        this.pipe.after(() => {
          this.deps.store
            .setStatus(this.roomId, "ended")
            .catch((error) =>
              this.deps.log("could not mark a session ended", { session: this.roomId, error: String(error) }),
            );
        });
        this.closeLater();
        return;
    }
  }

  private publish(): void {
    if (this.dirty.size === 0) return;
    syncState(this.state, this.session, this.dirty.has(-1) ? null : this.dirty);
    this.dirty.clear();
  }

  /** A room nobody is in for a while is let go; its session stays live on disk and comes back on the next join. */
  private watchIdle(): void {
    const idleMs = this.deps.idleSeconds * 1000;
    let emptySince: number | null = null;
    // A watch rather than a timer armed on each leave: a join refused in onJoin leaves no hook to re-arm one.
    this.idle = every(
      Math.min(60_000, idleMs / 2),
      () => {
        const now = this.deps.now();
        if (this.clients.length > 0) emptySince = null;
        else if (emptySince === null) emptySince = now;
        else if (now - emptySince >= idleMs) {
          this.deps.log("unloading an idle room; its session resumes on the next join", {
            session: this.roomId,
          });
          this.stopped = true;
          this.idle?.clear();
          void this.disconnect();
        }
      },
      (e) => this.onUncaughtException(e, "timer"),
    );
  }

  /** The screens keep an ended session's final state a while; then the room goes, and the log stays. */
  private closeLater(): void {
    this.idle?.clear();
    this.closing ??= this.after(ENDED_ROOM_SECONDS * 1000, () => void this.disconnect());
  }

  private failDurably(error: unknown): void {
    const moved = error instanceof WriterRefused;
    this.deps.log(
      moved
        ? "another process took this session's log; closing the room here, and the pages follow the session"
        : "the session log could not be written; closing the room until it can be",
      { session: this.roomId, error: String(error) },
    );
    this.stopped = true;
    // While onCreate runs nobody is in the room, and Colyseus cannot disconnect it yet: onCreate throws instead.
    if (!this.opened) return;
    // The pages keep trying; the session is still live in the log, up to its last write, and comes back from there.
    this.tellClosing(moved ? "moved" : "storage");
    void this.disconnect(CloseCode.SERVER_SHUTDOWN);
  }

  private tellClosing(reason: ClosingMessage["reason"]): void {
    const message: ClosingMessage = { reason, message: CLOSING_WORDS[reason] };
    this.broadcast("closing", message);
  }

  private after(ms: number, run: () => void): Timer {
    return after(ms, run, (e) => this.onUncaughtException(e, "timer"));
  }

  private holder(client: Client): Holder {
    return client.userData as Holder;
  }
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** The room class bound to its dependencies (Colyseus instantiates rooms itself). */
export function examRoom(deps: RoomDeps): typeof ExamRoom {
  return class BoundExamRoom extends ExamRoom {
    override deps = deps;
  };
}
