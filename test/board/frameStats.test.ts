/** Frame times over a sliding window: the board's hook reports their mean and 95th percentile. */
import { describe, expect, it } from "vitest";
import { FrameWindow, summarize } from "../../client/src/board/frameStats.ts";

describe("frame statistics", () => {
  it("give the mean and the nearest-rank 95th percentile", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(samples)).toEqual({ mean: 50.5, p95: 95 });
    expect(summarize([7])).toEqual({ mean: 7, p95: 7 });
    expect(summarize([])).toBeNull();
  });

  it("keep only the last samples of the window, and skip ones that are no time", () => {
    const w = new FrameWindow(4);
    expect(w.stats()).toBeNull();
    for (const ms of [100, 100, 1, 2, 3, 4, Number.NaN, -1]) w.push(ms);
    expect(w.size).toBe(4);
    expect(w.stats()).toEqual({ mean: 2.5, p95: 4 });
  });
});
