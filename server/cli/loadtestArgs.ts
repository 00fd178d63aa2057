/** The load test's command line: checked flags, and a refusal to load anything but this machine. */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { MAX_SEATS } from "../../shared/protocol/session.ts";
import { FlagError, wholeNumber } from "./flags.ts";

export const USAGE = `Usage: npm run loadtest -- --students N --rounds R [flags]

Makes R rooms (sessions) of N student clients each (and a teacher each), plays the rounds, and prints per
round: the time from the round's close to the clients' feedback (p50, p99, max, over every room), the bytes
each student client received, and each server process's CPU and memory; at the end, whether p99 was under
250 ms.

  --students N         student clients per room, 1 to ${MAX_SEATS} (required)
  --rounds R           rounds to measure, 1 to 1000 (required)
  --rooms K            rooms of N students each, 1 to 200 (default 1)
  --url URL            a running server (default http://127.0.0.1:2567); must be loopback unless --allow-remote
  --servers URL,URL    the processes of a running cluster: rooms are created on them in turn, students join
                       through any of them
  --processes P        start P server processes here, 1 to 8, and stop them at the end: with P ≥ 2 (or
                       --cluster) a throwaway redis-server and PostgreSQL are started too; P = 1 alone is one
                       process on SQLite
  --cluster            with --processes 1: a cluster of one (Redis and PostgreSQL), not SQLite
  --kill-after S       with --processes ≥ 2: S seconds into play, SIGKILL the process holding the most rooms,
                       and time how long its students take to get back into their seats on a live one
  --lookup-first       with --kill-after: clients come back by the code's lookup first, not by their room
                       id first as a page does (that join waits for Colyseus to give up on the dead process)
  --round-seconds S    length of a round, 2 to 600 (default 3)
  --join-batch B       joins in flight at once, 1 to 500 (default 50)
  --allow-remote       allow a --url or --servers that is not a loopback address
  --json               print the figures as JSON
  --help               this text`;

export interface Options {
  readonly students: number;
  readonly rounds: number;
  readonly rooms: number;
  /** The processes to load: given (--url, --servers), or none when `processes` says to start them. */
  readonly servers: readonly string[];
  /** Processes to start here (0: use `servers`). */
  readonly processes: number;
  /** Whether started processes form a cluster (Redis + PostgreSQL) rather than one on SQLite. */
  readonly cluster: boolean;
  /** Seconds into play at which to SIGKILL the busiest process; null: never. */
  readonly killAfter: number | null;
  /** Come back by the code's lookup first (see loadtestComeBack.ts). */
  readonly lookupFirst: boolean;
  readonly roundSeconds: number;
  readonly joinBatch: number;
  readonly json: boolean;
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

/** A server's root URL, checked: http(s), no path, loopback unless allowed. */
function serverUrl(flag: string, raw: string, allowRemote: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FlagError(`--${flag} is not a URL: "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FlagError(`--${flag} must be an http:// or https:// URL, not "${raw}"`);
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw new FlagError(`--${flag} must be the server's root, like http://127.0.0.1:2567, not "${raw}"`);
  if (!isLoopback(url.hostname) && !allowRemote)
    throw new FlagError(
      `refusing to load-test ${url.hostname}: it is not a loopback address (127.x.x.x, ::1, localhost). ` +
        "Pass --allow-remote if you really mean to load a server on another machine.",
    );
  return url.origin;
}

export function parseOptions(argv: readonly string[]): Options | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        students: { type: "string" },
        rounds: { type: "string" },
        rooms: { type: "string" },
        url: { type: "string" },
        servers: { type: "string" },
        processes: { type: "string" },
        cluster: { type: "boolean" },
        "kill-after": { type: "string" },
        "lookup-first": { type: "boolean" },
        "round-seconds": { type: "string" },
        "join-batch": { type: "string" },
        "allow-remote": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    throw new FlagError((e as Error).message);
  }
  if (values.help) return "help";
  const str = (k: string): string | undefined => {
    const v = values[k];
    return typeof v === "string" ? v : undefined;
  };
  const students = wholeNumber("students", str("students"), { min: 1, max: MAX_SEATS });
  const rounds = wholeNumber("rounds", str("rounds"), { min: 1, max: 1000 });
  const rooms = wholeNumber("rooms", str("rooms"), { fallback: 1, min: 1, max: 200 });
  const roundSeconds = wholeNumber("round-seconds", str("round-seconds"), { fallback: 3, min: 2, max: 600 });
  const joinBatch = wholeNumber("join-batch", str("join-batch"), { fallback: 50, min: 1, max: 500 });
  const processes = wholeNumber("processes", str("processes"), { fallback: 0, min: 1, max: 8 });
  const given = [str("url") !== undefined, str("servers") !== undefined, str("processes") !== undefined];
  if (given.filter(Boolean).length > 1)
    throw new FlagError("give one of --url, --servers and --processes, not several");
  const cluster = values.cluster === true;
  if (cluster && processes === 0) throw new FlagError("--cluster goes with --processes");
  const killRaw = str("kill-after");
  const killAfter = killRaw === undefined ? null : wholeNumber("kill-after", killRaw, { min: 1, max: 3600 });
  if (killAfter !== null && processes < 2)
    throw new FlagError("--kill-after needs --processes 2 or more: a session moves only within a cluster");
  const allowRemote = values["allow-remote"] === true;
  // Each process once: a process named twice would count its CPU twice.
  const servers =
    processes > 0
      ? []
      : [
          ...new Set(
            (str("servers") ?? str("url") ?? "http://127.0.0.1:2567")
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => serverUrl(str("servers") !== undefined ? "servers" : "url", s, allowRemote)),
          ),
        ];
  if (processes === 0 && servers.length === 0) throw new FlagError("--servers names no server");
  return {
    students,
    rounds,
    rooms,
    servers,
    processes,
    cluster: cluster || processes >= 2,
    killAfter,
    lookupFirst: values["lookup-first"] === true,
    roundSeconds,
    joinBatch,
    json: values.json === true,
  };
}
