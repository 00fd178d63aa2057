/**
 * What the load test's `--processes P` starts, and stops at its end (also on Ctrl-C): P `npm start`
 * processes (server/main.ts) on free loopback ports, each in a process group of its own, with the
 * per-address limits lifted (every client of a load test comes from one address); with a cluster, a
 * throwaway redis-server and PostgreSQL under them (redisProcess.ts, postgresProcess.ts), else one
 * process on SQLite in a temporary folder. Every folder it makes is named group-exam-load-* and removed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDatabase, type Postgres, startPostgres } from "./postgresProcess.ts";
import { type RedisProcess, startRedis } from "./redisProcess.ts";

const MAIN = resolve(import.meta.dirname, "..", "main.ts");
const START_MS = 30_000;
/** Generous limits: a load test is thousands of seats and hundreds of sessions from 127.0.0.1. */
const LIFTED = { SEATS_PER_ADDRESS: "1000000", SESSIONS_PER_ADDRESS: "100000" };

export interface LoadProcess {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly pid: number;
  alive(): boolean;
  /** SIGKILL to its group; resolves when it has exited. */
  kill(): Promise<void>;
}

export interface LoadServers {
  readonly processes: readonly LoadProcess[];
  /** What was started, in words: "2 processes of a cluster (redis-server, PostgreSQL 15)". */
  readonly description: string;
  stop(): Promise<void>;
}

const isAlive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!isAlive(child) || !child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone between the check and the kill.
  }
}

const exited = (child: ChildProcess): Promise<void> =>
  isAlive(child) ? new Promise((done) => child.once("exit", () => done())) : Promise.resolve();

async function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** One `npm start` process; resolves once it prints its address. */
async function startOne(
  env: Record<string, string>,
  dataDir: string,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...LIFTED, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  // The server logs a JSON line per event: keep only the tail, for a start that fails.
  child.stderr?.on("data", (d) => {
    stderr = (stderr + d).slice(-2000);
  });
  const address = /http:\/\/127\.0\.0\.1:(\d+)\//;
  const until = Date.now() + START_MS;
  while (!address.test(stdout) && isAlive(child) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  const port = Number(address.exec(stdout)?.[1]);
  if (!port) {
    killGroup(child, "SIGKILL");
    throw new Error(`a server process did not start: ${stderr.trim().split("\n").slice(-3).join(" / ")}`);
  }
  return { child, base: `http://127.0.0.1:${port}` };
}

export async function startLoadServers(count: number, cluster: boolean): Promise<LoadServers> {
  const folder = mkdtempSync(join(tmpdir(), "group-exam-load-"));
  const started: { child: ChildProcess; base: string }[] = [];
  const children: ChildProcess[] = [];
  let redis: RedisProcess | null = null;
  let postgres: Postgres | null = null;
  let stopping: Promise<void> | null = null;
  // Whatever happens to this process, the servers go with it (their groups are their own).
  const onExit = (): void => {
    for (const c of children) killGroup(c, "SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const c of children) killGroup(c, "SIGTERM");
      await within(
        Promise.all(children.map(exited)).then(() => undefined),
        10_000,
      );
      for (const c of children) killGroup(c, "SIGKILL");
      await Promise.all(children.map(exited));
      await redis?.stop();
      await postgres?.stop();
      rmSync(folder, { recursive: true, force: true });
      process.removeListener("exit", onExit);
    })();
    return stopping;
  };
  try {
    let env: Record<string, string> = {};
    let description = "1 process on SQLite (no Redis, no PostgreSQL)";
    if (cluster) {
      const r = await startRedis();
      if ("skipped" in r) throw new Error(r.skipped);
      redis = r;
      const p = await startPostgres();
      if ("skipped" in p) throw new Error(p.skipped);
      postgres = p;
      env = { REDIS_URL: r.url, DATABASE_URL: await createDatabase(p.url, "loadtest") };
      description = `${count} process${count > 1 ? "es" : ""} of a cluster (a throwaway redis-server and PostgreSQL)`;
    }
    for (let i = 0; i < count; i++) {
      const dataDir = join(folder, `p${i}`);
      const one = await startOne(env, dataDir);
      started.push(one);
      children.push(one.child);
    }
    const processes = started.map(({ child: c, base }): LoadProcess => {
      return {
        base,
        pid: c.pid ?? 0,
        alive: () => isAlive(c),
        async kill() {
          killGroup(c, "SIGKILL");
          await exited(c);
        },
      };
    });
    return { processes, description, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
