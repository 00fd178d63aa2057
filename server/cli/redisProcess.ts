/**
 * A throwaway Redis for tests and the load test: Debian's `redis-server` on a free loopback port, with
 * nothing written to disk (no snapshots, no append-only file) and its working folder a temporary
 * `group-exam-redis-*` that goes when it stops. It runs in a process group of its own, so stopping it (or
 * this process exiting) leaves no redis-server behind.
 *
 * Without the binary it does not start and says why in one sentence, so a suite can skip what needs it and
 * print that sentence instead of failing on a machine that lacks the package.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface RedisProcess {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  /** SHUTDOWN NOSAVE (or the group killed when it does not go), then its folder removed. */
  stop(): Promise<void>;
}

const START_MS = 10_000;
const STOP_MS = 5_000;

/** Where `redis-server` is: on PATH, or where Debian puts it (root's PATH may lack /usr/sbin). */
function redisBinary(): string | null {
  const folders = [...(process.env.PATH ?? "").split(delimiter), "/usr/bin", "/usr/sbin", "/usr/local/bin"];
  for (const folder of folders.filter(Boolean)) {
    const path = join(folder, "redis-server");
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

/** A port nobody listens on right now (the kernel's choice; redis-server takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Sends one inline command and resolves with the first reply line (or null: no answer, refused). */
function ask(port: number, command: string, timeoutMs = 1000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    const done = (line: string | null) => {
      socket.destroy();
      resolve(line);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once("error", () => done(null));
    socket.once("connect", () => socket.write(`${command}\r\n`));
    socket.on("data", (data) => {
      reply += data;
      const end = reply.indexOf("\r\n");
      if (end >= 0) done(reply.slice(0, end));
    });
    // SHUTDOWN answers nothing: the server closes the connection as it goes.
    socket.once("end", () => done(reply || null));
  });
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the promise, or for ms at most; the timer goes with it, so it holds no process open. */
async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

function killGroup(child: ChildProcess): void {
  if (exited(child) || !child.pid) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Gone between the check and the kill.
  }
}

async function launch(binary: string, folder: string): Promise<RedisProcess | string> {
  const port = await freePort();
  const args = ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"];
  const child = spawn(binary, [...args, "--dir", folder], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  // If this process ends without stop() (a crash, an exit in a test), the server goes with it.
  const onExit = () => killGroup(child);
  process.once("exit", onExit);

  const started = Date.now();
  while (!exited(child) && (await ask(port, "PING")) !== "+PONG") {
    if (Date.now() - started > START_MS) break;
    await sleep(50);
  }
  if (exited(child) || (await ask(port, "PING")) !== "+PONG") {
    killGroup(child);
    process.removeListener("exit", onExit);
    const last = output.trim().split("\n").slice(-3).join(" / ");
    return `redis-server did not answer on port ${port} within ${START_MS / 1000} s: ${last || "no output"}`;
  }

  let stopping: Promise<void> | null = null;
  const stop = async () => {
    if (!exited(child)) {
      const gone = new Promise<void>((r) => child.once("exit", () => r()));
      await ask(port, "SHUTDOWN NOSAVE");
      await within(gone, STOP_MS);
      killGroup(child);
      await within(gone, STOP_MS);
    }
    process.removeListener("exit", onExit);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}

/**
 * Starts a redis-server for this process's own use, or says why it cannot. Tries a second port once, in
 * case another program took the free one between the look and the start.
 */
export async function startRedis(): Promise<RedisProcess | { skipped: string }> {
  const binary = redisBinary();
  if (!binary)
    return {
      skipped:
        "redis-server is not installed: install Debian's package redis-server (apt-get install redis-server) to run what needs Redis.",
    };
  const folder = mkdtempSync(join(tmpdir(), "group-exam-redis-"));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  let why = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = await launch(binary, folder);
    if (typeof started !== "string") {
      const onExit = () => remove();
      process.once("exit", onExit);
      return {
        url: started.url,
        async stop() {
          await started.stop();
          remove();
          process.removeListener("exit", onExit);
        },
      };
    }
    why = started;
  }
  remove();
  throw new Error(why);
}
