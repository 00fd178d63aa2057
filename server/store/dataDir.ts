/**
 * Before the server opens its database it checks that the data folder can really be written: the folder
 * (made if missing), a small file written, synced and removed in it, and the database files opened for
 * writing. A server that cannot write cannot keep a class's log, so it should not start; and an operator
 * needs one sentence saying which folder and what to do, not a stack trace.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";

export const DATABASE_FILE = "group-exam.sqlite";

/** What to do, by the system's error code. */
function because(code: string | undefined): string {
  switch (code) {
    case "EROFS":
      return "it is on a read-only disk. Remount the disk read-write, or point DATA_DIR at a writable folder";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full. Free some space, or point DATA_DIR at a folder on another disk";
    case "EACCES":
    case "EPERM":
      return "this user may not write there. Give it write access, or point DATA_DIR at a folder it owns";
    case "ENOTDIR":
    case "EEXIST":
      return "part of that path is a file, not a folder. Point DATA_DIR at a folder (it is made if missing)";
    default:
      return `it cannot be made or written there (${code ?? "unknown error"}). Point DATA_DIR at a writable folder`;
  }
}

const sentence = (dir: string, why: string): string =>
  `Group Exam cannot write its data folder ${dir}: ${why}.`;

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;

/**
 * Makes the missing folders one level at a time. `mkdirSync(dir, { recursive: true })` would do it in one
 * call, but under some paths (/proc) Node's recursive mkdir loops for ever instead of failing.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw Object.assign(new Error(`${at} is a file`), { code: "ENOTDIR" });
      break;
    } catch (error) {
      if (codeOf(error) !== "ENOENT" || dirname(at) === at) throw error;
      missing.unshift(at);
      at = dirname(at);
    }
  }
  for (const folder of missing) mkdirSync(folder);
}

/** Writes, syncs and removes a small file: what the database will do, in miniature. */
function probe(dir: string): void {
  const file = join(dir, `.write-check-${process.pid}`);
  const fd = openSync(file, "wx");
  try {
    writeSync(fd, "group exam write check\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    unlinkSync(file);
  }
}

/** Null when `dir` is a folder this process can write its database in; else the one sentence to print. */
export function checkDataDir(dir: string): string | null {
  try {
    const found = statSync(dir, { throwIfNoEntry: false });
    if (found && !found.isDirectory())
      return sentence(dir, "it is a file, not a folder. Point DATA_DIR at a folder (it is made if missing)");
    makeFolders(dir);
    probe(dir);
    // The folder may be writable while the database in it is not (a file copied in read-only).
    for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
      const path = join(dir, file);
      if (statSync(path, { throwIfNoEntry: false })) closeSync(openSync(path, "r+"));
    }
    return null;
  } catch (error) {
    return sentence(dir, because(codeOf(error)));
  }
}
