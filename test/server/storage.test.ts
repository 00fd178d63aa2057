/**
 * Storage faults on real disks (mounts, which need CAP_SYS_ADMIN; without it these tests skip and say why). A data folder that cannot be written at start is one line and a non-zero exit. A disk that
 * fills up mid-session closes the room with a true message, never the process; once there is room again the
 * session comes back from its log, every student in its own seat, and nothing acknowledged is lost.
 *
 * A disk that turns read-only mid-session does the same, and the session resumes once the disk is checked
 * and the server restarted.
 *
 * Mid-session the tests cannot simply `mount -o remount,ro`: Linux refuses to remount a filesystem read-only
 * while a file on it is open for writing (EBUSY), and SQLite keeps its database open. So the faults are the
 * ones a running laptop meets: a full disk (a tmpfs filled to its last block, which gives its room back when
 * the filler goes) and an ext4 disk that turns itself read-only on an error (errors=remount-ro, raised by the
 * kernel's trigger_fs_error; that one needs loop devices and skips without them).
 */
import { execFileSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { checkDataDir } from "../../server/store/dataDir.ts";
import { openSqliteStore } from "../../server/store/sqliteStore.ts";
import { CLOSING_WORDS } from "../../shared/protocol/messages.ts";
import { SessionConfig } from "../../shared/protocol/session.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { createdEvent } from "../../shared/session/session.ts";
import {
  api,
  type Created,
  createSession,
  joinStaff,
  joinStudent,
  type Participant,
  startTestServer,
  type TestServer,
  waitFor,
} from "./harness.ts";
import { spawnServer } from "./serverProcess.ts";

// ── disks ───────────────────────────────────────────────────────────────

const mounted: string[] = [];
/** Folders made for a test that are not mounts (disk images, a file posing as DATA_DIR). */
const scratch: string[] = [];
const scratchDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  unmountAll();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function mountTmpfs(megabytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), "group-exam-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "none", dir], { stdio: "pipe" });
  } catch (error) {
    rmSync(dir, { recursive: true });
    throw error;
  }
  mounted.push(dir);
  return dir;
}

const remount = (dir: string, mode: "ro" | "rw"): void => {
  execFileSync("mount", ["-o", `remount,${mode}`, dir], { stdio: "pipe" });
};

/** Every disk a test mounted goes, whatever happened in the test (lazily if something still holds it). */
function unmountAll(): void {
  for (const dir of mounted.splice(0)) {
    try {
      execFileSync("umount", [dir], { stdio: "pipe" });
    } catch {
      execFileSync("umount", ["-l", dir], { stdio: "pipe" });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A failed command's first line of stderr, or the error's. */
function firstLine(error: unknown): string {
  const text = error instanceof Error && "stderr" in error ? String(error.stderr) : String(error);
  return text.trim().split("\n")[0];
}

/** Null when this machine lets the tests mount a disk; else the reason they skip. */
function mountRefused(): string | null {
  try {
    mountTmpfs(1);
    unmountAll();
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${firstLine(error) || "no CAP_SYS_ADMIN"})`;
  }
}

const noMount = mountRefused();
if (noMount) console.warn(`storage tests on real disks skipped: ${noMount}`);

/** Writes one file until the disk has no block left; returns the file, whose removal gives the room back. */
function fillDisk(dir: string): string {
  const file = join(dir, "filler");
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(1 << 20, 1);
  let size = chunk.length;
  try {
    while (size >= 1) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch (error) {
        if (!(error instanceof Error && "code" in error && error.code === "ENOSPC")) throw error;
        size >>= 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  expect(statfsSync(dir).bavail).toBe(0);
  return file;
}

// ── npm start, as a child process ──────────────────────────────────────

/** `npm start`'s entry point in its own process group, run until it exits (or for at most 20 s). */
function runMain(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output } = spawnServer(dataDir);
  return new Promise((done) => {
    // A server that starts anyway never exits: kill it, and the test sees no exit code.
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 20_000);
    child.once("close", (code: number | null) => {
      clearTimeout(timer);
      done({ code, ...output() });
    });
  });
}

async function expectRefusal(dataDir: string, why: RegExp): Promise<void> {
  const { code, stdout, stderr } = await runMain(dataDir);
  expect(code, `stdout: ${stdout}\nstderr: ${stderr}`).not.toBeNull();
  expect(code).not.toBe(0);
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toContain(dataDir);
  expect(lines[0]).toMatch(why);
  expect(stdout).not.toContain("is running");
}

describe("a data folder that cannot be written at start", () => {
  afterEach(unmountAll);

  it("is a file, not a folder: one line and a non-zero exit", async () => {
    const file = join(scratchDir("group-exam-file-"), "data");
    writeFileSync(file, "not a folder\n");
    await expectRefusal(file, /is a file, not a folder/);
    expect(readFileSync(file, "utf8")).toBe("not a folder\n");
  });

  it.skipIf(noMount !== null)("is on a read-only disk, empty or with a session in it", async () => {
    const disk = mountTmpfs(4);
    // A database from an earlier class, then the disk goes read-only (nothing holds it open now).
    const store = openSqliteStore(join(disk, "old"));
    await store.createSession(
      { id: "s1", code: "ABCDEF", createdAt: 1, teacherTokenHash: "t", projectorTokenHash: "p" },
      createdEvent(SessionConfig.parse({ exam: "independent", scheme: { name: "global" } }), 1, "ABCDEF"),
    );
    await store.close();
    mkdirSync(join(disk, "empty"));
    remount(disk, "ro");
    await expectRefusal(disk, /read-only disk/);
    await expectRefusal(join(disk, "empty"), /read-only disk/);
    await expectRefusal(join(disk, "not", "made", "yet"), /read-only disk/);
    await expectRefusal(join(disk, "old"), /read-only disk/);
  });

  it.skipIf(!existsSync("/proc/self"))(
    "is refused, not looped on, where folders cannot be made (/proc)",
    () => {
      // Node's recursive mkdir spins for ever under /proc; the check makes one folder at a time.
      expect(checkDataDir("/proc/group-exam/data")).toMatch(
        /^Group Exam cannot write its data folder \/proc/,
      );
    },
  );

  it.skipIf(noMount !== null)("is on a full disk", async () => {
    const disk = mountTmpfs(2);
    fillDisk(disk);
    await expectRefusal(join(disk, "data"), /disk is full/);
  });
});

// ── a disk that fails mid-session ──────────────────────────────────────

/**
 * An ext4 disk that turns read-only mid-use, as ext4 does by itself on an error (errors=remount-ro): the
 * kernel's trigger_fs_error knob raises such an error on demand. Null when this machine cannot; else why.
 */
function ext4Refused(): string | null {
  if (noMount) return noMount;
  if (!existsSync("/dev/loop-control")) return "no loop devices here";
  try {
    const knob = existsSync(mountExt4().knob);
    unmountAll();
    return knob ? null : "this kernel has no ext4 trigger_fs_error";
  } catch (error) {
    return `an ext4 disk cannot be made here (${firstLine(error)})`;
  }
}

interface Ext4Disk {
  readonly dir: string;
  readonly image: string;
  /** Writing to it makes the kernel find an "error" on the disk and remount it read-only. */
  readonly knob: string;
}

function mountExt4(image = join(scratchDir("group-exam-image-"), "disk.img")): Ext4Disk {
  const dir = mkdtempSync(join(tmpdir(), "group-exam-ext4-"));
  if (!existsSync(image)) {
    writeFileSync(image, "");
    execFileSync("truncate", ["-s", "32M", image]);
    execFileSync("mkfs.ext4", ["-q", "-F", image], { stdio: "pipe" });
  }
  execFileSync("mount", ["-o", "loop,errors=remount-ro", image, dir], { stdio: "pipe" });
  mounted.push(dir);
  const device = execFileSync("findmnt", ["-n", "-o", "SOURCE", dir]).toString().trim();
  return { dir, image, knob: `/sys/fs/ext4/${device.replace("/dev/", "")}/trigger_fs_error` };
}

/** What an operator does for a disk that went read-only on an error: unmount, check, mount again. */
function repairExt4(disk: Ext4Disk): Ext4Disk {
  unmountAll();
  try {
    execFileSync("e2fsck", ["-f", "-y", disk.image], { stdio: "pipe" });
  } catch (error) {
    // 1: errors found and corrected (the error the test raised is one).
    if (!(error instanceof Error && "status" in error && error.status === 1)) throw error;
  }
  return mountExt4(disk.image);
}

const noExt4 = ext4Refused();
if (noExt4 && !noMount) console.warn(`the read-only-mid-session test skipped: ${noExt4}`);

const noShm = (dataDir: string): void => expect(readdirSync(dataDir)).not.toContain("group-exam.sqlite-shm");

interface Before {
  readonly created: Created;
  readonly seats: { readonly ana: number; readonly ben: number };
  readonly events: LoggedEvent[];
  readonly clients: readonly Participant[];
}

/** A class in round 1 with two students whose levels the teacher has seen (so they are on disk). */
async function classInRound(server: TestServer): Promise<Before> {
  const created = await createSession(server, {
    exam: "independent",
    scheme: { name: "global" },
    maxStudents: 3,
    roundSeconds: 600,
    endAtCriterion: false,
  });
  const teacher = await joinStaff(server, created);
  const ana = await joinStudent(server, created, "ana", "key-ana-storage");
  const ben = await joinStudent(server, created, "ben", "key-ben-storage");
  teacher.room.send("start", {});
  await waitFor(() => ana.you.some((y) => y.round === 1 && y.seated), "round 1");
  await waitFor(() => ben.you.some((y) => y.round === 1 && y.seated), "round 1 for ben");
  const seats = { ana: ana.you[ana.you.length - 1].seat, ben: ben.you[ben.you.length - 1].seat };
  // What the teacher sees is on disk: the room shows nothing before its event is written.
  ana.room.send("level", { round: 1, level: 0.42 });
  ben.room.send("level", { round: 1, level: 0.17 });
  const roster = () => teacher.room.state.staff?.roster;
  await waitFor(
    () =>
      roster()?.get(String(seats.ana))?.level === 0.42 && roster()?.get(String(seats.ben))?.level === 0.17,
    "the levels to show",
  );
  const events = await api<LoggedEvent[]>(server, `/sessions/${created.id}/events`, created.teacherToken);
  noShm(server.dataDir);
  return { created, seats, events: events.body, clients: [teacher, ana, ben] };
}

/**
 * The next write fails: every client hears why and is let go; the process answers, the code is "not now".
 * Returns the error the server logged.
 */
async function expectClosedForStorage(server: TestServer, before: Before, error: RegExp): Promise<string> {
  const [teacher, ana] = before.clients;
  // Colyseus prints what a room throws, stack and all, unless it is a ServerError: none of that here.
  const printed = vi.spyOn(console, "error");
  const left: number[] = [];
  for (const p of before.clients) p.room.onLeave((code) => left.push(code));
  ana.room.send("level", { round: 1, level: 0.9 });
  await waitFor(() => left.length === before.clients.length, "every client to be disconnected");
  for (const p of before.clients)
    expect(p.other.find((m) => m.type === "closing")?.message).toEqual({
      reason: "storage",
      message: CLOSING_WORDS.storage,
    });
  // 4001: the pages' "server shutdown", after which they look the room up again.
  expect(left).toEqual([4001, 4001, 4001]);
  expect(teacher.room.connection.isOpen).toBe(false);
  const failure = String(server.logs.find((l) => l.message.includes("could not be written"))?.data?.error);
  expect(failure).toMatch(error);
  noShm(server.dataDir);

  expect((await api(server, "/status")).status).toBe(200);
  for (let i = 0; i < 3; i++) {
    const refused = await fetch(`${server.http}/api/join/${before.created.code}`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/right now/) });
  }
  expect((await api(server, "/status")).status).toBe(200);
  expect(server.logs.filter((l) => l.message.includes("uncaught"))).toEqual([]);
  expect(printed.mock.calls.map((c) => String(c[0]))).toEqual([]);
  printed.mockRestore();
  return failure;
}

/** The code finds the room again; each student's browser key brings it back to its seat and its level. */
async function expectResumed(server: TestServer, before: Before): Promise<number> {
  const { created } = before;
  const from = Date.now();
  let roomId = "";
  let asking = false;
  await waitFor(
    () => {
      if (!asking) {
        asking = true;
        void fetch(`${server.http}/api/join/${created.code}`).then(async (r) => {
          const body: unknown = await r.json();
          if (r.status === 200 && typeof body === "object" && body && "roomId" in body)
            roomId = String(body.roomId);
          asking = false;
        });
      }
      return roomId !== "";
    },
    "the room to come back",
    20_000,
  );
  const ms = Date.now() - from;
  const again: Created = { ...created, roomId };
  const ana = await joinStudent(server, again, "ana", "key-ana-storage");
  const ben = await joinStudent(server, again, "ben", "key-ben-storage");
  await waitFor(() => ana.you.length > 0 && ben.you.length > 0, "the students' status");
  expect(ana.you[ana.you.length - 1]).toMatchObject({ seat: before.seats.ana, level: 0.42, round: 1 });
  expect(ben.you[ben.you.length - 1]).toMatchObject({ seat: before.seats.ben, level: 0.17, round: 1 });

  const after = await api<LoggedEvent[]>(server, `/sessions/${created.id}/events`, created.teacherToken);
  expect(after.body.slice(0, before.events.length)).toEqual(before.events);
  expect(after.body.map((e) => e.seq)).toEqual(after.body.map((_, i) => i + 1));
  expect((await api(server, `/sessions/${created.id}/replay`, created.teacherToken)).body).toMatchObject({
    ok: true,
  });
  noShm(server.dataDir);
  for (const p of [ana, ben]) await p.room.leave();
  return ms;
}

describe("a disk that fails mid-session", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
    unmountAll();
  });
  it.skipIf(noMount !== null)(
    "fills up: the room closes with a true message, and resumes every seat once there is room again",
    async () => {
      const disk = mountTmpfs(20);
      const server = await startTestServer({ dataDir: join(disk, "data") });
      servers.push(server);
      const before = await classInRound(server);
      const filler = fillDisk(disk);
      const error = await expectClosedForStorage(server, before, /full/);
      rmSync(filler);
      const ms = await expectResumed(server, before);
      console.info(
        `full disk: the write failed with "${error}"; the room was back ${ms} ms after there was room`,
      );

      // What the live server acknowledged after the fault is in the file, not only in its memory.
      const live = await api<LoggedEvent[]>(
        server,
        `/sessions/${before.created.id}/events`,
        before.created.teacherToken,
      );
      await server.close();
      servers.splice(0);
      const store = openSqliteStore(server.dataDir);
      // A prefix: students still leaving as the server closes may add their leaves after the read.
      expect((await store.events(before.created.id)).slice(0, live.body.length)).toEqual(live.body);
      await store.close();
    },
  );

  it.skipIf(noExt4 !== null)(
    "turns read-only: the room closes with a true message, and resumes after the disk is checked and the server restarted",
    async () => {
      const disk = mountExt4();
      const dataDir = join(disk.dir, "data");
      const first = await startTestServer({ dataDir });
      servers.push(first);
      const before = await classInRound(first);
      writeFileSync(disk.knob, "group exam storage test\n");
      expect(() => writeFileSync(join(disk.dir, "probe"), "x")).toThrow(/EROFS/);
      const error = await expectClosedForStorage(first, before, /readonly|read-only|I\/O/);

      // ext4 refuses to go back to read-write after an error: the operator stops the server, checks the disk
      // and starts again; the session resumes from its log.
      await first.close();
      servers.splice(0);
      const fixed = repairExt4(disk);
      const second = await startTestServer({ dataDir: join(fixed.dir, "data") });
      servers.push(second);
      expect(second.app.resumed).toEqual([before.created.id]);
      const ms = await expectResumed(second, before);
      console.info(
        `read-only disk: the write failed with "${error}"; the room was back ${ms} ms after the restart`,
      );
    },
  );
});
