/** The board's words: schemes as the class hears them, and the field described for a screen reader. */
import { describe, expect, it } from "vitest";
import { fieldSummary, heardUnder, liveLabel, twinLabel } from "../../client/src/board/words.ts";
import type { SeatPicture } from "../../shared/session/picture.ts";

const seat = (kind: SeatPicture["kind"], credit: number): SeatPicture => ({
  seat: 0,
  kind,
  nickname: "x",
  connected: true,
  submitted: false,
  seated: true,
  level: 0.5,
  target: null,
  credit,
  feedback: null,
});

describe("the board's words", () => {
  it("name schemes as the class hears them, with parameters only when known", () => {
    expect(heardUnder("global")).toBe("“Good job, everyone”");
    expect(heardUnder("vectorized")).toBe("personal signals");
    expect(heardUnder("teams")).toBe("one “Good job” per table");
    expect(heardUnder("teams", { name: "teams", teamSize: 4 })).toBe("one “Good job” per table of 4");
    expect(heardUnder("teams", { name: "global" })).toBe("one “Good job” per table");
    expect(heardUnder("mystery")).toBe("mystery");
    expect(liveLabel({ name: "global" })).toBe("Live class: “Good job, everyone”");
    expect(twinLabel({ name: "vectorized" })).toBe("Twin class (bots): personal signals");
  });

  it("describe the field: who sits there and which way they should move", () => {
    expect(fieldSummary([])).toBe("No neurons yet: nobody has joined.");
    expect(fieldSummary([seat("human", 0.1), seat("bot", -0.2), seat("bot", 0), seat("stand-in", 0.3)])).toBe(
      "4 neurons: 1 student, 2 bots, 1 bot standing in for a student. 2 should move up, 1 down, 1 are there.",
    );
  });
});
