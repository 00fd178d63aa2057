/**
 * The comparison of schemes on charts of real sessions (the session core folded with bots, as the room folds
 * it), and on hand-made charts where the arithmetic must come out exactly. It is told by scheme: a switch
 * never moves the credit for past rounds to the scheme played after them.
 */
import { describe, expect, it } from "vitest";
import { CLASS_CRITERION, criterionError } from "../../shared/engine/convergence.ts";
import type { SchemeConfig, SessionConfigInput } from "../../shared/protocol/session.ts";
import type { ChartPicture } from "../../shared/session/chart.ts";
import {
  aboutText,
  compareClasses,
  percentText,
  stretchesOf,
  timesText,
} from "../../shared/session/comparison.ts";
import { driver } from "./driver.ts";

const bots30 = (scheme: SchemeConfig): SessionConfigInput => ({
  exam: "independent",
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

const GLOBAL: SchemeConfig = { name: "global" };
const VECTORIZED: SchemeConfig = { name: "vectorized" };

/** A hand-made chart: distances per round (the errors are their squares). */
function chart(live: number[], twin: number[], schemes: string[], twinSchemes: string[]): ChartPicture {
  const sq = (d: number[]) => d.map((x) => x * x);
  const nan = live.map(() => Number.NaN);
  return { errors: sq(live), twinErrors: sq(twin), theory: nan, twinTheory: nan, schemes, twinSchemes };
}

describe("the comparison of schemes", () => {
  it("is null before the first round closes", () => {
    expect(compareClasses(chart([], [], [], []))).toBeNull();
  });

  it("measures each scheme's cut per round and the ratio of their paces on a hand-made chart", () => {
    // Live: "Good job" shrinks the distance 10 % a round; twin: personal signals, 91 % in two rounds.
    const c = compareClasses(
      chart(
        [1, 0.9, 0.81, 0.729],
        [1, 0.3, 0.09, 0.09],
        ["global", "global", "global", "global"],
        ["vectorized", "vectorized", "vectorized", "vectorized"],
      ),
    );
    if (!c) throw new Error("no comparison");
    expect(c.paces.map((p) => p.scheme)).toEqual(["vectorized", "global"]);
    // The twin got 90 % of the way in round 3: its pace counts those two rounds, not the rounds at its floor.
    expect(c.paces[0].rounds).toBe(2);
    expect(c.paces[0].cutPerRound).toBeCloseTo(0.7, 12);
    expect(c.paces[1].rounds).toBe(3);
    expect(c.paces[1].cutPerRound).toBeCloseTo(0.1, 12);
    expect(c.speedup).toBeCloseTo(Math.log(1 / 0.3) / Math.log(1 / 0.9), 9);
    expect(c.quick).toEqual([]);
    expect(c.first.twin.reachedAt).toBe(2);
    expect(c.first.live.reachedAt).toBeNull();
    // From 0.729 to 0.1 at 10 % a round: ln(7.29) / ln(1/0.9) = 18.9, so 19 more rounds.
    expect(c.first.live.moreAtPace).toBe(19);
    expect(c.sentence).toBe(
      "Per round the distance to the key shrank by 70 % with personal signals and by 10 % with “Good job, everyone”: about 11 times as fast. " +
        "To get 90 % of the way: with personal signals the twin class took 2 rounds from the start; with “Good job, everyone” this class has not got there in 4 rounds from the start (at its pace, about 19 more).",
    );
    expect(c.headline).toBe(
      "Per round the distance to the key shrank by 70 % with personal signals and by 10 % with “Good job, everyone”: about 11 times as fast.",
    );
  });

  it("credits every round to the scheme it was played under, before and after a switch", () => {
    // Rounds 1–3: class "Good job", twin personal; rounds 4–6 the other way round. Round 4's error still
    // shows moves made on round 3's "Good job"; round 4's personal signals move the class in round 5.
    const c = compareClasses(
      chart(
        [1, 0.95, 0.92, 0.9, 0.2, 0.05],
        [1, 0.09, 0.09, 0.09, 0.09, 0.09],
        ["global", "global", "global", "vectorized", "vectorized", "vectorized"],
        ["vectorized", "vectorized", "vectorized", "global", "global", "global"],
      ),
      { live: VECTORIZED, twin: GLOBAL },
    );
    if (!c) throw new Error("no comparison");
    expect(c.switches).toEqual([4]);
    expect(c.stretches.map((s) => [s.side, s.scheme, s.from, s.to])).toEqual([
      ["live", "global", 0, 2],
      ["live", "vectorized", 3, 5],
      ["twin", "vectorized", 0, 2],
      ["twin", "global", 3, 5],
    ]);
    // The twin's "Good job" rounds start at the key already: they say nothing of "Good job" and are left out.
    expect(c.stretches[3].rounds).toBe(0);
    // Personal signals: the twin's one round (1 → 0.09) is no pace; the class's rounds 4–5 (0.9 → 0.05) are.
    const personal = c.paces.find((p) => p.scheme === "vectorized");
    expect(personal?.rounds).toBe(2);
    expect(personal?.logPerRound).toBeCloseTo(Math.log(0.9 / 0.05) / 2, 12);
    expect(c.paces[0].scheme).toBe("vectorized");
    expect(c.sentence).toContain(
      "In round 4 the class switched from “Good job, everyone” to personal signals, and the twin class to “Good job, everyone”.",
    );
    // Rounds to 90 %: the class's personal rounds after the switch get their credit beside the twin's.
    expect(c.sentence).toContain(
      "To get 90 % of the way: with personal signals the twin class took 1 round from the start, and this class took 2 rounds after the switch in round 4; with “Good job, everyone” this class did not get there in its 3 rounds from the start.",
    );
  });

  it("tells a real session the right way round after a switch: personal signals are the fast ones", () => {
    // The case a class saw reversed: global rounds, a switch, vectorized rounds, the twin playing like people.
    const state = play(bots30(GLOBAL), 6, 3, { 4: VECTORIZED });
    const c = compareClasses(state.chart, { live: VECTORIZED, twin: GLOBAL });
    if (!c) throw new Error("no comparison");
    expect(state.chart.schemes).toEqual([
      "global",
      "global",
      "global",
      "vectorized",
      "vectorized",
      "vectorized",
    ]);
    expect(state.chart.twinSchemes).toEqual([
      "vectorized",
      "vectorized",
      "vectorized",
      "global",
      "global",
      "global",
    ]);
    expect(c.paces[0].scheme).toBe("vectorized");
    // Three "Good job" rounds are a look and one pair of jiggles: no progress to divide by yet, or little.
    if (c.speedup !== null) expect(c.speedup).toBeGreaterThan(10);
    else expect(c.sentence).toContain("not at all with “Good job, everyone”");
    expect(c.first.twin.scheme).toBe("vectorized");
    expect(c.first.twin.reachedAt).toBeLessThanOrEqual(2);
    expect(c.first.live.scheme).toBe("global");
    expect(c.first.live.reachedAt).toBeNull();
    expect(c.sentence).not.toMatch(/“Good job, everyone” the (twin )?class got/);
  });

  it("gives a pace and an estimate for a “Good job” class that is still on its way (30 bots, 40 rounds)", () => {
    const state = play(bots30(GLOBAL), 40, 5);
    const c = compareClasses(state.chart, { live: GLOBAL, twin: VECTORIZED });
    if (!c) throw new Error("no comparison");
    const good = c.paces.find((p) => p.scheme === "global");
    expect(good?.logPerRound).toBeGreaterThan(0);
    expect(c.first.live.reachedAt).toBeNull();
    expect(c.first.live.moreAtPace).toBeGreaterThan(10);
    expect(c.sentence).toMatch(
      /“Good job, everyone” this class has not got there in 40 rounds from the start \(at its pace, about [\d,]+ more\)/,
    );
  });

  it("says a finished session did not get there, and offers no estimate past the end", () => {
    const state = play(bots30(GLOBAL), 10, 2);
    const c = compareClasses(state.chart, { over: true, live: GLOBAL, twin: VECTORIZED });
    expect(c?.sentence).toContain("this class did not get there in its 10 rounds from the start");
    expect(c?.sentence).not.toContain("at its pace");
  });

  it("says no “times as fast” until the slower scheme has cut a tenth of the distance over two rounds", () => {
    const twin = [1, 0.3, 0.09, 0.09];
    const v = ["vectorized", "vectorized", "vectorized", "vectorized"];
    const g = ["global", "global", "global", "global"];
    // "Good job" has cut 3 % in three rounds: a pace, but no ratio worth saying.
    const early = compareClasses(chart([1, 0.99, 0.98, 0.97], twin, g, v));
    expect(early?.paces.find((p) => p.scheme === "global")?.logPerRound).toBeGreaterThan(0);
    expect(early?.speedup).toBeNull();
    expect(early?.headline).not.toContain("times as fast");
    // 15 % in three rounds: now the ratio is said.
    const later = compareClasses(chart([1, 0.95, 0.9, 0.85], twin, g, v));
    expect(later?.speedup).toBeGreaterThan(10);
    expect(later?.headline).toContain("times as fast");
  });

  it("leaves out a stretch that starts at the key and counts a stretch only up to 90 % of the way", () => {
    const goal = criterionError(1, CLASS_CRITERION);
    const s = stretchesOf("live", [1, 0.25, 0.005, 0.001, 0.0005], ["a", "a", "a", "b", "b"], goal);
    expect(s.map((x) => [x.scheme, x.rounds])).toEqual([
      ["a", 2],
      ["b", 0],
    ]);
    expect(s[0].logShrink).toBeCloseTo(Math.log(1 / Math.sqrt(0.005)), 12);
  });

  it("says figures as people say them", () => {
    expect(aboutText(42)).toBe("42");
    expect(aboutText(1234)).toBe("1,200");
    expect(percentText(0.9)).toBe("90 %");
    // 99.6 % rounds to 100 but is not the key: the words must not say it is.
    expect(percentText(0.996)).toBe("more than 99 %");
    expect(percentText(1)).toBe("100 %");
    expect(percentText(0.014)).toBe("1.4 %");
    expect(percentText(0.0031)).toBe("0.31 %");
    expect(percentText(0.00001)).toBe("less than 0.01 %");
    expect(timesText(90.4)).toBe("about 90 times as fast");
    expect(timesText(3.14)).toBe("about 3.1 times as fast");
    expect(timesText(1.05)).toBe("about as fast");
  });

  it("lists the rounds of a class switched back and forth, and tells one population's block from the other's", () => {
    const flat = [1, 1, 1, 1, 1, 1];
    const many = compareClasses(
      chart(
        flat,
        flat,
        ["blocked-all", "vectorized", "blocked-all", "vectorized", "blocked-push", "blocked-push"],
        ["global", "global", "global", "global", "global", "global"],
      ),
    );
    expect(many?.sentence).toMatch(/^The class switched schemes 4 times, in rounds 2, 3, 4 and 5\./);
    const two = compareClasses(
      chart(
        flat.slice(0, 3),
        flat.slice(0, 3),
        ["blocked-push", "blocked-pull", "blocked-pull"],
        ["global", "global", "global"],
      ),
    );
    // The twin kept its scheme: the sentence says nothing of it.
    expect(two?.sentence).toMatch(
      /^In round 2 the class switched from one population's block to the other's\. /,
    );
  });
});
