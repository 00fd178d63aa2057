/**
 * The class worker's pace: rounds owed by the clock at a set speed, played within a slice, and at "max" as
 * many as the slice holds; a run that cannot go on stops the tick.
 */
import { describe, expect, it } from "vitest";
import { SLICE_MS, Ticker } from "../../client/src/demo/ticker.ts";

/** A clock that moves `step` ms each time it is read. */
const clock = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe("the ticker", () => {
  it("plays the first round at once, then the speed's share of the time", () => {
    const t = new Ticker();
    let played = 0;
    t.start();
    t.tick(0, 10, () => ++played > 0, clock(0));
    expect(played).toBe(1);
    t.tick(100, 10, () => ++played > 0, clock(0));
    t.tick(200, 10, () => ++played > 0, clock(0));
    expect(played).toBe(3);
    expect(t.wait(10)).toBeCloseTo(100);
  });

  it("plays no more than a quarter second owes after a long gap", () => {
    const t = new Ticker();
    let played = 0;
    t.start();
    t.tick(0, 1000, () => ++played > 0, clock(0));
    t.tick(60_000, 1000, () => ++played > 0, clock(0));
    expect(played).toBe(1 + 250);
  });

  it("at max, plays until the slice is spent, and stops when the run ends", () => {
    const t = new Ticker();
    let played = 0;
    t.start();
    t.tick(0, "max", () => ++played > 0, clock(1));
    expect(played).toBe(SLICE_MS - 1);
    let left = 3;
    t.tick(0, "max", () => left-- > 0, clock(0.001));
    expect(left).toBe(-1);
    expect(t.wait("max")).toBe(0);
  });
});
