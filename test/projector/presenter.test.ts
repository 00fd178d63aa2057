/** The presenter's keys: which presses count, and one `advance` per moment, only where it opens a round. */
import { describe, expect, it } from "vitest";
import { AdvanceGuard, isPresenterKey } from "../../client/src/projector/presenter.ts";

const press = (key: string, over: Partial<Parameters<typeof isPresenterKey>[0]> = {}) => ({
  key,
  repeat: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...over,
});

describe("the presenter's keys", () => {
  it("are what a clicker sends: Space, PageDown, → and Enter, not held down, not shortcuts", () => {
    for (const key of [" ", "PageDown", "ArrowRight", "Enter"]) expect(isPresenterKey(press(key))).toBe(true);
    for (const key of ["a", "ArrowLeft", "PageUp", "Escape", "Tab"])
      expect(isPresenterKey(press(key))).toBe(false);
    expect(isPresenterKey(press(" ", { repeat: true }))).toBe(false);
    expect(isPresenterKey(press("Enter", { ctrlKey: true }))).toBe(false);
    expect(isPresenterKey(press("ArrowRight", { metaKey: true }))).toBe(false);
    expect(isPresenterKey(press("PageDown", { altKey: true }))).toBe(false);
  });

  it("send `advance` in the lobby and on the feedback, never while a round is open, paused or over", () => {
    const guard = new AdvanceGuard();
    expect(guard.request("lobby", 0)).toBe(true);
    expect(guard.request("open", 1)).toBe(false);
    expect(guard.request("paused", 1)).toBe(false);
    expect(guard.request("review", 1)).toBe(true);
    expect(guard.request("ended", 1)).toBe(false);
  });

  it("send one `advance` per moment: a double click cannot open a round and then close it", () => {
    const guard = new AdvanceGuard();
    expect(guard.request("review", 3)).toBe(true);
    // The second click arrives before the state shows round 4 open.
    expect(guard.request("review", 3)).toBe(false);
    expect(guard.request("open", 4)).toBe(false);
    expect(guard.request("review", 4)).toBe(true);
  });

  it("let the same moment try again after the room refused", () => {
    const guard = new AdvanceGuard();
    expect(guard.request("review", 2)).toBe(true);
    guard.refused();
    expect(guard.request("review", 2)).toBe(true);
  });
});
