/**
 * The drift command line (server/cli/drift.ts): its flags, its notes worded from the curves they are given
 * ("drifted" only when the error above the floor rose again by the factor, or the weights blew up), and a
 * real run as a user starts it.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DRIFT_DEFAULTS,
  type DriftCurve,
  driftNotes,
  driftTable,
  parseDriftArgs,
} from "../../server/cli/driftReport.ts";

const script = resolve(import.meta.dirname, "..", "..", "server", "cli", "drift.ts");

const error = (argv: string[]): string => {
  const parsed = parseDriftArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(" ")}`);
  return parsed.error;
};

/** A curve from its lines (Infinity from the blow-up on), every 1000 rounds. */
function curve(excess: number[], blewUp: number | null = null): DriftCurve {
  const f = (v: number[]): Float64Array => Float64Array.from(v);
  return {
    learner: "node",
    key: "unreachable",
    trace: {
      floor: 0.09,
      round: f(excess.map((_, i) => i * 1000)),
      excess: f(excess),
      norm1: f(excess.map((e, i) => (Number.isFinite(e) ? 1 + i : Number.POSITIVE_INFINITY))),
      norm2: f(excess.map((e) => (Number.isFinite(e) ? 1 : Number.POSITIVE_INFINITY))),
      blewUp,
    },
  };
}

describe("drift.ts flags", () => {
  it("have the tested setting as defaults", () => {
    const parsed = parseDriftArgs([]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.setting).toEqual({ ...DRIFT_DEFAULTS });
    expect(parsed.json).toBe(false);
  });

  it("refuse bad values with a sentence naming the flag", () => {
    expect(error(["--rate", "0"])).toMatch(/--rate must be above 0/);
    expect(error(["--hidden", "two"])).toMatch(/--hidden must be a whole number/);
    expect(error(["--outputs", "5", "--inputs", "4"])).toMatch(/--outputs must be at most --inputs/);
    expect(error(["--rounds", "1000", "--every", "300"])).toMatch(/multiple of --every/);
  });
});

describe("drift.ts notes", () => {
  it("say drifted, with the lowest and the rise, only when the error rose again by 3× or more", () => {
    const [note] = driftNotes([curve([0.2, 0.01, 0.012, 0.04])]);
    expect(note).toMatch(
      /drifted: the error above the floor fell to 0\.01 by round 1000, then rose to 0\.04 by round 3000/,
    );
  });

  it("say settled, with the factor it stayed within, when the rise is smaller", () => {
    const [note] = driftNotes([curve([0.2, 0.01, 0.012, 0.025])]);
    expect(note).toMatch(
      /settled: the error above the floor fell to 0\.01 by round 1000 and stayed within 2\.5× of it/,
    );
    expect(note).not.toMatch(/drifted/);
  });

  it("say drifted when the weights blew up, naming the round", () => {
    const [note] = driftNotes([curve([0.2, 0.01, 0.012, Number.POSITIVE_INFINITY], 2500)]);
    expect(note).toMatch(
      /drifted: the error above the floor fell to 0\.01 by round 1000 and then the weights blew up at round 2500/,
    );
    expect(driftTable([curve([0.2, 0.01, Number.POSITIVE_INFINITY], 1500)])).toMatch(/blown up/);
  });
});

describe("drift.ts run", () => {
  it("prints the four curves as JSON, with a note per curve", () => {
    const run = spawnSync(process.execPath, [script, "--rounds", "4000", "--every", "1000", "--json"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.curves.map((c: { learner: string; key: string }) => `${c.learner} ${c.key}`)).toEqual([
      "node reachable",
      "node unreachable",
      "backprop reachable",
      "backprop unreachable",
    ]);
    expect(json.curves[1].floor).toBeCloseTo(0.09, 12);
    expect(json.curves[0].excess).toHaveLength(5);
    expect(json.notes).toHaveLength(4);
  });

  it("exits 2 on a bad flag and 0 on --help", () => {
    const bad = spawnSync(process.execPath, [script, "--seed", "x"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--seed must be a whole number/);
    const help = spawnSync(process.execPath, [script, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--hidden K/);
  });
});
