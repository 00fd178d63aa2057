/**
 * The load test's figures: percentiles over clients, the rows it prints per round, each process's share of
 * the machine over the whole play, and the time a moved class took to get back into its seats.
 */

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export interface Figures {
  /** Feedback messages measured (clients in a round; client-rounds in the summary). */
  readonly feedbacks: number;
  readonly missing: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly bytesPerStudent: { readonly mean: number; readonly max: number };
  /** Every server process's CPU together, and as a share of one core; their memory together. */
  readonly serverCpuMs: number;
  readonly serverCpuPercent: number;
  readonly serverRssMB: number;
  /** Wall time between the two status samples the CPU figures span. */
  readonly windowMs: number;
  /** This process's own CPU over the same window (it shares the machine with a loopback server). */
  readonly loadtestCpuPercent: number;
  /** The longest this process's event loop was held up in the window: it can delay a feedback's timestamp. */
  readonly loadtestLoopDelayMaxMs: number;
}

export function figures(
  latencies: number[],
  bytes: number[],
  missing: number,
  cpuMs: number,
  windowMs: number,
  rssBytes: number,
  ownCpuMs: number,
  ownLagMs: number,
): Figures {
  latencies.sort((a, b) => a - b);
  const round1 = (v: number): number => Math.round(v * 10) / 10;
  return {
    feedbacks: latencies.length,
    missing,
    latencyMs: {
      p50: round1(percentile(latencies, 0.5)),
      p99: round1(percentile(latencies, 0.99)),
      max: round1(latencies.length ? latencies[latencies.length - 1] : Number.NaN),
    },
    bytesPerStudent: {
      mean: Math.round(bytes.reduce((a, b) => a + b, 0) / Math.max(1, bytes.length)),
      max: bytes.reduce((a, b) => Math.max(a, b), 0),
    },
    serverCpuMs: Math.round(cpuMs),
    serverCpuPercent: round1((cpuMs / Math.max(1, windowMs)) * 100),
    serverRssMB: round1(rssBytes / 2 ** 20),
    windowMs: Math.round(windowMs),
    loadtestCpuPercent: round1((ownCpuMs / Math.max(1, windowMs)) * 100),
    loadtestLoopDelayMaxMs: round1(ownLagMs),
  };
}

const fmt = (v: number, digits = 1): string =>
  Number.isNaN(v) ? "-" : v.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function row(label: string, f: Figures): string {
  const latency = `${fmt(f.latencyMs.p50)} / ${fmt(f.latencyMs.p99)} / ${fmt(f.latencyMs.max)}`;
  const bytes = `${fmt(f.bytesPerStudent.mean, 0)} / ${fmt(f.bytesPerStudent.max, 0)}`;
  const cpu = `${fmt(f.serverCpuMs, 0)} (${fmt(f.serverCpuPercent)} %)`;
  return [
    label.padStart(5),
    latency.padStart(26),
    bytes.padStart(21),
    cpu.padStart(18),
    fmt(f.serverRssMB).padStart(8),
    `${fmt(f.loadtestCpuPercent)} %, ${fmt(f.loadtestLoopDelayMaxMs, 0)} ms`.padStart(22),
    f.missing ? `${f.missing} got no feedback` : "",
  ]
    .join("  ")
    .trimEnd();
}

export const HEADER = [
  "round".padStart(5),
  "close→feedback ms p50/p99/max".padStart(26),
  "bytes/student mean/max".padStart(21),
  "servers CPU ms (core)".padStart(18),
  "RSS MB".padStart(8),
  "client CPU, max lag".padStart(22),
].join("  ");

/** The whole play, for one server process (or the load generator). */
export interface ProcessFigures {
  readonly name: string;
  readonly rooms: number;
  readonly cpuPercent: number;
  readonly rssMB: number;
  /** The load generator only: its event loop's delay, p99 and max, over the play. */
  readonly loopDelayMs?: { readonly p99: number; readonly max: number };
}

export function processTable(rows: readonly ProcessFigures[]): string {
  const lines = [
    `${"process".padEnd(31)}  ${"rooms".padStart(5)}  ${"CPU (% of a core)".padStart(17)}  ${"RSS MB".padStart(8)}`,
  ];
  for (const p of rows) {
    const loop = p.loopDelayMs
      ? `  event-loop delay p99 ${fmt(p.loopDelayMs.p99, 0)} ms, max ${fmt(p.loopDelayMs.max, 0)} ms`
      : "";
    lines.push(
      `${p.name.padEnd(31)}  ${fmt(p.rooms, 0).padStart(5)}  ${(Number.isNaN(p.cpuPercent) ? "-" : `${fmt(p.cpuPercent)} %`).padStart(17)}  ${fmt(p.rssMB).padStart(8)}${loop}`,
    );
  }
  return lines.join("\n");
}

/** A class whose process was killed: how long from the kill until each student was back in its seat. */
export interface MoveFigures {
  readonly room: number;
  readonly students: number;
  /** Students back in their seats, and the time each took from the kill. */
  readonly back: number;
  readonly backMs: { readonly median: number; readonly max: number };
  /** Rounds whose feedback reached this class after the kill. */
  readonly roundsAfter: number;
}

export function moveFigures(
  room: number,
  killAt: number,
  backAt: readonly number[],
  roundsAfter: number,
): MoveFigures {
  const times = backAt.filter((t) => !Number.isNaN(t)).map((t) => t - killAt);
  times.sort((a, b) => a - b);
  return {
    room,
    students: backAt.length,
    back: times.length,
    backMs: {
      median: Math.round(percentile(times, 0.5)),
      max: Math.round(times.length ? times[times.length - 1] : Number.NaN),
    },
    roundsAfter,
  };
}

export function moveLine(m: MoveFigures): string {
  return (
    `  room ${m.room}: ${m.back}/${m.students} students back in their seats, ` +
    `median ${fmt(m.backMs.median, 0)} ms, max ${fmt(m.backMs.max, 0)} ms after the kill; ` +
    `${m.roundsAfter} round${m.roundsAfter === 1 ? "" : "s"} played on after it`
  );
}

/** The target the issue sets: every feedback within 250 ms of its round's close, at the 99th percentile. */
export const P99_TARGET_MS = 250;

export const verdict = (f: Figures): string =>
  Number.isNaN(f.latencyMs.p99)
    ? "no feedback was measured"
    : f.latencyMs.p99 < P99_TARGET_MS
      ? `p99 ${fmt(f.latencyMs.p99)} ms: under ${P99_TARGET_MS} ms`
      : `p99 ${fmt(f.latencyMs.p99)} ms: NOT under ${P99_TARGET_MS} ms`;
