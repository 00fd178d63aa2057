/**
 * `npm start`'s entry point as a real child process in its own process group, on a free loopback port with
 * a given data folder: what restart, kill and storage tests stand on. Every process started is stopped
 * after the test (the group, so nothing is left behind).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterEach } from "vitest";
import { waitFor } from "./harness.ts";

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

export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
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
  const address = /http:\/\/127\.0\.0\.1:(\d+)\//;
  await waitFor(() => address.test(stdout) || !alive(child), "the server to start", 20_000);
  const port = Number(address.exec(stdout)?.[1]);
  if (!port) throw new Error(`the server did not start: ${stderr}`);
  return {
    child,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    output: () => ({ stdout, stderr }),
  };
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
