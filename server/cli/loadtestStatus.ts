/**
 * What each server process says of itself (GET /api/status): its CPU time, resident memory and rooms, and
 * the load test's spans between two readings (a process's CPU as a share of one core).
 */
import { z } from "zod";
import { nowMs } from "./loadtestWait.ts";

const StatusReply = z.object({
  cpuUserMs: z.number(),
  cpuSystemMs: z.number(),
  rssBytes: z.number(),
  rooms: z.number().optional(),
});

export interface ServerStatus {
  readonly cpuMs: number;
  readonly rssBytes: number;
  /** This process's rooms (a server before issue 11 does not say: NaN). */
  readonly rooms: number;
  /** Local time at which the reply arrived. */
  readonly at: number;
}

export async function serverStatus(base: string): Promise<ServerStatus> {
  const res = await fetch(`${base}/api/status`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${base}/api/status answered ${res.status}`);
  const body = StatusReply.parse(await res.json());
  return {
    cpuMs: body.cpuUserMs + body.cpuSystemMs,
    rssBytes: body.rssBytes,
    rooms: body.rooms ?? Number.NaN,
    at: nowMs(),
  };
}

/** Every process's status at once; null for one that does not answer (a killed one). */
export function statusOfAll(bases: readonly string[]): Promise<(ServerStatus | null)[]> {
  return Promise.all(bases.map((b) => serverStatus(b).catch(() => null)));
}

/** One process between two readings: CPU ms, as % of one core, and the later memory. */
export interface Span {
  readonly cpuMs: number;
  readonly windowMs: number;
  readonly rssBytes: number;
}

/** The spans of the processes that answered both times. */
export function spans(
  before: readonly (ServerStatus | null)[],
  after: readonly (ServerStatus | null)[],
): (Span | null)[] {
  return before.map((b, i) => {
    const a = after[i];
    return b && a ? { cpuMs: a.cpuMs - b.cpuMs, windowMs: a.at - b.at, rssBytes: a.rssBytes } : null;
  });
}
