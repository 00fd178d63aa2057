/**
 * How long an append takes in each home of the store: a batch of 30 events (about what a round's close
 * writes for a class of 30: submissions, the close), appended one batch after another by one writer, the
 * time from call to durable. Prints p50 and p99 for SQLite (a temporary folder) and for a throwaway
 * PostgreSQL on this machine (skipped, with the reason, when it has none). Figures, not assertions.
 *
 *   node --disable-warning=ExperimentalWarning server/cli/storeBench.ts [batches]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SessionConfig } from "../../shared/protocol/session.ts";
import type { SessionEvent } from "../../shared/session/events.ts";
import { createdEvent } from "../../shared/session/session.ts";
import { openPgStore } from "../store/pgStore.ts";
import { openSqliteStore } from "../store/sqliteStore.ts";
import type { SessionStore } from "../store/store.ts";
import { createDatabase, startPostgres } from "./postgresProcess.ts";

const BATCH = 30;
const batches = Number(process.argv[2] ?? 300);

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Appends `batches` batches to one session; the milliseconds each took, sorted. */
async function measure(store: SessionStore): Promise<number[]> {
  const config = SessionConfig.parse({ exam: "independent", scheme: { name: "global" } });
  await store.createSession(
    { id: "bench", code: "BENCH", createdAt: Date.now(), teacherTokenHash: "t", projectorTokenHash: "p" },
    createdEvent(config, 1, "BENCH"),
  );
  const claim = await store.claim("bench", "bench-writer");
  if (!claim) throw new Error("the bench could not claim its own session");
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: BATCH }, (_, seat): { at: number; event: SessionEvent } => ({
      at: Date.now(),
      event: { type: "submitted", round: b + 1, seat, level: Math.random(), final: true },
    }));
    const started = performance.now();
    await store.append(claim, events);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const line = (home: string, times: readonly number[]): string =>
  `${home.padEnd(11)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(times, 99)
    .toFixed(2)
    .padStart(7)} ms   (${times.length} batches of ${BATCH} events, fsync on)`;

console.log(`append latency, one writer, ${BATCH}-event batches:`);
const dir = mkdtempSync(join(tmpdir(), "group-exam-bench-"));
try {
  const sqlite = openSqliteStore(dir);
  try {
    console.log(line("SQLite", await measure(sqlite)));
  } finally {
    await sqlite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const server = await startPostgres();
if ("skipped" in server) console.log(`PostgreSQL  ${server.skipped}`);
else
  try {
    const store = await openPgStore(await createDatabase(server.url, "bench"), { log: () => undefined });
    try {
      console.log(line("PostgreSQL", await measure(store)));
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
