/**
 * `npm start`'s entry point as a real child process in its own process group, on a free loopback port with
 * a given data folder: what restart, kill and storage tests stand on. Every process started is stopped
 * after the test (the group, so nothing is left behind).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterEach } from "vitest";
import { type Reachable, waitFor } from "./harness.ts";

const main = resolve(import.meta.dirname, "..", "..", "server", "main.ts");
const children: ChildProcess[] = [];

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly http: string;
  readonly ws: string;
  /** What the process wrote so far. */
  readonly output: () => { stdout: string; stderr: string };
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** `npm start`'s entry point spawned in its own process group, its output kept; stopped after the test. */
export function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", main], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return { child, output: () => ({ stdout, stderr }) };
}

export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const { child, output } = spawnServer(dataDir, env);
  const address = /http:\/\/127\.0\.0\.1:(\d+)\//;
  await waitFor(() => address.test(output().stdout) || !alive(child), "the server to start", 20_000);
  const port = Number(address.exec(output().stdout)?.[1]);
  if (!port) throw new Error(`the server did not start: ${output().stderr}`);
  return { child, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}`, output };
}

/** Sends the signal to the process's group and waits for the process to exit. */
export function stopServerProcess(server: ServerProcess, signal: "SIGKILL" | "SIGTERM"): Promise<void> {
  return new Promise((done) => {
    if (!alive(server.child)) return done();
    server.child.once("exit", () => done());
    process.kill(-(server.child.pid ?? 0), signal);
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (alive(c) && c.pid) process.kill(-c.pid, "SIGKILL");
});

/** The room id the server gives for a join code, or null while it cannot (down, starting, refusing). */
export async function lookup(server: Reachable, code: string): Promise<string | null> {
  try {
    const res = await fetch(`${server.http}/api/join/${code}`);
    const body: unknown = await res.json();
    return res.ok && typeof body === "object" && body && "roomId" in body && typeof body.roomId === "string"
      ? body.roomId
      : null;
  } catch {
    return null;
  }
}

/** What the tests read of the room's state (the teacher's view). */
export interface ClassView {
  readonly phase: string;
  readonly round: number;
  readonly connected: number;
  readonly pausedBy: string;
}

/** Joins by the code's lookup again and again until it works (the server may be down or starting), as a page does. */
export async function comeBack(
  server: () => Reachable,
  code: string,
  options: Record<string, unknown>,
  what: string,
): Promise<Room<unknown, ClassView>> {
  const started = Date.now();
  for (;;) {
    const roomId = await lookup(server(), code);
    if (roomId)
      try {
        return await new Client(server().ws).joinById<ClassView>(roomId, options);
      } catch {
        // The room went away between the lookup and the join: look it up again.
      }
    if (Date.now() - started > 30_000) throw new Error(`${what} could not come back`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
