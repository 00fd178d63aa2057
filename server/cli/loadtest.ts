/**
 * `npm run loadtest -- --students N --rounds R [--rooms K] [--servers URL,URL | --processes P]`: K classes of
 * N real @colyseus/sdk student clients each, from this process, against running servers or against P
 * processes it starts itself (loadCluster.ts). Each round the load test prints how long after the close the
 * feedback reached the clients (over every room), how many bytes each client received, and the servers'
 * CPU and memory from GET /api/status; at the end each process's share of the machine over the whole play
 * (this one's too: the generator and the servers share the cores) and whether p99 was under 250 ms. With
 * --kill-after S it SIGKILLs the process holding the most rooms and times its classes' way back.
 * Figures only: no pass or fail beyond "every client got its feedback".
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { FlagError } from "./flags.ts";
import { type LoadServers, startLoadServers } from "./loadCluster.ts";
import { type Options, parseOptions, USAGE } from "./loadtestArgs.ts";
import { LoadClass, newTrouble, type Trouble } from "./loadtestClass.ts";
import type { Servers } from "./loadtestComeBack.ts";
import {
  type Figures,
  figures,
  HEADER,
  type MoveFigures,
  moveFigures,
  moveLine,
  type ProcessFigures,
  processTable,
  row,
  verdict,
} from "./loadtestFigures.ts";
import { type ServerStatus, spans, statusOfAll } from "./loadtestStatus.ts";
import { nowMs, sleep, within } from "./loadtestWait.ts";

const LOOP_RESOLUTION_MS = 10;
/** How long a killed process's classes may take to come back before a round's wait gives up. */
const MOVE_ALLOWANCE_MS = 60_000;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const out = (o: Options, line: string): void => {
  if (!o.json) process.stdout.write(`${line}\n`);
};

/** Whatever the run started goes when it ends, also on Ctrl-C and on the time limit. */
let started: LoadServers | null = null;
async function quit(code: number): Promise<never> {
  await started?.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => {
  say("loadtest: interrupted; stopping what it started.");
  void quit(130);
});

interface Target {
  readonly bases: readonly string[];
  readonly servers: Servers;
  readonly description: string;
  /** The processes we started, by base, to kill one. */
  readonly kill: (base: string) => Promise<void>;
}

async function target(o: Options): Promise<Target> {
  if (o.processes > 0) {
    say(`starting ${o.processes} server process${o.processes > 1 ? "es" : ""}…`);
    const s = await startLoadServers(o.processes, o.cluster);
    started = s;
    return {
      bases: s.processes.map((p) => p.base),
      servers: { live: () => s.processes.filter((p) => p.alive()).map((p) => p.base) },
      description: s.description,
      kill: async (base) => s.processes.find((p) => p.base === base)?.kill(),
    };
  }
  const n = o.servers.length;
  return {
    bases: o.servers,
    servers: { live: () => o.servers },
    description: `${n} running process${n > 1 ? "es" : ""} (${o.servers.join(", ")})`,
    kill: async () => undefined,
  };
}

/** Creates the classes one after another and joins their students, reporting progress. */
async function makeClasses(o: Options, t: Target, trouble: Trouble): Promise<LoadClass[]> {
  const classes: LoadClass[] = [];
  const total = o.rooms * o.students;
  const joinStart = nowMs();
  let joined = 0;
  let reported = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  // The generator's own event loop while it joins: a stalled one delays the joins, not the server.
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  for (let k = 0; k < o.rooms; k++) {
    const plan = {
      index: k,
      students: o.students,
      rounds: o.rounds,
      roundSeconds: o.roundSeconds,
      joinBatch: o.joinBatch,
      comeBack: o.killAfter !== null,
      lookupFirst: o.lookupFirst,
    };
    const c = await LoadClass.create(plan, t.servers, trouble);
    classes.push(c);
    await c.joinStudents(() => {
      joined++;
      if (joined - reported >= step || joined === total) {
        reported = joined;
        const delay = `load generator's event-loop delay p99 ${Math.round(loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS)} ms`;
        say(`joined ${joined}/${total} students (${((nowMs() - joinStart) / 1000).toFixed(1)} s; ${delay})`);
        loop.reset();
      }
    });
    await c.measureClock();
  }
  loop.disable();
  return classes;
}

interface Totals {
  latencies: number[];
  bytes: number[];
  missing: number;
  own: number;
  lagMs: number;
}

async function run(o: Options): Promise<number> {
  let stage = "starting";
  const limitSeconds = Math.ceil(
    o.rounds * (o.roundSeconds + 10) + 180 + o.rooms * o.students * 0.05 + (o.killAfter ? 120 : 0),
  );
  const deadline = setTimeout(() => {
    say(`loadtest: aborted after ${limitSeconds} s, the time limit for this run (stuck ${stage}).`);
    void quit(1);
  }, limitSeconds * 1000);

  const t = await target(o);
  stage = "checking the servers";
  const first = await statusOfAll(t.bases);
  const silent = t.bases.filter((_, i) => !first[i]);
  if (silent.length) throw new Error(`no Group Exam server answers at ${silent.join(", ")} (/api/status)`);

  stage = "creating the classes and joining the students";
  const trouble = newTrouble();
  const joinStart = nowMs();
  const classes = await makeClasses(o, t, trouble);
  const joinSeconds = (nowMs() - joinStart) / 1000;
  await sleep(500); // let the last joins' state patches settle before the baseline

  stage = "playing the rounds";
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const whole = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  whole.enable();
  // The histogram holds whole timer intervals: the delay is what exceeds the resolution.
  const lag = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  const playBefore = await statusOfAll(t.bases);
  const ownPlay = process.cpuUsage();
  const playStart = nowMs();
  for (const c of classes) c.start();

  // Set by the kill's timer: a holder, since the rounds' loop reads it after awaits.
  const killed: { value: { base: string; rooms: number; at: number } | null } = { value: null };
  const killTimer =
    o.killAfter === null
      ? null
      : setTimeout(async () => {
          const now = await statusOfAll(t.bases);
          let busiest = 0;
          for (let i = 1; i < now.length; i++)
            if ((now[i]?.rooms ?? 0) > (now[busiest]?.rooms ?? 0)) busiest = i;
          const base = t.bases[busiest];
          killed.value = { base, rooms: now[busiest]?.rooms ?? 0, at: nowMs() };
          say(`SIGKILL to ${base}, which held ${killed.value.rooms} of the ${o.rooms} rooms`);
          await t.kill(base);
        }, o.killAfter * 1000);

  const rtt = Math.min(...classes.map((c) => c.minRtt));
  out(
    o,
    `Load test: ${o.rooms} room${o.rooms > 1 ? "s" : ""} × ${o.students} students, ${o.rounds} rounds of ` +
      `${o.roundSeconds} s, on ${t.description}\n` +
      `Joined in ${joinSeconds.toFixed(1)} s; clocks from each room's teacher (best RTT ${rtt.toFixed(1)} ms)\n` +
      "CPU spans the round's opening (as the teachers saw it) to its last feedback, every server process\n" +
      "together. Client CPU and max lag are this process's CPU and longest event-loop stall in that span.\n" +
      HEADER,
  );
  const perRound: Figures[] = [];
  const all: Totals = { latencies: [], bytes: [], missing: 0, own: 0, lagMs: 0 };
  let cpuAll = 0;
  let windowAll = 0;
  let rssMax = 0;
  for (let r = 1; r <= o.rounds; r++) {
    stage = `waiting for round ${r} to open`;
    const openMs = (o.roundSeconds + 30) * 1000 + (o.killAfter ? MOVE_ALLOWANCE_MS : 0);
    if (!(await within(Promise.all(classes.map((c) => c.opened[r].promise)), openMs)))
      throw new Error(`round ${r} did not open in every room within ${openMs / 1000} s`);
    const before = await statusOfAll(t.bases);
    const ownBefore = process.cpuUsage();
    loop.reset();
    stage = `waiting for round ${r}'s feedback`;
    const closeLocal = Math.max(...classes.map((c) => c.closesAt[r] - c.offset));
    const waitMs = Math.max(0, closeLocal - nowMs()) + 30_000 + (o.killAfter ? MOVE_ALLOWANCE_MS : 0);
    await within(Promise.all(classes.map((c) => c.fed[r].promise)), waitMs);
    const after = await statusOfAll(t.bases);
    const own = process.cpuUsage(ownBefore);
    const lagMs = lag(loop.max);
    const latencies: number[] = [];
    const bytes: number[] = [];
    let missing = 0;
    for (const c of classes) {
      const one = c.round(r);
      latencies.push(...one.latencies);
      bytes.push(...one.bytes);
      missing += one.missing;
    }
    const sp = spans(before, after).filter((s) => s !== null);
    const cpuMs = sp.reduce((a, s) => a + s.cpuMs, 0);
    const windowMs = sp.length ? sp.reduce((a, s) => a + s.windowMs, 0) / sp.length : 0;
    const rss = sp.reduce((a, s) => a + s.rssBytes, 0);
    const ownMs = (own.user + own.system) / 1000;
    const f = figures(latencies, bytes, missing, cpuMs, windowMs, rss, ownMs, lagMs);
    perRound.push(f);
    all.latencies.push(...latencies);
    all.bytes.push(...bytes);
    all.missing += missing;
    all.own += ownMs;
    all.lagMs = Math.max(all.lagMs, lagMs);
    cpuAll += cpuMs;
    windowAll += windowMs;
    rssMax = Math.max(rssMax, rss);
    out(o, row(String(r), f));
  }
  const playAfter = await statusOfAll(t.bases);
  const ownWhole = process.cpuUsage(ownPlay);
  const playMs = nowMs() - playStart;
  loop.disable();
  whole.disable();
  if (killTimer) clearTimeout(killTimer);
  const summary = figures(
    all.latencies,
    all.bytes,
    all.missing,
    cpuAll,
    windowAll,
    rssMax,
    all.own,
    all.lagMs,
  );

  stage = "ending the sessions";
  for (const c of classes) c.end();
  await within(Promise.all(classes.map((c) => c.ended.promise)), 10_000);
  stage = "leaving";
  for (const c of classes) await within(c.leave(), 10_000);
  clearTimeout(deadline);

  const processes = processFigures(t.bases, playBefore, playAfter, {
    cpuPercent: ((ownWhole.user + ownWhole.system) / 1000 / playMs) * 100,
    rssMB: process.memoryUsage().rss / 2 ** 20,
    loopDelayMs: { p99: lag(whole.percentile(99)), max: lag(whole.max) },
  });
  const moves: MoveFigures[] = [];
  const kill = killed.value;
  if (kill)
    for (const c of classes)
      if (!Number.isNaN(c.movedAt)) {
        let after = 0;
        for (let r = 1; r <= o.rounds; r++)
          if (c.closesAt[r] - c.offset > kill.at && c.fedCount[r] > 0) after++;
        moves.push(
          moveFigures(
            c.plan.index + 1,
            kill.at,
            c.students.map((s) => s.backAt),
            after,
          ),
        );
      }

  const rejected = [...trouble.rejected].map(([k, n]) => `${n} × ${k}`);
  const problems = [
    // Around a kill, a class that was away when its round closed misses that round's feedback: not a failure.
    all.missing && !kill ? `${all.missing} client-rounds got no feedback` : "",
    rejected.length ? `the server refused messages: ${rejected.join(", ")}` : "",
    trouble.dropped ? `${trouble.dropped} connections dropped` : "",
    trouble.left ? `${trouble.left} clients were sent away by the server` : "",
    trouble.lostSeats ? `${trouble.lostSeats} clients did not come back into their own seats` : "",
    kill && moves.length === 0 ? "the process killed held no class of this run" : "",
  ].filter(Boolean);

  if (o.json) {
    const report = {
      servers: t.description,
      rooms: o.rooms,
      students: o.students,
      rounds: o.rounds,
      roundSeconds: o.roundSeconds,
      joinSeconds: Math.round(joinSeconds * 10) / 10,
      perRound: perRound.map((f, i) => ({ round: i + 1, ...f })),
      summary,
      under250ms: summary.latencyMs.p99 < 250,
      processes,
      killed: kill && { ...kill, at: undefined, afterSeconds: o.killAfter },
      moves,
      problems,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    out(o, row("all", summary));
    if (kill)
      out(
        o,
        `(with the kill: ${all.missing} client-rounds got no feedback, the moved classes' missed rounds)`,
      );
    out(o, `\n${o.rooms} rooms × ${o.students} students: ${verdict(summary)}`);
    out(o, `\nThe whole play (${(playMs / 1000).toFixed(1)} s), each process:\n${processTable(processes)}`);
    if (kill) {
      out(
        o,
        `\nKilled ${kill.base} after ${o.killAfter} s (it held ${kill.rooms} rooms); the classes that moved:`,
      );
      for (const m of moves) out(o, moveLine(m));
    }
  }
  for (const p of problems) say(`loadtest: ${p}`);
  return problems.length ? 1 : 0;
}

function processFigures(
  bases: readonly string[],
  before: readonly (ServerStatus | null)[],
  after: readonly (ServerStatus | null)[],
  own: Omit<ProcessFigures, "name" | "rooms">,
): ProcessFigures[] {
  const rows = bases.map((base, i): ProcessFigures => {
    const b = before[i];
    const a = after[i];
    if (!b || !a)
      return { name: `${base} (killed)`, rooms: Number.NaN, cpuPercent: Number.NaN, rssMB: Number.NaN };
    return {
      name: base,
      rooms: a.rooms,
      cpuPercent: Math.round(((a.cpuMs - b.cpuMs) / (a.at - b.at)) * 1000) / 10,
      rssMB: Math.round((a.rssBytes / 2 ** 20) * 10) / 10,
    };
  });
  rows.push({
    name: "load generator (this process)",
    rooms: Number.NaN,
    cpuPercent: Math.round(own.cpuPercent * 10) / 10,
    rssMB: Math.round(own.rssMB * 10) / 10,
    loopDelayMs: own.loopDelayMs && {
      p99: Math.round(own.loopDelayMs.p99),
      max: Math.round(own.loopDelayMs.max),
    },
  });
  return rows;
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
  else say(`loadtest: ${e instanceof Error ? e.message : String(e)}`);
  code = e instanceof FlagError ? 2 : 1;
}
// Lingering sockets must not keep the process alive; what it started goes first.
await quit(code);
