/** The board's words: schemes as the class hears them, rounds, the legend, the field's key and summary. */
import { describe, expect, it } from "vitest";
import {
  fieldKey,
  fieldSummary,
  heardUnder,
  legendItem,
  legendText,
  roundsText,
} from "../../client/src/board/words.ts";
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
  });

  it("say which rounds, and name each class and scheme in the legend", () => {
    expect(roundsText([])).toBe("from round 1");
    expect(roundsText([[4, 4]])).toBe("round 4");
    expect(roundsText([[1, 3]])).toBe("rounds 1–3");
    expect(
      roundsText([
        [1, 3],
        [7, 7],
      ]),
    ).toBe("rounds 1–3 and 7");
    expect(
      roundsText([
        [1, 2],
        [4, 5],
        [9, 9],
      ]),
    ).toBe("rounds 1–2, 4–5 and 9");
    expect(legendItem("personal signals", [[4, 6]])).toBe("personal signals, rounds 4–6");
    expect(legendText("live", "“Good job, everyone”", [[1, 3]])).toBe(
      "This class, “Good job, everyone”, rounds 1–3",
    );
    expect(legendText("twin", "personal signals", [[1, 3]])).toBe(
      "The twin class (bots playing like people), personal signals, rounds 1–3",
    );
    // A twin of exact bots is not called people.
    expect(legendText("twin", "personal signals", [[1, 3]], false)).toBe(
      "The twin class (bots), personal signals, rounds 1–3",
    );
  });

  it("say under the field what a disc shows, or that it shows nothing of the key yet", () => {
    expect(fieldKey("nothing")).toMatch(/every disc looks alike: the key stays hidden until the reveal/);
    expect(fieldKey("nothing")).not.toMatch(/arrow/);
    expect(fieldKey("heard")).toMatch(/the signal it heard/);
    expect(fieldKey("heard")).toMatch(/the key stays hidden until the reveal/i);
    expect(fieldKey("key")).toMatch(/up arrow should go up/);
  });

  it("describe the field: who sits there and which way they should move, unless the key is hidden", () => {
    expect(fieldSummary([])).toBe("No neurons yet: nobody has joined.");
    expect(fieldSummary([seat("human", 0.1), seat("bot", -0.2), seat("bot", 0), seat("stand-in", 0.3)])).toBe(
      "4 neurons: 1 student, 2 bots, 1 bot standing in for a student. 2 should move up, 1 down, 1 are there.",
    );
    expect(fieldSummary([seat("human", Number.NaN), seat("bot", Number.NaN)])).toBe(
      "2 neurons: 1 student, 1 bot. The key stays hidden until the reveal.",
    );
  });
});
