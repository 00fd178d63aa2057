/** What the projector says around the board, and how it reads failures on the way into the room. */
import { describe, expect, it } from "vitest";
import { backoffMs, joinFailure, lookupFailure } from "../../client/src/projector/joinErrors.ts";
import {
  clockText,
  endLine,
  joinedLine,
  keyHint,
  moreNames,
  nextLine,
  roundTitle,
  submittedLine,
} from "../../client/src/projector/words.ts";

describe("the projector's words", () => {
  it("count the students who joined, and the names that did not fit", () => {
    expect(joinedLine(0)).toBe("No students have joined yet.");
    expect(joinedLine(1)).toBe("1 student has joined.");
    expect(joinedLine(1234)).toBe("1,234 students have joined.");
    expect(moreNames(0)).toBe("");
    expect(moreNames(1200)).toBe("and 1,200 more");
  });

  it("title the round by phase, with its countdown apart", () => {
    expect(roundTitle("open", 3, false)).toBe("Round 3");
    expect(roundTitle("paused", 3, true)).toBe("Round 3 · paused");
    expect(roundTitle("paused", 3, true, "restart")).toBe("Round 3 · paused after a restart");
    expect(roundTitle("paused", 3, false, "restart")).toBe("After round 3 · paused by a restart");
    expect(roundTitle("paused", 3, false)).toBe("Paused after round 3");
    expect(roundTitle("review", 3, false)).toBe("Round 3 closed");
    expect(roundTitle("ended", 3, false)).toBe("The session has ended");
    expect(roundTitle("lobby", 0, false)).toBe("Waiting for the teacher to start");
    expect(clockText(12_300)).toBe("0:13 left");
    expect(clockText(-50)).toBe("0:00 left");
  });

  it("say what happens after the feedback: the teacher's key, or the countdown to the next round", () => {
    expect(nextLine({ phase: "review", autoInMs: null, nextScheme: null })).toBe(
      "Next round when your teacher is ready — press Space",
    );
    expect(nextLine({ phase: "review", autoInMs: 6_200, nextScheme: null })).toBe("Next round in 0:07");
    expect(nextLine({ phase: "review", autoInMs: null, nextScheme: "personal signals" })).toBe(
      "Next round, with personal signals, when your teacher is ready — press Space",
    );
    expect(nextLine({ phase: "open", autoInMs: 5000, nextScheme: null })).toBeNull();
  });

  it("show the presenter's key only where it does something", () => {
    expect(keyHint("lobby")).toMatch(/Space/);
    expect(keyHint("review")).toMatch(/Space/);
    expect(keyHint("open")).toBeNull();
    expect(keyHint("paused")).toBeNull();
    expect(keyHint("ended")).toBeNull();
  });

  it("say how many submitted, with the bots beside the students", () => {
    expect(submittedLine({ submitted: 4, seated: 10, bots: 0 })).toBe("4 of 10 students submitted");
    expect(submittedLine({ submitted: 1, seated: 1, bots: 12 })).toBe(
      "1 of 1 student submitted · 12 bots playing",
    );
    expect(submittedLine({ submitted: 0, seated: 0, bots: 1 })).toBe("1 bot playing");
    expect(submittedLine({ submitted: 0, seated: 0, bots: 0 })).toBe("");
  });

  it("say why the session ended, with the criterion a class of people plays to", () => {
    expect(endLine("criterion")).toBe("The class got 90 % of the way to the key.");
    expect(endLine("teacher")).toMatch(/teacher/);
    expect(endLine("??")).toBe("The session is over.");
  });
});

describe("failures on the way in", () => {
  it("stop at a wrong code and show the end of an ended session; retry the rest", () => {
    expect(lookupFailure(404, "ACDEFG", null)).toMatchObject({
      kind: "fatal",
      problem: { title: "No session has the code ACDEFG" },
    });
    expect(lookupFailure(410, "ACDEFG", null)).toEqual({ kind: "ended" });
    expect(lookupFailure(429, "ACDEFG", "Too many wrong codes", 7)).toEqual({
      kind: "retry",
      note: "Too many wrong codes",
      afterMs: 7000,
    });
    expect(lookupFailure(503, "ACDEFG", null)).toMatchObject({ kind: "retry", afterMs: null });
  });

  it("stop at the room's refusal with its own sentence; retry when the server cannot be reached", () => {
    const refused = Object.assign(new Error("That link's token is not valid for this session."), {
      code: 403,
    });
    expect(joinFailure(refused)).toEqual({
      kind: "fatal",
      problem: {
        title: "The class room refused the projector",
        text: "That link's token is not valid for this session.",
      },
    });
    expect(joinFailure(Object.assign(new Error("gone"), { code: 410 }))).toEqual({ kind: "ended" });
    expect(joinFailure(new TypeError("Failed to fetch")).kind).toBe("retry");
    // Colyseus's own matchmaking codes (a room that is gone) are no refusal: look the room up again.
    expect(joinFailure(Object.assign(new Error("room not found"), { code: 4212 })).kind).toBe("retry");
    expect(joinFailure(null).kind).toBe("retry");
  });

  it("wait longer after each failed try, up to five seconds", () => {
    expect(backoffMs(0)).toBe(300);
    expect(backoffMs(1)).toBe(600);
    expect(backoffMs(50)).toBe(5000);
  });
});
