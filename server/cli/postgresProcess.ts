/**
 * A throwaway PostgreSQL for tests and load tests: Debian's binaries, a fresh cluster in a temporary folder,
 * a free loopback port, the socket in the same folder, and fsync left on (what the store promises is
 * durability, so it is tested with it). The server runs in its own process group and is stopped with
 * `pg_ctl stop -m fast`, or by killing the group when that does not answer; the folder goes with it.
 *
 * Root cannot run postgres, so as root the binaries run as the `postgres` user (spawn's uid/gid, no shell).
 * The folder sits in the system's temporary folder rather than the test run's: the run's folder is private to
 * its owner (mode 0700), which the postgres user cannot enter.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface Postgres {
  /** A superuser's URL to the `postgres` database (make a database per test file with `createDatabase`). */
  readonly url: string;
  stop(): Promise<void>;
}

const VERSION = 15;
const WAIT_MS = 20_000;

/** Debian's binaries of the newest PostgreSQL from 15 on, or null when none is installed. */
export function postgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .map(Number)
    .filter((v) => v >= VERSION && existsSync(join(root, String(v), "bin", "postgres")))
    .sort((a, b) => b - a);
  return versions.length ? join(root, String(versions[0]), "bin") : null;
}

/** Why a test that needs PostgreSQL cannot run here, in one plain sentence, or null when it can. */
export function postgresMissing(): string | null {
  if (postgresBinaries() === null)
    return `PostgreSQL ${VERSION} is not installed here (Debian's package \`postgresql\`, in /usr/lib/postgresql), so the PostgreSQL tests were skipped.`;
  if (process.getuid?.() === 0 && runAs() === null)
    return "PostgreSQL cannot run as root and this machine has no `postgres` user (Debian's package `postgresql` makes it), so the PostgreSQL tests were skipped.";
  return null;
}

/** As root: the postgres user's ids from /etc/passwd; otherwise nothing to change. */
function runAs(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith("postgres:"));
    const [, , uid, gid] = line?.split(":") ?? [];
    return line ? { uid: Number(uid), gid: Number(gid) } : null;
  } catch {
    return null;
  }
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Folders of earlier runs whose server is gone (a run killed before its end), older than an hour. */
function sweepDeadFolders(system: string): void {
  for (const name of readdirSync(system).filter((n) => n.startsWith("group-exam-pg-"))) {
    const folder = join(system, name);
    try {
      if (Date.now() - statSync(folder).mtimeMs < 3_600_000) continue;
      const pid = Number(readFileSync(join(folder, "data", "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0 && processAlive(pid)) continue;
    } catch {
      // No server file: never started, or stopped; the folder is old enough to go.
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && "code" in error && error.code === "ESRCH");
  }
}

/** Runs one of the binaries to its end (bounded), as the postgres user when we are root. */
function run(bin: string, args: readonly string[], cwd: string): Promise<string> {
  const ids = process.getuid?.() === 0 ? runAs() : null;
  return new Promise((done, fail) => {
    execFile(
      bin,
      args,
      { cwd, timeout: WAIT_MS, env: { ...process.env, LC_ALL: "C" }, ...(ids ?? {}) },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${bin}: ${stderr || error.message}`)) : done(stdout),
    );
  });
}

/** Starts a fresh PostgreSQL; `{ skipped }` says why when this machine has none. */
export async function startPostgres(): Promise<Postgres | { skipped: string }> {
  const missing = postgresMissing();
  const bin = postgresBinaries();
  if (missing !== null || bin === null) return { skipped: missing ?? "PostgreSQL is not installed." };
  const ids = process.getuid?.() === 0 ? runAs() : null;
  const system = process.env.GROUP_EXAM_SYSTEM_TMPDIR ?? tmpdir();
  sweepDeadFolders(system);
  const folder = mkdtempSync(join(system, "group-exam-pg-"));
  if (ids) chownSync(folder, ids.uid, ids.gid);
  const data = join(folder, "data");
  let child: ChildProcess | null = null;
  const stop = async (): Promise<void> => {
    if (child && alive(child)) {
      const exited = new Promise<void>((done) => child?.once("exit", () => done()));
      await run(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-t", "10"], folder).catch(
        () => undefined,
      );
      if (alive(child) && child.pid) process.kill(-child.pid, "SIGKILL");
      await Promise.race([exited, sleep(WAIT_MS)]);
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await run(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"], folder);
    const port = await freePort();
    const started = spawn(
      join(bin, "postgres"),
      ["-D", data, "-p", String(port), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
      { cwd: folder, detached: true, stdio: ["ignore", "ignore", "pipe"], ...(ids ?? {}) },
    );
    child = started;
    let stderr = "";
    started.stderr?.on("data", (d) => {
      stderr += d;
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await ready(url, started, () => stderr);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Connects until the server answers, at most WAIT_MS; fails at once when it has exited. */
async function ready(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    if (!alive(child)) throw new Error(`PostgreSQL exited at start: ${stderr()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`PostgreSQL did not answer in ${WAIT_MS / 1000} s: ${error}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(100);
  }
}

/** A new, empty database on the server of `url` (a superuser's); resolves to its URL. */
export async function createDatabase(url: string, prefix = "group_exam"): Promise<string> {
  // CREATE DATABASE takes no parameters: the name is ours, letters, digits and underscores only.
  const name = `${prefix.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}
