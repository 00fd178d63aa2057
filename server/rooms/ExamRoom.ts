/**
 * One exam room per session: roles, seats, timers and messages around the session core. The room holds no
 * game logic of its own: it checks who may do what, turns messages into events, and lets the session core
 * fold them; the event pipe puts each event on disk before its effect reaches anyone.
 */
import { timingSafeEqual } from "node:crypto";
import { type AuthContext, type Client, CloseCode, Room, ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { z } from "zod";
import { classScore } from "../../shared/engine/exam.ts";
import { feedbackFor } from "../../shared/engine/feedback.ts";
import { normalizeJoinCode } from "../../shared/protocol/joinCode.ts";
import {
  type FeedbackMessage,
  JoinOptions,
  PROJECTOR_MAY,
  REJECTIONS,
  type Rejection,
  type Role,
  StudentMessages,
  TeacherMessages,
  type YouMessage,
} from "../../shared/protocol/messages.ts";
import { cleanNickname } from "../../shared/protocol/nickname.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { CloseReason, EndReason, SessionEvent } from "../../shared/session/events.ts";
import { replay } from "../../shared/session/replay.ts";
import {
  allSubmitted,
  apply,
  autoEnd,
  check,
  checkJoin,
  closeNow,
  freeSeat,
  type JoinRefusal,
  type SessionState,
} from "../../shared/session/session.ts";
import type { SessionStore } from "../store/sessionStore.ts";
import { hashToken } from "../tokens.ts";
import { createEventPipe, type EventPipe } from "./eventPipe.ts";
import { ExamState } from "./examState.ts";
import { type Bucket, newBucket, take } from "./limiter.ts";
import { initState, syncState } from "./stateSync.ts";

export interface RoomDeps {
  readonly store: SessionStore;
  readonly now: () => number;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
  /** How long a dropped student's seat is kept for it. */
  readonly reconnectSeconds: number;
}

interface Seatholder {
  readonly role: Role;
  seat: number;
  bucket: Bucket;
  /** Set when the teacher removed the student: its leave is already logged. */
  removed: boolean;
  /** Set when a newer connection of this seat came with its token while this one still looked open. */
  takenOver: boolean;
}

interface AuthResult {
  readonly role: Role;
  readonly nickname: string;
  readonly clientKey: string;
}

/** How long an ended session's room stays up for the screens to show its end. */
const ENDED_ROOM_SECONDS = 600;

const JOIN_REFUSALS: Record<JoinRefusal, [number, string]> = {
  ended: [410, "This session has ended."],
  locked: [423, "The teacher has locked this session."],
  banned: [403, "You cannot join this session."],
  full: [503, "The class is full."],
  "name-taken": [409, "That nickname is taken in this class: choose another."],
};

function sameToken(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class ExamRoom extends Room<{ state: ExamState }> {
  override state = new ExamState();
  override maxMessagesPerSecond = 40;
  declare deps: RoomDeps;
  private session!: SessionState;
  private sessionId = "";
  private pipe!: EventPipe;
  private timer: { clear(): void } | null = null;
  private disposeTimer: { clear(): void } | null = null;
  private dirty = new Set<number>();
  private teacherTokenHash = "";
  private projectorTokenHash = "";

  override onCreate(options: { sessionId: string }): void {
    const row = this.deps.store.session(options.sessionId);
    if (!row) throw new Error(`no session ${options.sessionId}`);
    this.sessionId = row.id;
    this.teacherTokenHash = row.teacherTokenHash;
    this.projectorTokenHash = row.projectorTokenHash;
    this.session = replay(this.deps.store.events(row.id).map((e) => e.event));
    this.autoDispose = false;
    this.setMetadata({ code: row.code, sessionId: row.id });
    this.pipe = createEventPipe({
      append: (events) => this.deps.store.append(this.sessionId, events),
      now: this.deps.now,
      schedule: (run, ms) => this.after(ms, run),
      onFailure: (error) => this.failDurably(error),
    });
    initState(this.state, this.session);
    syncState(this.state, this.session, null);
    this.registerMessages();
  }

  // ── people ─────────────────────────────────────────────────────────────

  override async onAuth(_client: Client, options: unknown, context: AuthContext): Promise<AuthResult> {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, "Those join options were not understood.");
    const o = parsed.data;
    if (o.protocol !== PROTOCOL_VERSION)
      throw new ServerError(400, "This page is out of date: reload it to join.");
    if (o.role === "teacher" || o.role === "projector") {
      const hash = o.role === "teacher" ? this.teacherTokenHash : this.projectorTokenHash;
      if (!sameToken(o.token, hash)) {
        this.deps.log("refused a join with a wrong token", { role: o.role, ip: context.ip });
        throw new ServerError(403, "That link's token is not valid for this session.");
      }
      return { role: o.role, nickname: o.role, clientKey: "" };
    }
    if (normalizeJoinCode(o.code) !== this.session.code)
      throw new ServerError(404, "No session has that code.");
    const name = cleanNickname(o.nickname);
    if (!name.ok) throw new ServerError(400, `That nickname is not allowed (${name.error}).`);
    const refusal = checkJoin(this.session, name.nickname, o.clientKey);
    if (refusal) {
      this.deps.log("refused a join", { refusal, ip: context.ip });
      throw new ServerError(...JOIN_REFUSALS[refusal]);
    }
    return { role: "student", nickname: name.nickname, clientKey: o.clientKey };
  }

  override onJoin(client: Client, _options: unknown, auth: AuthResult): void {
    const holder: Seatholder = {
      role: auth.role,
      seat: -1,
      bucket: newBucket(this.deps.now()),
      removed: false,
      takenOver: false,
    };
    client.userData = holder;
    if (auth.role !== "student") {
      client.view = new StateView();
      client.view.add(this.state.staff);
      return;
    }
    // Checked again: another join may have taken the name or the last seat since onAuth.
    const refusal = checkJoin(this.session, auth.nickname, auth.clientKey);
    if (refusal) throw new ServerError(...JOIN_REFUSALS[refusal]);
    holder.seat = freeSeat(this.session);
    if (this.emit({ type: "joined", seat: holder.seat, nickname: auth.nickname, clientKey: auth.clientKey }))
      this.tellYou(client);
  }

  override async onDrop(client: Client, code?: number): Promise<void> {
    const holder = this.holder(client);
    // 4002 is also how Colyseus throws out a client for a malformed message or a flood: no way back for those.
    if ((code === CloseCode.WITH_ERROR && !holder.takenOver) || holder.removed) return;
    if (holder.role === "student" && this.session.phase !== "ended")
      this.emit({ type: "connection", seat: holder.seat, connected: false });
    try {
      await this.allowReconnection(client, this.deps.reconnectSeconds);
    } catch {
      // The grace period ran out; onLeave frees the seat.
    }
  }

  /**
   * A reload the server has not noticed yet: Colyseus closes the old connection (with 4002) and lets the new
   * one take the seat, which onDrop must then hold open.
   */
  override checkReconnectionToken(reconnectionToken: string): string {
    const previous = this.clients.find((c) => c.reconnectionToken === reconnectionToken);
    const holder = previous?.userData as Seatholder | undefined;
    if (holder) holder.takenOver = true;
    return super.checkReconnectionToken(reconnectionToken);
  }

  override onReconnect(client: Client): void {
    const holder = this.holder(client);
    holder.takenOver = false;
    if (holder.role !== "student" || this.session.phase === "ended") return;
    if (!this.emit({ type: "connection", seat: holder.seat, connected: true })) return;
    this.tellYou(client);
    this.tellFeedback(client);
  }

  override onLeave(client: Client, code?: number): void {
    const holder = client.userData as Seatholder | undefined;
    client.view?.dispose();
    if (holder?.role !== "student" || holder.removed || holder.seat < 0) return;
    if (this.session.phase === "ended" || this.session.seats[holder.seat].kind !== "human") return;
    const reason =
      code === CloseCode.CONSENTED ? "left" : code === CloseCode.WITH_ERROR ? "dropped" : "expired";
    holder.removed = true;
    this.emit({ type: "left", seat: holder.seat, reason });
  }

  override onUncaughtException(error: Error, method: string): void {
    this.deps.log("uncaught exception in the exam room; the room goes on", {
      method,
      error: String(error?.stack ?? error),
    });
  }

  override onDispose(): void {
    this.timer?.clear();
    this.disposeTimer?.clear();
    this.pipe.flush();
  }

  // ── messages ──────────────────────────────────────────────────────────

  private registerMessages(): void {
    for (const [type, format] of Object.entries(StudentMessages))
      this.onMessage(type, format, (client: Client, message: z.infer<typeof format>) => {
        if (this.admit(client, type, "student")) this.submit(client, type, message);
      });
    for (const [type, format] of Object.entries(TeacherMessages))
      this.onMessage(
        type,
        format as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
        (client: Client, message: Record<string, unknown>) => {
          if (this.admit(client, type, "teacher"))
            this.teacherAction(client, type as keyof typeof TeacherMessages, message);
        },
      );
    this.onMessage("time", () => ({ now: this.deps.now() }));
    this.onMessage("*", (client, type) => {
      this.reject(client, String(type), "bad-message");
    });
  }

  /** Role and rate checks every message passes before its handler. */
  private admit(client: Client, type: string, role: Role): boolean {
    const holder = this.holder(client);
    if (!take(holder.bucket, this.deps.now())) {
      const now = this.deps.now();
      if (now - holder.bucket.lastWarnedAt > 1000) {
        holder.bucket.lastWarnedAt = now;
        this.reject(client, type, "rate-limited");
      }
      return false;
    }
    const projectorMay =
      holder.role === "projector" && role === "teacher" && PROJECTOR_MAY.some((t) => t === type);
    if (holder.role !== role && !projectorMay) {
      this.reject(client, type, "not-allowed");
      return false;
    }
    return true;
  }

  private reject(client: Client, type: string, reason: Rejection): void {
    const holder = client.userData as Seatholder | undefined;
    this.deps.log("refused a message", {
      type: type.slice(0, 40),
      reason,
      role: holder?.role,
      seat: holder?.seat,
    });
    client.send("rejected", { type: type.slice(0, 40), reason, message: REJECTIONS[reason] });
  }

  private submit(client: Client, type: string, message: { round: number; level: number }): void {
    const seat = this.holder(client).seat;
    if (message.level < 0 || message.level > 1) {
      this.reject(client, type, "out-of-range");
      return;
    }
    const event: SessionEvent = {
      type: "submitted",
      round: message.round,
      seat,
      level: message.level,
      final: type === "submit",
    };
    if (!this.emit(event, client, type)) return;
    this.tellYou(client);
    if (type === "submit" && this.session.phase === "open" && allSubmitted(this.session))
      this.closeRound("all-submitted");
  }

  private teacherAction(
    client: Client,
    type: keyof typeof TeacherMessages,
    message: Record<string, unknown>,
  ): void {
    const s = this.session;
    const now = this.deps.now();
    const notNow = (): void => this.reject(client, type, "not-now");
    // A refusal names the message the teacher sent, not the event it would have logged.
    const emit = (event: SessionEvent): boolean => this.emit(event, client, type);
    switch (type) {
      case "start":
        if (emit({ type: "started" })) this.openRound();
        return;
      case "pause":
        if (s.phase !== "open" && s.phase !== "review") {
          notNow();
          return;
        }
        this.timer?.clear();
        s.nextRoundAt = 0;
        emit({ type: "paused", remainingMs: s.phase === "open" ? Math.max(0, s.closesAt - now) : 0 });
        return;
      case "resume": {
        if (s.phase !== "paused") {
          notNow();
          return;
        }
        const wasOpen = s.pausedIn === "open";
        emit({ type: "resumed", closesAt: wasOpen ? now + s.remainingMs : 0 });
        if (wasOpen) this.armClose();
        else if (s.autoAdvance) this.armAdvance();
        return;
      }
      case "advance":
        if (s.phase === "open") {
          // A presenter's clicker at the wall moves the class on between rounds, never cuts one short.
          if (this.holder(client).role === "projector") notNow();
          else this.closeRound("advance");
          return;
        }
        if (s.phase === "review") {
          this.openRound();
          return;
        }
        if (s.phase === "lobby") {
          this.teacherAction(client, "start", {});
          return;
        }
        notNow();
        return;
      case "end":
        if (s.phase === "ended") {
          notNow();
          return;
        }
        if (s.phase === "open" || s.pausedIn === "open") this.pushClose("end");
        this.end("teacher");
        return;
      case "scheme":
        emit({ type: "scheme", scheme: message.scheme as never });
        return;
      case "roundTime":
        emit({ type: "roundTime", seconds: message.seconds as number });
        return;
      case "bots":
        emit({ type: "bots", count: message.count as number });
        return;
      case "lock":
        emit({ type: "locked", locked: message.locked as boolean });
        return;
      case "standIns":
        emit({ type: "standIns", enabled: message.enabled as boolean });
        return;
      case "kick":
      case "ban":
        this.remove(client, message.seat as number, type === "ban" ? "banned" : "kicked");
        return;
      case "reveal":
        if (emit({ type: "revealed" })) this.tellEveryoneYou();
        return;
      case "autoAdvance": {
        const enabled = message.enabled as boolean;
        if (!emit({ type: "autoAdvance", enabled, seconds: message.seconds as number })) return;
        // A class already on its feedback follows the new setting from now.
        if (this.session.phase === "review") {
          this.timer?.clear();
          if (enabled) this.armAdvance();
          else this.session.nextRoundAt = 0;
        }
        return;
      }
    }
  }

  private tellEveryoneYou(): void {
    for (const client of this.clients) if (this.holder(client).role === "student") this.tellYou(client);
  }

  private remove(teacher: Client, seat: number, reason: "kicked" | "banned"): void {
    const target = this.studentClient(seat);
    if (!this.emit({ type: "left", seat, reason }, teacher)) return;
    if (target) {
      this.holder(target).removed = true;
      this.pipe.after(() => {
        target.send("removed", { reason });
        target.leave(CloseCode.CONSENTED);
      });
    }
  }

  // ── rounds ────────────────────────────────────────────────────────────

  private openRound(): void {
    const s = this.session;
    if (s.phase !== "review") return;
    this.timer?.clear();
    s.nextRoundAt = 0;
    const closesAt = this.deps.now() + s.roundSeconds * 1000;
    if (!this.emit({ type: "opened", round: s.round + 1, closesAt })) return;
    for (const client of this.clients) if (this.holder(client).role === "student") this.tellYou(client);
    this.armClose();
  }

  private armClose(): void {
    this.timer?.clear();
    this.timer = this.after(Math.max(0, this.session.closesAt - this.deps.now()), () =>
      this.closeRound("timer"),
    );
  }

  private closeRound(reason: CloseReason): void {
    if (this.session.phase !== "open") return;
    this.timer?.clear();
    this.pushClose(reason);
    const ending = autoEnd(this.session);
    if (ending) {
      this.end(ending);
      return;
    }
    // The class stays on its feedback until the teacher moves on, unless the session opens rounds by itself.
    if (this.session.autoAdvance) this.armAdvance();
  }

  private armAdvance(): void {
    const s = this.session;
    s.nextRoundAt = this.deps.now() + s.reviewSeconds * 1000;
    this.markAllDirty();
    this.pipe.after(() => this.publish());
    this.timer = this.after(s.reviewSeconds * 1000, () => this.openRound());
  }

  /** Closes the open round; its feedback goes out once the close is on disk. */
  private pushClose(reason: CloseReason): void {
    this.pipe.push(closeNow(this.session, reason));
    this.markAllDirty();
    this.pipe.after(() => this.publish());
    for (const client of this.clients) if (this.holder(client).role === "student") this.tellFeedback(client);
  }

  private end(reason: EndReason): void {
    this.timer?.clear();
    if (!this.emit({ type: "ended", reason })) return;
    this.session.nextRoundAt = 0;
    this.pipe.after(() => this.deps.store.setStatus(this.sessionId, "ended"));
    // The end reveals every key: each student learns its own.
    this.tellEveryoneYou();
    // The screens keep the final state a while; then the room goes, and the log stays for replays.
    this.disposeTimer = this.after(ENDED_ROOM_SECONDS * 1000, () => this.disconnect());
  }

  // ── events and what they show ─────────────────────────────────────────

  /**
   * Checks, applies and queues an event; returns false (after telling `from`) when it is refused. What the
   * caller then shows goes through `pipe.after`, so it waits for the event to be on disk.
   */
  private emit(event: SessionEvent, from?: Client, messageType: string = event.type): boolean {
    const refusal = check(this.session, event);
    if (refusal) {
      if (from) this.reject(from, messageType, refusal);
      else this.deps.log("refused an internal event", { type: event.type, refusal });
      return false;
    }
    apply(this.session, event);
    if ("seat" in event) this.dirty.add(event.seat);
    else this.markAllDirty();
    this.pipe.push(event);
    this.pipe.after(() => this.publish());
    return true;
  }

  private markAllDirty(): void {
    this.dirty.add(-1);
  }

  private publish(): void {
    if (this.dirty.size === 0) return;
    const all = this.dirty.has(-1);
    syncState(this.state, this.session, all ? null : this.dirty);
    this.dirty.clear();
  }

  private failDurably(error: unknown): void {
    this.deps.log("the session log could not be written; closing the room", { error: String(error) });
    this.timer?.clear();
    for (const client of this.clients) client.leave(CloseCode.SERVER_SHUTDOWN);
    this.disconnect();
  }

  /**
   * A real timer. Colyseus's room clock only advances with its patch ticks (50 ms), so a round set on it
   * could close up to a tick early or late; a round's close must keep to the time every screen shows.
   */
  private after(ms: number, run: () => void): { clear(): void } {
    const handle = setTimeout(() => {
      try {
        run();
      } catch (error) {
        this.onUncaughtException(error as Error, "timer");
      }
    }, ms);
    return { clear: () => clearTimeout(handle) };
  }

  private holder(client: Client): Seatholder {
    return client.userData as Seatholder;
  }

  private studentClient(seat: number): Client | undefined {
    for (const client of this.clients) {
      const h = this.holder(client);
      if (h.role === "student" && h.seat === seat) return client;
    }
    return undefined;
  }

  /** Sends the student its own status as it is now, once what came before is on disk. */
  private tellYou(client: Client): void {
    const { seat } = this.holder(client);
    const s = this.session;
    if (seat < 0 || s.seats[seat].kind !== "human") return;
    const m = s.live.exam.students;
    const you: YouMessage = {
      seat,
      nickname: s.seats[seat].nickname,
      round: s.round,
      question: s.question,
      level: s.live.levels[s.question * m + seat],
      // The key only once it is revealed: before that nothing a student receives says where it lies.
      key: s.revealed ? s.live.exam.targetOf(seat, s.question) : null,
      submitted: s.seats[seat].submitted,
      seated: s.seats[seat].seated,
    };
    this.pipe.after(() => client.send("you", you));
  }

  /** Sends the student its feedback from the last closed round, once the close is on disk. */
  private tellFeedback(client: Client): void {
    const { seat } = this.holder(client);
    const closed = this.session.lastClosed;
    if (!closed || seat < 0 || !this.session.seats[seat].seated) return;
    const m = this.session.live.exam.students;
    const message: FeedbackMessage = {
      round: closed.result.round,
      feedback: feedbackFor(closed.result, closed.scheme, seat),
      level: this.session.live.levels[closed.result.question * m + seat],
      classScore: classScore(closed.result.classError),
    };
    this.pipe.after(() => client.send("feedback", message));
  }
}

/** The room class bound to its dependencies (Colyseus instantiates rooms itself). */
export function examRoom(deps: RoomDeps): typeof ExamRoom {
  return class BoundExamRoom extends ExamRoom {
    override deps = deps;
  };
}
