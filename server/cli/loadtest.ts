/**
 * `npm run loadtest -- --students N --rounds R`: N real @colyseus/sdk student clients, from this process,
 * against a server that is already running. Each round the students move their slider once (a "level"
 * message, never "submit", so the round closes on the server's timer) and the load test prints how long
 * after the close the feedback reached the clients, how many bytes each client received, and the server's
 * CPU and memory from GET /api/status. Figures only: no pass or fail beyond "every client got its feedback".
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Room } from "@colyseus/sdk";
import type {
  ClientMessage,
  FeedbackMessage,
  JoinOptions,
  RejectedMessage,
  TimeReply,
  YouMessage,
} from "../../shared/protocol/messages.ts";
import type { CreateSessionReply, SessionConfigInput } from "../../shared/protocol/session.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { ExamState } from "../rooms/examState.ts";
import { FlagError } from "./flags.ts";
import { type Options, parseOptions, USAGE } from "./loadtestArgs.ts";
import { type Figures, figures, HEADER, row } from "./loadtestFigures.ts";
import { MeteredClient, type MeteredRoom } from "./meteredClient.ts";

// ── measuring clients ────────────────────────────────────────────────────

/** Local wall-clock time in ms since the epoch, with sub-millisecond resolution. */
const nowMs = (): number => performance.timeOrigin + performance.now();

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  done: boolean;
}

function deferred(): Deferred {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  const d: Deferred = {
    promise,
    done: false,
    resolve() {
      d.done = true;
      resolve();
    },
  };
  return d;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves true when `p` settles in time, false on timeout. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface ServerStatus {
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly rssBytes: number;
  /** Local time at which the reply arrived. */
  readonly at: number;
}

async function serverStatus(base: string): Promise<ServerStatus> {
  const res = await fetch(`${base}/api/status`);
  if (!res.ok) throw new Error(`GET /api/status answered ${res.status}`);
  const body = (await res.json()) as Omit<ServerStatus, "at">;
  return { cpuUserMs: body.cpuUserMs, cpuSystemMs: body.cpuSystemMs, rssBytes: body.rssBytes, at: nowMs() };
}

// ── the run ──────────────────────────────────────────────────────────────

interface Student {
  readonly room: MeteredRoom;
  /** Per round r (index r, 0 = just before the start): local arrival of the feedback, bytes received by then. */
  readonly feedbackAt: Float64Array;
  readonly bytesAt: Float64Array;
  sentRound: number;
}

const LOOP_RESOLUTION_MS = 10;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function run(o: Options): Promise<number> {
  let stage = "checking the server";
  const limitSeconds = Math.ceil(o.rounds * (o.roundSeconds + 10) + 120 + o.students * 0.05);
  const deadline = setTimeout(() => {
    say(`loadtest: aborted after ${limitSeconds} s, the time limit for this run (stuck ${stage}).`);
    process.exit(1);
  }, limitSeconds * 1000);

  try {
    await serverStatus(o.base);
  } catch (e) {
    throw new Error(`no Group Exam server answers at ${o.base}/api/status (${(e as Error).message})`);
  }

  stage = "creating the session";
  const config: SessionConfigInput = {
    exam: "independent",
    scheme: { name: "vectorized" },
    maxStudents: o.students,
    bots: 0,
    roundSeconds: o.roundSeconds,
    reviewSeconds: 1,
    autoAdvance: true,
    maxRounds: o.rounds + 1,
    endAtCriterion: false,
  };
  const res = await fetch(`${o.base}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (res.status !== 201)
    throw new Error(`POST /api/sessions answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const created = (await res.json()) as CreateSessionReply & { roomId: string };

  // Rejections and unexpected drops are counted; any of them makes the run fail at the end.
  const trouble = { rejected: new Map<string, number>(), dropped: 0, left: 0 };
  let leaving = false;
  const watch = (room: Room): void => {
    room.onMessage("rejected", (m: RejectedMessage) => {
      const key = `${m.type}: ${m.reason}`;
      trouble.rejected.set(key, (trouble.rejected.get(key) ?? 0) + 1);
    });
    room.onMessage("*", () => {});
    room.onDrop(() => {
      trouble.dropped++;
    });
    room.onLeave(() => {
      if (!leaving) trouble.left++;
    });
  };

  stage = "joining the teacher";
  const teacherOptions: JoinOptions = {
    role: "teacher",
    protocol: PROTOCOL_VERSION,
    token: created.teacherToken,
  };
  const teacher = (await new MeteredClient(o.base).joinById(created.roomId, teacherOptions)) as Room<
    unknown,
    ExamState
  >;
  watch(teacher);
  const opened = Array.from({ length: o.rounds + 2 }, deferred);
  const closesAt = new Float64Array(o.rounds + 2);
  teacher.onStateChange((state) => {
    const r = state.round;
    if (state.phase === "open" && r >= 1 && r <= o.rounds && !opened[r].done) {
      closesAt[r] = state.closesAt;
      opened[r].resolve();
    }
  });

  stage = "joining the students";
  const fed = Array.from({ length: o.rounds + 2 }, deferred);
  const fedCount = new Int32Array(o.rounds + 2);
  const students: Student[] = new Array(o.students);
  const joinStart = nowMs();
  let next = 0;
  let joined = 0;
  let reported = 0;
  const joinOne = async (i: number): Promise<void> => {
    const options: JoinOptions = {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      nickname: `s${i}`,
      clientKey: `lt-${crypto.randomUUID()}`,
    };
    let room: MeteredRoom;
    try {
      room = (await new MeteredClient(o.base).joinById(created.roomId, options)) as unknown as MeteredRoom;
    } catch (e) {
      const err = e as { code?: number; message?: string };
      throw new Error(`student s${i} could not join (${err.code ?? "no code"}: ${err.message ?? e})`);
    }
    const s: Student = {
      room,
      feedbackAt: new Float64Array(o.rounds + 2).fill(Number.NaN),
      bytesAt: new Float64Array(o.rounds + 2).fill(Number.NaN),
      sentRound: 0,
    };
    students[i] = s;
    room.onMessage("you", (m: YouMessage) => {
      if (!m.seated || m.round <= s.sentRound || m.round > o.rounds) return;
      s.sentRound = m.round;
      const message: ClientMessage<"level"> = { round: m.round, level: Math.random() };
      room.send("level", message);
    });
    room.onMessage("feedback", (m: FeedbackMessage) => {
      const r = m.round;
      if (r < 1 || r > o.rounds || !Number.isNaN(s.feedbackAt[r])) return;
      s.feedbackAt[r] = nowMs();
      s.bytesAt[r] = room.bytesIn;
      if (++fedCount[r] === o.students) fed[r].resolve();
    });
    watch(room);
    joined++;
    const step = Math.max(1, Math.ceil(o.students / 10));
    if (joined - reported >= step || joined === o.students) {
      reported = joined;
      say(`joined ${joined}/${o.students} students (${((nowMs() - joinStart) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(o.joinBatch, o.students) }, async () => {
      while (next < o.students) await joinOne(next++);
    }),
  );
  const joinSeconds = (nowMs() - joinStart) / 1000;

  stage = "measuring the clock offset";
  // offset = server clock − local clock, from the request with the median offset of a few.
  const samples: { offset: number; rtt: number }[] = [];
  for (let k = 0; k < 7; k++) {
    const t0 = nowMs();
    const reply = (await teacher.request("time", {})) as TimeReply;
    const t1 = nowMs();
    samples.push({ offset: reply.now - (t0 + t1) / 2, rtt: t1 - t0 });
  }
  samples.sort((a, b) => a.offset - b.offset);
  const offset = samples[Math.floor(samples.length / 2)].offset;
  const minRtt = Math.min(...samples.map((s) => s.rtt));
  await sleep(500); // let the last joins' state patches settle before the baseline

  stage = "playing the rounds";
  for (const s of students) s.bytesAt[0] = s.room.bytesIn;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  // The histogram holds whole timer intervals: the delay is what exceeds the resolution.
  const lag = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  const start: ClientMessage<"start"> = {};
  teacher.send("start", start);
  const perRound: Figures[] = [];
  const all = {
    latencies: [] as number[],
    bytes: [] as number[],
    missing: 0,
    cpuMs: 0,
    windowMs: 0,
    own: 0,
    lagMs: 0,
  };
  let maxRss = 0;
  if (!o.json) {
    process.stdout.write(
      `Load test: ${o.students} students, ${o.rounds} rounds of ${o.roundSeconds} s, ${o.base}\n` +
        `Joined in ${joinSeconds.toFixed(1)} s; clock offset ${offset >= 0 ? "+" : ""}${offset.toFixed(1)} ms ` +
        `(server − local, median of ${samples.length} time requests, best RTT ${minRtt.toFixed(1)} ms)\n` +
        "CPU spans the round's opening (as the teacher saw it) to its last feedback. Client CPU and max lag\n" +
        "are this process's CPU and longest event-loop stall in that span (a stall can delay a timestamp).\n" +
        `${HEADER}\n`,
    );
  }
  for (let r = 1; r <= o.rounds; r++) {
    stage = `waiting for round ${r} to open`;
    if (!(await within(opened[r].promise, (o.roundSeconds + 30) * 1000)))
      throw new Error(`round ${r} did not open within ${o.roundSeconds + 30} s`);
    const before = await serverStatus(o.base);
    const ownBefore = process.cpuUsage();
    loop.reset();
    const closeLocal = closesAt[r] - offset;
    stage = `waiting for round ${r}'s feedback`;
    const waitMs = Math.max(0, closeLocal - nowMs()) + 30_000;
    await within(fed[r].promise, waitMs);
    const after = await serverStatus(o.base);
    const own = process.cpuUsage(ownBefore);
    const lagMs = lag(loop.max);
    const latencies: number[] = [];
    const bytes: number[] = [];
    for (const s of students) {
      if (Number.isNaN(s.feedbackAt[r])) continue;
      latencies.push(s.feedbackAt[r] - closeLocal);
      const previous = Number.isNaN(s.bytesAt[r - 1]) ? s.bytesAt[0] : s.bytesAt[r - 1];
      bytes.push(s.bytesAt[r] - previous);
    }
    const missing = o.students - latencies.length;
    const cpuMs = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
    const windowMs = after.at - before.at;
    const ownMs = (own.user + own.system) / 1000;
    const f = figures(latencies, bytes, missing, cpuMs, windowMs, after.rssBytes, ownMs, lagMs);
    perRound.push(f);
    all.latencies.push(...latencies);
    all.bytes.push(...bytes);
    all.missing += missing;
    all.cpuMs += cpuMs;
    all.windowMs += windowMs;
    all.own += ownMs;
    all.lagMs = Math.max(all.lagMs, lagMs);
    maxRss = Math.max(maxRss, after.rssBytes);
    if (!o.json) process.stdout.write(`${row(String(r), f)}\n`);
  }
  loop.disable();
  const summary = figures(
    all.latencies,
    all.bytes,
    all.missing,
    all.cpuMs,
    all.windowMs,
    maxRss,
    all.own,
    all.lagMs,
  );

  stage = "ending the session";
  const end: ClientMessage<"end"> = {};
  teacher.send("end", end);
  await within(
    new Promise<void>((resolve) => {
      const check = (state: ExamState): void => {
        if (state.phase === "ended") resolve();
      };
      check(teacher.state);
      teacher.onStateChange(check);
    }),
    5000,
  );
  stage = "leaving";
  leaving = true;
  for (let i = 0; i < students.length; i += 200)
    await within(Promise.allSettled(students.slice(i, i + 200).map((s) => s.room.leave())), 10_000);
  await within(teacher.leave(), 5000);
  clearTimeout(deadline);

  const rejected = [...trouble.rejected].map(([k, n]) => `${n} × ${k}`);
  const problems = [
    all.missing ? `${all.missing} client-rounds got no feedback` : "",
    rejected.length ? `the server refused messages: ${rejected.join(", ")}` : "",
    trouble.dropped ? `${trouble.dropped} connections dropped` : "",
    trouble.left ? `${trouble.left} clients were sent away by the server` : "",
  ].filter(Boolean);

  if (o.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          url: o.base,
          students: o.students,
          rounds: o.rounds,
          roundSeconds: o.roundSeconds,
          joinSeconds: Math.round(joinSeconds * 10) / 10,
          clockOffsetMs: Math.round(offset * 10) / 10,
          clockMinRttMs: Math.round(minRtt * 10) / 10,
          perRound: perRound.map((f, i) => ({ round: i + 1, ...f })),
          summary,
          problems,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(`${row("all", summary)}\n`);
  }
  for (const p of problems) say(`loadtest: ${p}`);
  return problems.length ? 1 : 0;
}

let code: number;
try {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === "help") {
    process.stdout.write(`${USAGE}\n`);
    code = 0;
  } else code = await run(parsed);
} catch (e) {
  if (e instanceof FlagError) say(`loadtest: ${e.message}\n\n${USAGE}`);
  else say(`loadtest: ${(e as Error).message}`);
  code = e instanceof FlagError ? 2 : 1;
}
// Lingering sockets must not keep the process alive.
process.exit(code);
