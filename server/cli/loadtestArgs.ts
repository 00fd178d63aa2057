/** The load test's command line: checked flags, and a refusal to load anything but this machine. */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { MAX_SEATS } from "../../shared/protocol/session.ts";
import { FlagError, wholeNumber } from "./flags.ts";

export const USAGE = `Usage: npm run loadtest -- --students N --rounds R [flags]

Joins N student clients (and the teacher) to a new session on a running server, plays R rounds, and prints
per round: the time from the round's close to the clients' feedback (p50, p99, max), the bytes each student
client received, and the server's CPU and memory.

  --students N         student clients, 1 to ${MAX_SEATS} (required)
  --rounds R           rounds to measure, 1 to 1000 (required)
  --url URL            the server (default http://127.0.0.1:2567); must be loopback unless --allow-remote
  --round-seconds S    length of a round, 2 to 600 (default 3)
  --join-batch B       joins in flight at once, 1 to 500 (default 50)
  --allow-remote       allow a --url that is not a loopback address
  --json               print the figures as JSON
  --help               this text`;

export interface Options {
  readonly students: number;
  readonly rounds: number;
  readonly base: string;
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
        url: { type: "string" },
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
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const students = wholeNumber("students", str("students"), { min: 1, max: MAX_SEATS });
  const rounds = wholeNumber("rounds", str("rounds"), { min: 1, max: 1000 });
  const roundSeconds = wholeNumber("round-seconds", str("round-seconds"), { fallback: 3, min: 2, max: 600 });
  const joinBatch = wholeNumber("join-batch", str("join-batch"), { fallback: 50, min: 1, max: 500 });
  const raw = str("url") ?? "http://127.0.0.1:2567";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FlagError(`--url is not a URL: "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FlagError(`--url must be an http:// or https:// URL, not "${raw}"`);
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw new FlagError(`--url must be the server's root, like http://127.0.0.1:2567, not "${raw}"`);
  if (!isLoopback(url.hostname) && !values["allow-remote"])
    throw new FlagError(
      `refusing to load-test ${url.hostname}: it is not a loopback address (127.x.x.x, ::1, localhost). ` +
        "Pass --allow-remote if you really mean to load a server on another machine.",
    );
  return { students, rounds, base: url.origin, roundSeconds, joinBatch, json: values.json === true };
}
