/** The board's neuron view: what each disc and ring shows, read from a class picture's seats. */
import { describe, expect, it } from "vitest";
import {
  createView,
  directionOf,
  distanceOf,
  fillView,
  gridFor,
  KIND,
  ringOf,
  TONE,
  WASH,
  washOf,
} from "../../client/src/board/neurons.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf, type SeatPicture } from "../../shared/session/picture.ts";
import { driver } from "../session/driver.ts";

const seat = (over: Partial<SeatPicture>): SeatPicture => ({
  seat: 0,
  kind: "bot",
  nickname: "bot 1",
  connected: true,
  submitted: false,
  seated: true,
  level: 0.5,
  target: 0.7,
  credit: 0.2,
  feedback: null,
  ...over,
});

describe("a neuron's look", () => {
  it("grows with the credit on a square-root scale, half lit at a typical start credit, capped at 1", () => {
    expect(distanceOf(0, 0.1)).toBe(0);
    expect(distanceOf(0.1, 0.1)).toBeCloseTo(Math.sqrt(0.5));
    expect(distanceOf(-0.1, 0.1)).toBeCloseTo(Math.sqrt(0.5));
    expect(distanceOf(5, 0.1)).toBe(1);
    expect(distanceOf(Number.NaN, 0.1)).toBe(0);
    expect(distanceOf(0.1, 0)).toBeGreaterThan(0);
  });

  it("points the way the credit says, and is still at zero", () => {
    expect([directionOf(0.3), directionOf(-0.01), directionOf(0)]).toEqual([1, -1, 0]);
  });

  it("rings a personal signal by its own size and a shared scalar with one wash in its tone", () => {
    expect(ringOf({ kind: "vector", round: 1, signal: 0.1 }, 0.1)).toEqual([
      distanceOf(0.1, 0.1),
      TONE.personal,
    ]);
    const global = { kind: "global", round: 2, score: 50, classError: 0.1 } as const;
    expect(ringOf({ ...global, improved: true }, 1)).toEqual([WASH, TONE.good]);
    expect(ringOf({ ...global, improved: false }, 1)).toEqual([WASH, TONE.notQuite]);
    expect(ringOf({ ...global, improved: null }, 1)).toEqual([WASH, TONE.plain]);
    expect(ringOf({ kind: "none", round: 1 }, 1)[0]).toBe(0);
    expect(ringOf(null, 1)[0]).toBe(0);
  });
});

describe("the view of a class", () => {
  it("fills every seat's numbers, tells students from bots, and reports changes only when there are some", () => {
    const seats = [
      seat({ seat: 0, credit: 0.3 }),
      seat({
        seat: 1,
        kind: "human",
        nickname: "ana",
        credit: -0.1,
        feedback: { kind: "vector", round: 1, signal: -0.1 },
      }),
      seat({ seat: 2, kind: "stand-in", nickname: "ben", credit: 0 }),
    ];
    const view = createView(3);
    expect(fillView(view, seats, 0.2)).toBe(true);
    expect(Array.from(view.direction)).toEqual([1, -1, 0]);
    expect(Array.from(view.kind)).toEqual([KIND.bot, KIND.human, KIND.standIn]);
    expect(view.names).toEqual(["bot 1", "ana", "ben"]);
    expect(view.distance[0]).toBeCloseTo(distanceOf(0.3, 0.2), 6);
    expect(view.ring[1]).toBeGreaterThan(0);
    expect(view.ring[0]).toBe(0);
    expect(fillView(view, seats, 0.2)).toBe(false);
    expect(fillView(view, [seats[0], { ...seats[1], credit: 0.1 }, seats[2]], 0.2)).toBe(true);
    expect(view.direction[1]).toBe(1);
  });

  it("reads a real session: every seated bot lit, and the global round's wash in the tone the class heard", () => {
    const config: SessionConfigInput = {
      exam: "independent",
      scheme: { name: "global" },
      maxStudents: 2,
      bots: 12,
    };
    const d = driver(config, 5);
    d.emit({ type: "started" });
    for (let round = 1; round <= 3; round++) {
      d.emit({ type: "opened", round, closesAt: 0 });
      d.close();
    }
    const p = pictureOf(d.state);
    const view = createView(p.seats.length);
    fillView(view, p.seats, p.creditUnit);
    expect(p.seats.length).toBe(12);
    expect(Array.from(view.distance).filter((x) => x > 0).length).toBe(12);
    const f = p.seats[0].feedback;
    if (f?.kind !== "global") throw new Error("expected global feedback");
    expect(washOf(p.seats)).toBe(f.improved ? TONE.good : TONE.notQuite);
    // One "Good job" for everyone is the field's wash, not 12 identical rings; a table's own verdict rings.
    expect(Array.from(view.ring).every((r) => r === 0)).toBe(true);
    const team = createView(1);
    const heard = { kind: "team", round: 2, team: 0, improved: true, teamScore: 60, teamError: 0.1 } as const;
    fillView(team, [seat({ feedback: heard })], 0.1);
    expect([team.ring[0], team.tone[0]]).toEqual([Math.fround(WASH), TONE.good]);
    expect(washOf([seat({ feedback: { kind: "vector", round: 1, signal: 0.1 } })])).toBeNull();
    expect(washOf([seat({ feedback: null })])).toBeNull();
  });
});

describe("the field's grid", () => {
  it("fits every neuron in the area, in square cells, centred", () => {
    for (const [count, w, h] of [
      [1, 800, 600],
      [12, 820, 660],
      [2000, 820, 660],
      [7, 300, 900],
    ] as const) {
      const g = gridFor(count, w, h);
      expect(g.cols * g.rows).toBeGreaterThanOrEqual(count);
      expect(g.cols).toBeLessThanOrEqual(count);
      expect(g.cols * g.cell).toBeLessThanOrEqual(w + 1e-9);
      expect(g.rows * g.cell).toBeLessThanOrEqual(h + 1e-9);
      expect(g.x0 - g.cell / 2).toBeCloseTo(w - (g.x0 - g.cell / 2 + g.cols * g.cell), 9);
    }
    expect(gridFor(0, 800, 600).cell).toBe(0);
    // 2,000 neurons still get cells big enough to see on a projector.
    expect(gridFor(2000, 820, 660).cell).toBeGreaterThan(14);
  });
});
