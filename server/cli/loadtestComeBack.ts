/**
 * How a load-test client gets back into its seat after its room's process died, the way the pages do
 * (client/src/student/connection.ts): join the room id it had (a room is named by its session, so the id
 * holds when the session comes back elsewhere), and when that room is not loaded anywhere, look the code
 * up at a live process (which brings the session back from the shared log) and join what it says, with the
 * same browser key; tries 300 ms apart, doubling to 2 s, through the live processes in turn.
 *
 * One difference from a page, on purpose: a page first lets the SDK's own reconnection retry the dead
 * process (15 tries, up to 5 s apart); here the SDK's reconnection is off, so the figure is the cluster's
 * part of the wait, not the SDK's back-off. With `lookupFirst` (the load test's --lookup-first) the direct
 * join is skipped: a join by id of a room still listed on the dead process waits for Colyseus's remote
 * call to time out (2 × 2 s in 0.18), and this shows the wait without it.
 */
import type { Room } from "@colyseus/sdk";
import type { JoinOptions } from "../../shared/protocol/messages.ts";
import { sleep } from "./loadtestWait.ts";
import { MeteredClient } from "./meteredClient.ts";

/** The processes clients reach: each call may see fewer when one has died. */
export interface Servers {
  live(): readonly string[];
}

export const pick = (servers: Servers, i: number): string => {
  const live = servers.live();
  if (live.length === 0) throw new Error("no server process is left to reach");
  return live[i % live.length];
};

const GIVE_UP_MS = 120_000;
/** What a join by key may answer that no retry changes (as the page reads them). */
const FINAL = new Set([403, 409, 410, 423]);

const codeOf = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "number"
    ? error.code
    : undefined;

/** The room id a process gives for a join code, or null while it cannot. */
export async function lookupCode(base: string, code: string): Promise<string | null> {
  try {
    const res = await fetch(`${base}/api/join/${code}`);
    const body: unknown = await res.json();
    return res.ok && typeof body === "object" && body && "roomId" in body && typeof body.roomId === "string"
      ? body.roomId
      : null;
  } catch {
    return null;
  }
}

/** Joins once through `base`; null when it is worth another try. */
async function tryJoin<State>(
  base: string,
  roomId: string,
  options: JoinOptions,
): Promise<Room<unknown, State> | null> {
  try {
    return await new MeteredClient(base).joinById<State>(roomId, options);
  } catch (error) {
    const code = codeOf(error);
    if (code !== undefined && FINAL.has(code))
      throw new Error(
        `refused for good (${code}): ${error instanceof Error ? error.message : String(error)}`,
      );
    return null;
  }
}

/** Back into the seat of `options` (a student's key, a teacher's token), or an error after two minutes. */
export async function comeBack<State>(
  servers: Servers,
  who: number,
  code: string,
  roomId: string,
  options: JoinOptions,
  lookupFirst: boolean,
): Promise<Room<unknown, State>> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const base = pick(servers, who + attempt);
    if (!lookupFirst) {
      const direct = await tryJoin<State>(base, roomId, options);
      if (direct) return direct;
    }
    const found = await lookupCode(base, code);
    const viaCode = found ? await tryJoin<State>(base, found, options) : null;
    if (viaCode) return viaCode;
    if (Date.now() - started > GIVE_UP_MS)
      throw new Error(`could not come back within ${GIVE_UP_MS / 1000} s`);
    await sleep(Math.min(2000, 300 * 2 ** attempt));
  }
}
