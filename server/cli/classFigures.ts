/**
 * `npm run figures:class [-- --seeds N]`: classes of people and bots played over real WebSockets against a
 * server of its own (a temporary data folder, a free loopback port), the teacher moving on after each round,
 * and the figures a classroom cares about, as the mean (min–max) over seeds:
 *
 * 1. 10 students with a person's hand who follow what they hear, and 20 bots, under personal signals and
 *    under "Good job, everyone": rounds to 90 % of the way for the class and for its twin (30 bots playing
 *    like people under the other scheme).
 * 2. A mixed class: 40 "Good job" bots and 5 students who jump to a random level every round, 30 rounds:
 *    the class score after round 1 and after round 30, and the share of bots pinned at 0 or 1.
 *
 * Rounds are counted as the engine counts them (rounds after the first); "never" means not within the
 * rounds played.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLASS_CRITERION, criterionError } from "../../shared/engine/convergence.ts";
import type { SchemeConfig } from "../../shared/protocol/session.ts";
import { startApp } from "../app.ts";
import { memoryCreationLimits } from "../http/creationLimits.ts";
import { createJoinLimits, memoryJoinLimitStores } from "../rooms/joinLimits.ts";
import { type ClassRun, playClass } from "./classPlay.ts";
import { person } from "./people.ts";

const { values } = parseArgs({ options: { seeds: { type: "string", default: "5" } } });
const seeds = Math.max(1, Math.min(50, Number.parseInt(values.seeds ?? "5", 10) || 5));

const reached = (errors: readonly number[], start: number): number | null => {
  const goal = criterionError(start, CLASS_CRITERION);
  const r = errors.findIndex((e) => e <= goal);
  return r < 0 ? null : r;
};

function summary(values: readonly (number | null)[], horizon: number): string {
  const got = values.filter((v): v is number => v !== null);
  if (got.length === 0) return `never in ${horizon}`;
  const mean = got.reduce((a, b) => a + b, 0) / got.length;
  const range = `${Math.min(...got)}–${Math.max(...got)}`;
  const missed = values.length - got.length;
  return `${mean.toFixed(1)} (${range})${missed ? `, ${missed} of ${values.length} never in ${horizon}` : ""}`;
}

const dataDir = mkdtempSync(join(tmpdir(), "group-exam-figures-"));
// Every simulated student joins from this machine: one address, far past what one classroom's router sends.
const app = await startApp({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  log: () => {},
  joinLimits: createJoinLimits(memoryJoinLimitStores({ addressSeats: 1_000_000, keyJoins: 1_000_000 })),
  creation: memoryCreationLimits({ perAddress: 1_000_000, total: 1_000_000 }),
});
const http = `http://127.0.0.1:${app.port}`;
try {
  console.log(`Group Exam, classes over WebSockets (${seeds} seeds each; criterion: 90 % of the way).\n`);
  for (const [scheme, horizon] of [
    [{ name: "vectorized" }, 30],
    [{ name: "global" }, 400],
  ] as [SchemeConfig, number][]) {
    const runs: ClassRun[] = [];
    for (let s = 1; s <= seeds; s++)
      runs.push(
        await playClass(
          http,
          { exam: "independent", scheme, bots: 20, roundSeconds: 600, seed: 1000 + s, endAtCriterion: false },
          Array.from({ length: 10 }, (_, k) => person("follower", s * 100 + k)),
          horizon,
        ),
      );
    const live = runs.map((r) => reached(r.errors, r.errors[0]));
    const twin = runs.map((r) => reached(r.twinErrors, r.twinErrors[0]));
    const twinName = scheme.name === "global" ? "personal signals" : "“Good job”";
    console.log(
      `10 students and 20 bots, ${scheme.name === "global" ? "“Good job, everyone”" : "personal signals"}:`,
    );
    console.log(`  rounds to 90 %, the class:              ${summary(live, horizon)}`);
    console.log(`  rounds to 90 %, its twin (${twinName}): ${summary(twin, horizon)}`);
  }
  const mixed: ClassRun[] = [];
  for (let s = 1; s <= seeds; s++)
    mixed.push(
      await playClass(
        http,
        {
          exam: "independent",
          scheme: { name: "global" },
          bots: 40,
          roundSeconds: 600,
          seed: 2000 + s,
          endAtCriterion: false,
        },
        Array.from({ length: 5 }, (_, k) => person("jumper", s * 100 + k)),
        30,
      ),
    );
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mixed.map((r) => r.scores[0]);
  const last = mixed.map((r) => r.scores[29]);
  const pinned = mixed.map((r) => r.botLevels.filter((l) => l <= 0 || l >= 1).length / r.botLevels.length);
  console.log("\n40 “Good job” bots and 5 students jumping to a random level every round, 30 rounds:");
  console.log(
    `  class score after round 1:  ${mean(first).toFixed(1)} (${first.map((v) => v.toFixed(0)).join(", ")})`,
  );
  console.log(
    `  class score after round 30: ${mean(last).toFixed(1)} (${last.map((v) => v.toFixed(0)).join(", ")})`,
  );
  console.log(`  bots pinned at 0 or 1:      ${(100 * Math.max(...pinned)).toFixed(0)} % at most`);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
