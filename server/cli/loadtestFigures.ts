/** The load test's figures: percentiles over clients, and the rows it prints. */

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
  "server CPU ms (core)".padStart(18),
  "RSS MB".padStart(8),
  "client CPU, max lag".padStart(22),
].join("  ");
