/**
 * What the wall shows around the board, from the room's state and the wall's picture: the screen by phase,
 * the countdown, what happens after the feedback, the comparison in one sentence, and the end's summary
 * told by scheme with the key revealed.
 */
import { describe, expect, it } from "vitest";
import { endSummary, summaryLines } from "../../client/src/projector/endSummary.ts";
import type { ProjectorState } from "../../client/src/projector/state.ts";
import { wallModel } from "../../client/src/projector/wallModel.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { compareClasses } from "../../shared/session/comparison.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { wallPicture } from "../../shared/session/wall.ts";
import { driver } from "../session/driver.ts";

const config: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 2,
  bots: 12,
  endAtCriterion: false,
};

function played(rounds: number, switchAt: number | null = null) {
  const d = driver(config, 5);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    if (round === switchAt) d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return d;
}

const state = (over: Partial<ProjectorState> = {}): ProjectorState => ({
  phase: "review",
  round: 3,
  closesAt: 0,
  remainingMs: 0,
  scheme: JSON.stringify({ name: "global" }),
  endReason: "",
  code: "ACDEFG",
  exam: "independent",
  question: 0,
  twinScheme: JSON.stringify({ name: "vectorized" }),
  students: 4,
  connected: 4,
  seated: 4,
  submitted: 1,
  bots: 12,
  ...over,
});

describe("the wall around the board", () => {
  it("shows the lobby with the presenter's key and the count, and no comparison", () => {
    const d = driver(config, 5);
    const m = wallModel(state({ phase: "lobby", round: 0 }), wallPicture(pictureOf(d.state)), 0);
    expect(m.screen).toBe("lobby");
    expect(m.joined).toBe("4 students have joined.");
    expect(m.hint).toMatch(/Space/);
    expect(m.comparison).toBeNull();
    expect(m.end).toBeNull();
  });

  it("counts an open round down from its close, with the submissions, and says which class plays what", () => {
    const d = driver(config, 5);
    d.emit({ type: "started" });
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    const m = wallModel(
      state({ phase: "open", round: 1, closesAt: 100_000 }),
      wallPicture(pictureOf(d.state)),
      100_000 - 12_300,
    );
    expect(m.screen).toBe("round");
    expect(m.title).toBe("Round 1");
    expect(m.clock).toBe("0:13 left");
    expect(m.submitted).toBe("1 of 4 students submitted · 12 bots playing");
    expect(m.next).toBeNull();
    expect(m.hint).toBeNull();
    expect(m.comparison).toBe(
      "This class plays with “Good job, everyone”; the twin class (bots playing like people), with personal signals.",
    );
  });

  it("after the feedback, says what happens next and the comparison's headline", () => {
    const d = played(3);
    const p = wallPicture(pictureOf(d.state));
    const waiting = wallModel(state(), p, 0);
    expect(waiting.screen).toBe("review");
    expect(waiting.title).toBe("Round 3 closed");
    expect(waiting.next).toBe("Next round when your teacher is ready — press Space");
    expect(waiting.comparison).toBe(
      compareClasses(p.chart, { live: p.scheme, twin: p.twinScheme })?.headline,
    );
    const auto = wallModel(state({ autoAdvance: true, nextRoundAt: 10_000 }), p, 3_000);
    expect(auto.next).toBe("Next round in 0:07");
    const switching = wallModel(state({ nextScheme: JSON.stringify({ name: "vectorized" }) }), p, 0);
    expect(switching.next).toBe(
      "Next round, with personal signals, when your teacher is ready — press Space",
    );
  });

  it("keeps the countdown of a paused round, and the feedback of a class paused after one", () => {
    const p = wallPicture(pictureOf(played(2).state));
    const inRound = wallModel(state({ phase: "paused", remainingMs: 5_000 }), p, 0);
    expect(inRound.screen).toBe("round");
    expect(inRound.clock).toBe("paused · 0:05 left");
    const after = wallModel(state({ phase: "paused", remainingMs: 0 }), p, 0);
    expect(after.screen).toBe("review");
    expect(after.title).toBe("Paused after round 3");
  });

  it("ends with a summary and no comparison line, nor the presenter's key", () => {
    const d = played(4);
    d.emit({ type: "ended", reason: "teacher" });
    const p = wallPicture(pictureOf(d.state));
    const m = wallModel(state({ phase: "ended", endReason: "teacher" }), p, 0);
    expect(m.screen).toBe("ended");
    expect(m.endReason).toBe("The teacher ended the session.");
    expect(m.comparison).toBeNull();
    expect(m.hint).toBeNull();
    expect(m.end).toEqual(endSummary(p));
  });
});

describe("the end's summary", () => {
  it("gives the speedup by scheme, the final score, the rounds to 90 % of each class, and the key", () => {
    const d = played(8);
    d.emit({ type: "ended", reason: "teacher" });
    const p = wallPicture(pictureOf(d.state));
    expect(p.revealed).toBe(true);
    const c = compareClasses(p.chart, { live: p.scheme, twin: p.twinScheme, over: true });
    const s = endSummary(p);
    const lines = summaryLines(s);
    expect(lines[0]).toBe(s.headline);
    if (c?.speedup != null) {
      expect(s.headline).toMatch(
        /^Per round, personal signals closed the distance to the key about .* times as fast as “Good job, everyone”\.$/,
      );
      expect(
        s.facts.some(
          (f) => /times$/.test(f.value) && /as fast per round with personal signals/.test(f.label),
        ),
      ).toBe(true);
    } else expect(s.headline).toBe(c?.headline);
    expect(s.facts[0].label).toMatch(/^final class score \(100 = the key\); the twin class: \d+$/);
    // One figure per scheme, fastest first, naming the class that played it.
    const reached = s.facts.filter((f) => f.label.startsWith("to get 90 % of the way"));
    expect(reached.map((f) => f.label)).toEqual([
      "to get 90 % of the way with personal signals: the twin class",
      "to get 90 % of the way with “Good job, everyone”: this class",
    ]);
    const twin = c?.first.twin.reachedAt;
    expect(reached[0].value).toBe(twin == null ? "not in 8 rounds" : `${twin} round${twin === 1 ? "" : "s"}`);
    expect(s.reveal).toMatch(/^The key, revealed/);
  });

  it("credits the class that turned to personal signals with its rounds to 90 % after the switch", () => {
    const d = played(6, 4);
    d.emit({ type: "ended", reason: "teacher" });
    const s = endSummary(wallPicture(pictureOf(d.state)));
    const personal = s.facts.find((f) => f.label.startsWith("to get 90 % of the way with personal signals"));
    expect(personal?.label).toContain("the twin class");
    expect(personal?.label).toContain("this class, after the switch in round 4");
  });

  it("on independent with personal signals (exact in one round), leads with the rounds and says no “times”", () => {
    const d = driver({ ...config, scheme: { name: "vectorized" } }, 5);
    d.emit({ type: "started" });
    for (let round = 1; round <= 12; round++) {
      d.emit({ type: "opened", round, closesAt: 0 });
      d.close();
    }
    d.emit({ type: "ended", reason: "teacher" });
    const s = endSummary(wallPicture(pictureOf(d.state)));
    expect(s.headline).toBe(
      "With personal signals one round was enough for this class to get 90 % of the way: each student's signal told it how far to move and which way. " +
        "With “Good job, everyone” the twin class did not get there in 12 rounds.",
    );
    expect(s.facts.map((f) => `${f.value} ${f.label}`).slice(1)).toEqual([
      "1 round to get 90 % of the way with personal signals: this class",
      "not in 12 rounds to get 90 % of the way with “Good job, everyone”: the twin class",
    ]);
    for (const line of summaryLines(s)) expect(line).not.toMatch(/times|100 %/);
  });

  it("says so when the class played no round", () => {
    const d = driver(config, 5);
    d.emit({ type: "started" });
    d.emit({ type: "ended", reason: "teacher" });
    const s = endSummary(wallPicture(pictureOf(d.state)));
    expect(s.headline).toBe("The class played no round.");
    expect(s.facts).toEqual([]);
  });
});
