/**
 * The mouse experiment's block buttons on the dashboard: which scheme config each button sends (the ones the
 * engine's blockingConfig gives, which the server's schema accepts) and which button the state's scheme now,
 * and the one switched to for the next round, mark.
 */
import { describe, expect, it } from "vitest";
import {
  BLOCK_CHOICES,
  BLOCK_LABELS,
  blockConfig,
  blockingOf,
  blockView,
} from "../../client/src/teacher/blockButtons.ts";
import { createExam } from "../../shared/engine/exams/index.ts";
import { blockingConfig } from "../../shared/engine/mouse.ts";
import { SchemeConfig } from "../../shared/protocol/session.ts";

const populations = [
  { population: "push" as const, seated: 5, blocked: 0 },
  { population: "pull" as const, seated: 5, blocked: 0 },
];

describe("the block buttons", () => {
  it("send the configs the engine's blockingConfig gives for a class of 10", () => {
    const exam = createExam({ kind: "grating", students: 10, questions: 1, seed: 1 });
    for (const choice of BLOCK_CHOICES) {
      expect(blockConfig(choice, populations)).toEqual(blockingConfig(exam, choice));
      expect(SchemeConfig.safeParse(blockConfig(choice)).success).toBe(true);
    }
  });

  it("unblock with personal signals and block everyone at share 1, a population by its name", () => {
    expect(blockConfig("none")).toEqual({ name: "vectorized" });
    expect(blockConfig("everyone")).toEqual({ name: "blocked", blockedFraction: 1 });
    expect(blockConfig("push")).toMatchObject({ name: "blocked", population: "push" });
    expect(blockConfig("pull")).toMatchObject({ name: "blocked", population: "pull" });
    // The share is the population's part of the seats in play, one half when the state does not say.
    expect(blockConfig("pull")).toMatchObject({ blockedFraction: 0.5 });
    const uneven = [
      { population: "push" as const, seated: 3, blocked: 0 },
      { population: "pull" as const, seated: 1, blocked: 0 },
    ];
    expect(blockConfig("push", uneven)).toMatchObject({ blockedFraction: 0.75 });
  });

  it("read each button back from the scheme it sends, and none from a scheme no button sends", () => {
    for (const choice of BLOCK_CHOICES) expect(blockingOf(blockConfig(choice))).toBe(choice);
    expect(blockingOf({ name: "global" })).toBeNull();
    expect(blockingOf({ name: "blocked", blockedFraction: 0.3 })).toBeNull();
    expect(blockingOf(null)).toBeNull();
  });

  it("mark the scheme now as pressed and say it, with no next-round line while nothing is switched", () => {
    const view = blockView({ name: "blocked", blockedFraction: 1 }, null);
    const everyone = view.buttons.find((b) => b.choice === "everyone");
    expect(everyone).toMatchObject({ now: true, pressed: true, next: false });
    expect(view.buttons.filter((b) => b.pressed)).toHaveLength(1);
    // The button's own word says it; no line repeats it.
    expect(view.nowLine).toBe("");
    expect(view.nextLine).toBe("");
    expect(view.buttons.map((b) => b.label)).toEqual(BLOCK_CHOICES.map((c) => BLOCK_LABELS[c]));
  });

  it("after a switch, press the next round's button, keep the word on the one now, and say what comes", () => {
    const view = blockView({ name: "blocked", blockedFraction: 1 }, { name: "vectorized" });
    const none = view.buttons.find((b) => b.choice === "none");
    const everyone = view.buttons.find((b) => b.choice === "everyone");
    expect(none).toMatchObject({ now: false, next: true, pressed: true });
    expect(everyone).toMatchObject({ now: true, next: false, pressed: false });
    expect(view.nextLine).toBe("From the next round: every signal heard.");
  });

  it("press none for a scheme chosen elsewhere, and name it in the lines", () => {
    const view = blockView({ name: "vectorized" }, { name: "global" });
    expect(view.buttons.filter((b) => b.pressed)).toHaveLength(0);
    expect(view.buttons.find((b) => b.choice === "none")?.now).toBe(true);
    expect(view.nextLine).toBe("From the next round: another scheme, global.");
    expect(blockView({ name: "sign" }, null).nowLine).toBe("Now: another scheme, sign.");
  });

  it("say a population's block coming, and no next-round line when the switch is to the scheme now", () => {
    const push = blockConfig("push");
    expect(blockView({ name: "vectorized" }, push).nextLine).toBe(
      "From the next round: the push population's signals blocked.",
    );
    const view = blockView(push, push);
    expect(view.buttons.find((b) => b.choice === "push")).toMatchObject({
      now: true,
      next: false,
      pressed: true,
    });
    expect(view.nextLine).toBe("");
  });
});
