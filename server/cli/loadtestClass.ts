/**
 * One class of the load test: a session created through the API of one process, its teacher, and N
 * students (SDK clients) joined through the processes in turn, as a cluster's pages would be (a join goes
 * to any process; the WebSocket to the one that holds the room). Each round every student moves its slider
 * once (a "level" message, never "submit", so the round closes on the server's timer); the class records,
 * per student and round, when the feedback arrived and how many bytes the client had received by then.
 *
 * When its room's process dies (the load test's --kill-after), every client comes back by itself
 * (loadtestComeBack.ts), the teacher resumes the class the restart paused, and the class records when each
 * student was back in its seat.
 */
import type { Room } from "@colyseus/sdk";
import type {
  ClientMessage,
  FeedbackMessage,
  JoinOptions,
  RejectedMessage,
  TimeReply,
  YouMessage,
} from "../../shared/protocol/messages.ts";
import { CreateSessionReply, type SessionConfigInput } from "../../shared/protocol/session.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { ExamState } from "../rooms/examState.ts";
import { comeBack, pick, type Servers } from "./loadtestComeBack.ts";
import { type Deferred, deferred, nowMs } from "./loadtestWait.ts";
import { bytesReceived, MeteredClient } from "./meteredClient.ts";

export interface ClassPlan {
  /** The room's number: it chooses the process the session is created on, and where students join. */
  readonly index: number;
  readonly students: number;
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly joinBatch: number;
  /** Clients come back after their room's process died (kill mode); otherwise a leave is trouble. */
  readonly comeBack: boolean;
  /** Come back by the code's lookup first, not by the room id first as a page does. */
  readonly lookupFirst: boolean;
}

/** What went wrong, counted over every class; any of it fails the run. */
export interface Trouble {
  readonly rejected: Map<string, number>;
  dropped: number;
  left: number;
  /** Clients that came back to a different seat, or not at all. */
  lostSeats: number;
}

export const newTrouble = (): Trouble => ({ rejected: new Map(), dropped: 0, left: 0, lostSeats: 0 });

export interface LoadStudent {
  room: Room | null;
  readonly key: string;
  seat: number;
  /** Bytes received by the rooms this client left (a move makes a new room object). */
  carried: number;
  sentRound: number;
  /** Per round r: local arrival of the feedback, bytes received by then (index 0: before the start). */
  readonly feedbackAt: Float64Array;
  readonly bytesAt: Float64Array;
  /** Local time it was back in its own seat after its process died; NaN when it never left. */
  backAt: number;
}

export const bytesOf = (s: LoadStudent): number => s.carried + (s.room ? bytesReceived(s.room) : 0);

export class LoadClass {
  readonly plan: ClassPlan;
  readonly created: CreateSessionReply & { roomId: string };
  readonly opened: Deferred[];
  readonly fed: Deferred[];
  readonly fedCount: Int32Array;
  /** Server time each round closes (the latest the teacher saw, as a resume moves it). */
  readonly closesAt: Float64Array;
  readonly students: LoadStudent[] = [];
  readonly ended = deferred();
  /** Server clock − local clock, and the best round trip it was measured with. */
  offset = 0;
  minRtt = 0;
  /** Local time its process was seen to die (the first client that left); NaN: never. */
  movedAt = Number.NaN;
  teacher: Room<unknown, ExamState>;
  private leaving = false;
  private readonly servers: Servers;
  private readonly trouble: Trouble;

  private constructor(
    plan: ClassPlan,
    created: CreateSessionReply & { roomId: string },
    teacher: Room<unknown, ExamState>,
    servers: Servers,
    trouble: Trouble,
  ) {
    this.plan = plan;
    this.created = created;
    this.teacher = teacher;
    this.servers = servers;
    this.trouble = trouble;
    const n = plan.rounds + 2;
    this.opened = Array.from({ length: n }, deferred);
    this.fed = Array.from({ length: n }, deferred);
    this.fedCount = new Int32Array(n);
    this.closesAt = new Float64Array(n);
    this.attachTeacher(teacher);
  }

  /** Creates the session on the process of its turn and joins its teacher there. */
  static async create(plan: ClassPlan, servers: Servers, trouble: Trouble): Promise<LoadClass> {
    const base = pick(servers, plan.index);
    const config: SessionConfigInput = {
      exam: "independent",
      scheme: { name: "vectorized" },
      maxStudents: plan.students,
      bots: 0,
      roundSeconds: plan.roundSeconds,
      reviewSeconds: 1,
      autoAdvance: true,
      maxRounds: plan.rounds + 1,
      endAtCriterion: false,
    };
    const res = await fetch(`${base}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(config),
    });
    if (res.status !== 201)
      throw new Error(
        `POST ${base}/api/sessions answered ${res.status}: ${(await res.text()).slice(0, 300)}`,
      );
    const body: unknown = await res.json();
    const reply = CreateSessionReply.parse(body);
    const roomId = typeof body === "object" && body && "roomId" in body ? String(body.roomId) : reply.id;
    const created = { ...reply, roomId };
    const teacher = await new MeteredClient(base).joinById<ExamState>(
      roomId,
      LoadClass.teacherOptions(created),
    );
    return new LoadClass(plan, created, teacher, servers, trouble);
  }

  private static teacherOptions(created: CreateSessionReply): JoinOptions {
    return { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
  }

  private watch(room: Room, onGone: () => void): void {
    room.onMessage("rejected", (m: RejectedMessage) => {
      const key = `${m.type}: ${m.reason}`;
      this.trouble.rejected.set(key, (this.trouble.rejected.get(key) ?? 0) + 1);
    });
    room.onMessage("*", () => {});
    if (this.plan.comeBack) room.reconnection.enabled = false;
    room.onDrop(() => {
      if (!this.plan.comeBack) this.trouble.dropped++;
    });
    room.onLeave(() => {
      if (this.leaving) return;
      if (!this.plan.comeBack) {
        this.trouble.left++;
        return;
      }
      if (Number.isNaN(this.movedAt)) this.movedAt = nowMs();
      onGone();
    });
  }

  private attachTeacher(teacher: Room<unknown, ExamState>): void {
    this.teacher = teacher;
    let resumed = false;
    teacher.onStateChange((state) => {
      const r = state.round;
      if (state.phase === "open" && r >= 1 && r <= this.plan.rounds) {
        this.closesAt[r] = state.closesAt;
        if (!this.opened[r].done) this.opened[r].resolve();
      }
      // A class its process's death paused comes back paused: its teacher carries on, once.
      if (state.phase === "paused" && state.pausedBy === "restart" && !resumed) {
        resumed = true;
        const resume: ClientMessage<"resume"> = {};
        teacher.send("resume", resume);
      }
      if (state.phase === "ended" && !this.ended.done) this.ended.resolve();
      // A round that moved on is over for the students who missed its feedback.
      for (let k = 1; k < r && k <= this.plan.rounds; k++) if (!this.fed[k].done) this.fed[k].resolve();
    });
    this.watch(teacher, () => {
      void comeBack<ExamState>(
        this.servers,
        this.plan.index,
        this.created.code,
        this.created.roomId,
        LoadClass.teacherOptions(this.created),
        this.plan.lookupFirst,
      ).then(
        (room) => this.attachTeacher(room),
        () => this.trouble.lostSeats++,
      );
    });
  }

  /** Joins the students, `joinBatch` at a time; `onJoined` after each. */
  async joinStudents(onJoined: () => void): Promise<void> {
    let next = 0;
    const { students, joinBatch } = this.plan;
    await Promise.all(
      Array.from({ length: Math.min(joinBatch, students) }, async () => {
        while (next < students) {
          const i = next++;
          const s: LoadStudent = {
            room: null,
            key: `lt-${crypto.randomUUID()}`,
            seat: -1,
            carried: 0,
            sentRound: 0,
            feedbackAt: new Float64Array(this.plan.rounds + 2).fill(Number.NaN),
            bytesAt: new Float64Array(this.plan.rounds + 2).fill(Number.NaN),
            backAt: Number.NaN,
          };
          this.students[i] = s;
          try {
            const base = pick(this.servers, this.plan.index + i + 1);
            this.attach(
              s,
              i,
              await new MeteredClient(base).joinById(this.created.roomId, this.options(s, i)),
            );
          } catch (e) {
            const err = e instanceof Error ? e : new Error(String(e));
            const code = "code" in err ? String(err.code) : "no code";
            throw new Error(
              `student s${i} of room ${this.plan.index + 1} could not join (${code}: ${err.message})`,
            );
          }
          onJoined();
        }
      }),
    );
  }

  private options(s: LoadStudent, i: number): JoinOptions {
    return {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: this.created.code,
      nickname: `s${i}`,
      clientKey: s.key,
    };
  }

  private attach(s: LoadStudent, i: number, room: Room): void {
    s.room = room;
    const { rounds } = this.plan;
    room.onMessage("you", (m: YouMessage) => {
      if (s.seat < 0) s.seat = m.seat;
      else if (!Number.isNaN(this.movedAt) && Number.isNaN(s.backAt) && m.seated) {
        s.backAt = nowMs();
        if (m.seat !== s.seat) this.trouble.lostSeats++;
      }
      if (!m.seated || m.round <= s.sentRound || m.round > rounds) return;
      s.sentRound = m.round;
      const message: ClientMessage<"level"> = { round: m.round, level: Math.random() };
      room.send("level", message);
    });
    room.onMessage("feedback", (m: FeedbackMessage) => {
      const r = m.round;
      if (r < 1 || r > rounds || !Number.isNaN(s.feedbackAt[r])) return;
      s.feedbackAt[r] = nowMs();
      s.bytesAt[r] = bytesOf(s);
      if (++this.fedCount[r] === this.plan.students) this.fed[r].resolve();
    });
    this.watch(room, () => {
      s.carried += bytesReceived(room);
      s.room = null;
      void comeBack(
        this.servers,
        this.plan.index + i + 1,
        this.created.code,
        this.created.roomId,
        this.options(s, i),
        this.plan.lookupFirst,
      ).then(
        (back) => this.attach(s, i, back),
        () => this.trouble.lostSeats++,
      );
    });
  }

  /** Server clock − local clock, from the teacher's request with the median offset of a few. */
  async measureClock(samples = 5): Promise<void> {
    const seen: { offset: number; rtt: number }[] = [];
    for (let k = 0; k < samples; k++) {
      const t0 = nowMs();
      const reply: TimeReply = await this.teacher.request("time", {});
      const t1 = nowMs();
      seen.push({ offset: reply.now - (t0 + t1) / 2, rtt: t1 - t0 });
    }
    seen.sort((a, b) => a.offset - b.offset);
    this.offset = seen[Math.floor(seen.length / 2)].offset;
    this.minRtt = Math.min(...seen.map((s) => s.rtt));
  }

  start(): void {
    for (const s of this.students) s.bytesAt[0] = bytesOf(s);
    const start: ClientMessage<"start"> = {};
    this.teacher.send("start", start);
  }

  /** Round r's close→feedback times (ms) and bytes per student since the round before. */
  round(r: number): { latencies: number[]; bytes: number[]; missing: number } {
    const closeLocal = this.closesAt[r] - this.offset;
    const latencies: number[] = [];
    const bytes: number[] = [];
    for (const s of this.students) {
      if (Number.isNaN(s.feedbackAt[r])) continue;
      latencies.push(s.feedbackAt[r] - closeLocal);
      const previous = Number.isNaN(s.bytesAt[r - 1]) ? s.bytesAt[0] : s.bytesAt[r - 1];
      bytes.push(s.bytesAt[r] - previous);
    }
    return { latencies, bytes, missing: this.plan.students - latencies.length };
  }

  /** Ends the session, unless its last round already did. */
  end(): void {
    if (this.teacher.state.phase === "ended") {
      this.ended.resolve();
      return;
    }
    const end: ClientMessage<"end"> = {};
    this.teacher.send("end", end);
  }

  async leave(): Promise<void> {
    this.leaving = true;
    const rooms = this.students.flatMap((s) => (s.room ? [s.room] : []));
    for (let i = 0; i < rooms.length; i += 200)
      await Promise.allSettled(rooms.slice(i, i + 200).map((room) => room.leave()));
    await this.teacher.leave().catch(() => undefined);
  }
}
