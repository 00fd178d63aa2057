/**
 * The comparison sentence on charts of real sessions: the session core folded with bots, as the room folds
 * it, then read at some round. Each estimate is checked against what the same session did when it played on.
 */
import { describe, expect, it } from "vitest";
import { roundsToCriterion } from "../../shared/engine/convergence.ts";
import type { SchemeConfig, SessionConfigInput } from "../../shared/protocol/session.ts";
import type { ChartPicture } from "../../shared/session/chart.ts";
import { aboutText, compareClasses, sideOutcome } from "../../shared/session/comparison.ts";
import { driver } from "./driver.ts";

const bots30 = (exam: SessionConfigInput["exam"], scheme: SchemeConfig): SessionConfigInput => ({
  exam,
  scheme,
  maxStudents: 5,
  bots: 30,
  maxRounds: 5000,
  endAtCriterion: false,
});

/** Plays `rounds` rounds of bots; `switches` maps a round to the scheme chosen just before it opens. */
function play(
  config: SessionConfigInput,
  rounds: number,
  seed: number,
  switches: Record<number, SchemeConfig> = {},
) {
  const d = driver(config, seed);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    const scheme = switches[round];
    if (scheme) d.emit({ type: "scheme", scheme });
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return d.state;
}

/** The chart as it stood after the first `rounds` rounds. */
const upTo = (chart: ChartPicture, rounds: number): ChartPicture => ({
  errors: chart.errors.slice(0, rounds),
  twinErrors: chart.twinErrors.slice(0, rounds),
  theory: chart.theory.slice(0, rounds),
  twinTheory: chart.twinTheory.slice(0, rounds),
  schemes: chart.schemes.slice(0, rounds),
});

const schemesOf = (state: ReturnType<typeof play>) =>
  [state.live.scheme.config, state.twin.scheme.config] as const;

describe("the comparison of the class and its twin", () => {
  it("is null before the first round closes", () => {
    const state = play(bots30("independent", { name: "vectorized" }), 0, 1);
    expect(compareClasses(state.chart, ...schemesOf(state))).toBeNull();
  });

  it("gives the rounds of the class that got there and the theory's estimate for the twin, which holds up", () => {
    for (const seed of [3, 4]) {
      const state = play(bots30("independent", { name: "vectorized" }), 800, seed);
      const early = compareClasses(upTo(state.chart, 10), ...schemesOf(state));
      if (!early) throw new Error("no comparison after 10 rounds");
      expect(early.live).toEqual({ reachedAt: 1, estimate: null, basis: "measured" });
      expect(early.twin.basis).toBe("theory");
      expect(early.sentence).toBe(
        `With personal signals the class reached 95 % in 1 round; the twin class with “Good job, everyone” needs about ${aboutText(early.twin.estimate ?? 0)} by the theory’s rate.`,
      );
      // The twin played on: the estimate from its first ten rounds is within a quarter of what it took.
      const actual = roundsToCriterion(state.chart.twinErrors);
      if (actual === null) throw new Error("the twin never got there in 800 rounds");
      expect(actual).toBeGreaterThan(250);
      expect((early.twin.estimate ?? 0) / actual).toBeGreaterThan(0.75);
      expect((early.twin.estimate ?? 0) / actual).toBeLessThan(1.25);

      const late = compareClasses(state.chart, ...schemesOf(state));
      expect(late?.twin).toEqual({ reachedAt: actual, estimate: null, basis: "measured" });
      expect(late?.sentence).toBe(
        `With personal signals the class reached 95 % in 1 round; the twin class with “Good job, everyone” took ${actual}: ${actual} times as many.`,
      );
      expect(compareClasses(state.chart, ...schemesOf(state), { over: true })?.sentence).toBe(late?.sentence);
    }
  });

  it("leads with the twin when only the twin got there, and says what the class would have needed", () => {
    const state = play(bots30("independent", { name: "global" }), 12, 5);
    const c = compareClasses(state.chart, ...schemesOf(state));
    expect(c?.twin.reachedAt).toBe(1);
    expect(c?.live.basis).toBe("theory");
    expect(c?.live.estimate).toBeGreaterThan(250);
    expect(c?.sentence).toMatch(
      /^The twin class with personal signals reached 95 % in 1 round; this class, with “Good job, everyone”, needs about \d{3} by the theory’s rate\.$/,
    );
    expect(compareClasses(state.chart, ...schemesOf(state), { over: true })?.sentence).toMatch(
      /this class, with “Good job, everyone”, would have needed about \d{3}/,
    );
  });

  it("says a class without theory or trend has not got there, with no number (layered, twin under global)", () => {
    const state = play(bots30("layered", { name: "sign" }), 24, 1);
    const c = compareClasses(state.chart, ...schemesOf(state));
    const reached = roundsToCriterion(state.chart.errors);
    expect(reached).not.toBeNull();
    expect(c?.live.reachedAt).toBe(reached);
    expect(Number.isNaN(state.chart.twinTheory[23])).toBe(true);
    expect(c?.twin).toEqual({ reachedAt: null, estimate: null, basis: "none" });
    expect(c?.sentence).toBe(
      `With only the direction of each personal signal the class reached 95 % in ${reached} rounds; the twin class with “Good job, everyone” has not got there after 24 rounds.`,
    );
    expect(compareClasses(state.chart, ...schemesOf(state), { over: true })?.sentence).toMatch(
      /the twin class with “Good job, everyone” did not get there in 24 rounds\.$/,
    );
  });

  it("estimates both sides when neither got there: the trend for a scheme with no theory, the theory for the twin", () => {
    const state = play(bots30("independent", { name: "sign" }), 60, 2);
    const c = compareClasses(upTo(state.chart, 6), ...schemesOf(state));
    expect(c?.live.reachedAt).toBeNull();
    expect(c?.live.basis).toBe("trend");
    expect(c?.twin.basis).toBe("theory");
    expect(c?.sentence).toMatch(
      /^After 6 rounds neither class has reached 95 %: with only the direction of each personal signal the class needs about \d+ by its trend so far; the twin class with “Good job, everyone” about \d{3} by the theory’s rate\.$/,
    );
    // The trend's figure is honest about the class that then got there.
    const actual = roundsToCriterion(state.chart.errors) ?? Number.NaN;
    expect(Math.abs((c?.live.estimate ?? 0) - actual)).toBeLessThanOrEqual(actual * 0.5);
  });

  it("says it is too early when neither side has theory or enough rounds for a trend", () => {
    const state = play(bots30("layered", { name: "alignment" }), 2, 1);
    const c = compareClasses(state.chart, ...schemesOf(state));
    expect(c?.live.basis).toBe("none");
    expect(c?.twin.basis).toBe("none");
    expect(c?.sentence).toBe(
      "After 2 rounds neither the class with personal signals sent back through a random path nor the twin class with “Good job, everyone” has reached 95 %, and it is too early to say when.",
    );
    expect(compareClasses(state.chart, ...schemesOf(state), { over: true })?.sentence).toBe(
      "Neither the class with personal signals sent back through a random path nor the twin class with “Good job, everyone” reached 95 % in 2 rounds.",
    );
  });

  it("gives no figure for a class that stalls (half the class blocked), whose theory line levels off", () => {
    const state = play(bots30("independent", { name: "blocked", blockedFraction: 0.5 }), 30, 3);
    expect(state.chart.theory[29]).toBeGreaterThan(0);
    expect(state.chart.theory[29]).toBe(state.chart.theory[28]);
    expect(sideOutcome(state.chart.errors, state.chart.theory, state.chart.schemes)).toEqual({
      reachedAt: null,
      estimate: null,
      basis: "none",
    });
  });

  it("says when the scheme was switched mid-session, and counts both classes from round 1", () => {
    const state = play(bots30("independent", { name: "global" }), 12, 3, { 6: { name: "vectorized" } });
    expect(state.chart.schemes.slice(4, 7)).toEqual(["global", "vectorized", "vectorized"]);
    const c = compareClasses(state.chart, ...schemesOf(state));
    const reached = roundsToCriterion(state.chart.errors);
    expect(reached).toBeGreaterThanOrEqual(6);
    expect(c?.switches).toEqual([6]);
    expect(c?.live.reachedAt).toBe(reached);
    expect(c?.twin.reachedAt).toBe(1);
    expect(c?.sentence).toBe(
      `The scheme was switched in round 6, from “Good job, everyone” to personal signals, and the twin class switched the other way. Counting from round 1, the class reached 95 % in ${reached} rounds; the twin class took only 1.`,
    );

    const twice = play(bots30("independent", { name: "sign" }), 9, 3, {
      3: { name: "global" },
      7: { name: "teams", teamSize: 5 },
    });
    expect(compareClasses(twice.chart, ...schemesOf(twice))?.sentence).toMatch(
      /^The scheme was switched in rounds 3 and 7; it is now one “Good job” per table of 5\. Counting from round 1, /,
    );
  });

  it("rounds estimates as people say them", () => {
    expect([7, 99, 100, 358, 1234, 98765].map(aboutText)).toEqual([
      "7",
      "99",
      "100",
      "360",
      "1,200",
      "99,000",
    ]);
  });
});
