/** The board's big moment, from real session pictures and from hand-made edge cases. */
import { describe, expect, it } from "vitest";
import { closedRounds, momentOf, roundClosed } from "../../client/src/board/moment.ts";
import { classScore } from "../../shared/engine/exam.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { type ClassPicture, pictureOf } from "../../shared/session/picture.ts";
import { driver } from "../session/driver.ts";

const bots: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 2,
  bots: 10,
  maxRounds: 100,
  endAtCriterion: false,
};

function played(config: SessionConfigInput, rounds: number) {
  const d = driver(config, 3);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return d;
}

describe("the board's moment", () => {
  it("is nothing before the first round closes", () => {
    const d = driver(bots, 3);
    expect(momentOf(pictureOf(d.state))).toBeNull();
    d.emit({ type: "started" });
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    expect(momentOf(pictureOf(d.state))).toBeNull();
  });

  it("says what the class heard under one scalar, as the students' own feedback says it, with the score", () => {
    const d = played(bots, 6);
    const p = pictureOf(d.state);
    const m = momentOf(p);
    const heard = p.seats.find((s) => s.feedback?.kind === "global")?.feedback;
    if (heard?.kind !== "global") throw new Error("the bots heard no global feedback");
    expect(m?.headline).toBe(heard.improved ? "Good job, everyone" : "Not quite, everyone");
    expect(m?.tone).toBe(heard.improved ? "good" : "notQuite");
    expect(m?.round).toBe(6);
    expect(m?.score).toBe(Math.round(classScore(p.chart.errors[5])));
    expect(m?.detail).toBe(`Class score ${m?.score} after round 6`);
  });

  it("says only the score after the first scalar round, when there is nothing to compare with", () => {
    const m = momentOf(pictureOf(played(bots, 1).state));
    expect(m?.headline).toBe("Everyone heard the class score");
    expect(m?.tone).toBe("plain");
  });

  it("says everyone got a personal signal after a vectorized round", () => {
    const m = momentOf(pictureOf(played({ ...bots, scheme: { name: "vectorized" } }, 2).state));
    expect(m?.headline).toBe("Everyone got a personal signal");
    expect(m?.tone).toBe("personal");
  });

  it("names the share of the class that got a signal when some are blocked, and tables under teams", () => {
    const blocked = momentOf(
      pictureOf(played({ ...bots, scheme: { name: "blocked", blockedFraction: 0.25 } }, 2).state),
    );
    expect(blocked?.headline).toBe("75 % of the class got a personal signal");
    const teams = momentOf(pictureOf(played({ ...bots, scheme: { name: "teams", teamSize: 2 } }, 2).state));
    expect(teams?.headline).toBe("Each table heard “Good job” or “Not quite”");
  });

  it("follows the scheme of the round that closed, not the one switched to for the next", () => {
    const d = played(bots, 3);
    d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    expect(momentOf(pictureOf(d.state))?.tone).not.toBe("personal");
    d.emit({ type: "opened", round: 4, closesAt: 0 });
    d.close();
    expect(momentOf(pictureOf(d.state))?.headline).toBe("Everyone got a personal signal");
  });

  it("compares the chart's last two errors when no seat holds the round's feedback", () => {
    const p = pictureOf(played(bots, 3).state);
    const bare = (errors: number[]): ClassPicture => ({
      ...p,
      seats: [],
      chart: { ...p.chart, errors, schemes: errors.map(() => "global") },
    });
    expect(momentOf(bare([0.2, 0.1]))?.headline).toBe("Good job, everyone");
    expect(momentOf(bare([0.1, 0.2]))?.headline).toBe("Not quite, everyone");
    expect(momentOf(bare([Number.NaN]))).toBeNull();
  });
});

describe("a round's close", () => {
  it("is seen when the chart grows or an open round turns to review, and not otherwise", () => {
    const d = driver(bots, 3);
    d.emit({ type: "started" });
    const lobby = pictureOf(d.state);
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    const open = pictureOf(d.state);
    expect(roundClosed(lobby, open)).toBe(false);
    expect(roundClosed(null, open)).toBe(false);
    d.close();
    const review = pictureOf(d.state);
    expect(closedRounds(review)).toBe(1);
    expect(roundClosed(open, review)).toBe(true);
    expect(roundClosed(open, { ...review, chart: open.chart })).toBe(true);
    expect(roundClosed(review, review)).toBe(false);
  });
});
