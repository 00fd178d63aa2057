/**
 * What the student page may show of its own seat's secrets: its population on the grating only once the
 * keys are out, and only a real population, whatever else a "you" message carries.
 */
import { describe, expect, it } from "vitest";
import { current, type Model, shownPopulation } from "../../client/src/student/model.ts";
import type { YouMessage } from "../../shared/protocol/messages.ts";

const you: YouMessage = {
  seat: 3,
  nickname: "Ada",
  round: 4,
  question: 0,
  level: 0.5,
  key: null,
  submitted: false,
  seated: true,
  population: null,
};
/** A "you" message with a population field as it arrived (the server's carries one once the keys are out). */
const carrying = (population: string): YouMessage => Object.assign({}, you, { population });
const model = (patch: Partial<Model>): Model => ({ ...current(), exam: "grating", ...patch });

describe("the student's population", () => {
  it("shows once revealed when the you message carries it", () => {
    expect(shownPopulation(model({ revealed: true, you: carrying("pull") }))).toBe("pull");
  });

  it("stays hidden during blind play whatever arrives", () => {
    expect(shownPopulation(model({ revealed: false, you: carrying("push") }))).toBeNull();
  });

  it("is unknown when the you message carries none, or something that is not a population", () => {
    expect(shownPopulation(model({ revealed: true, you }))).toBeNull();
    expect(shownPopulation(model({ revealed: true, you: carrying("left") }))).toBeNull();
    expect(shownPopulation(model({ revealed: true, you: null }))).toBeNull();
  });
});
