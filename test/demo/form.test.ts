/**
 * The lines under the demo form's menus: the grating is named as the mouse experiment, and a scheme is said
 * with its parameters when the form reads, so an all-blocked class is not said to block "part of the class".
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type DemoConfig } from "../../client/src/demo/config.ts";
import { hintFor } from "../../client/src/demo/form.ts";

const allBlocked: DemoConfig = {
  ...DEFAULT_CONFIG,
  exam: "grating",
  schemes: [{ name: "global" }, { name: "blocked", blockedFraction: 1 }],
};

describe("the demo form's hints", () => {
  it("says what the grating exam is", () => {
    expect(hintFor("exam", "grating", allBlocked)).toBe(
      "the mouse experiment: two populations turn a grating",
    );
  });

  it("says a blocked share of 1 blocks every personal signal, and a share below it as a percentage", () => {
    expect(hintFor("schemeB", "blocked", allBlocked)).toBe("hears every personal signal blocked");
    const half: DemoConfig = {
      ...allBlocked,
      schemes: [{ name: "global" }, { name: "blocked", blockedFraction: 0.5 }],
    };
    expect(hintFor("schemeB", "blocked", half)).toBe("hears personal signals blocked for 50 % of the class");
  });

  it("names the other schemes alone, short enough for the form's column", () => {
    const teams: DemoConfig = {
      ...allBlocked,
      schemes: [{ name: "global" }, { name: "teams", teamSize: 6 }],
    };
    expect(hintFor("schemeB", "teams", teams)).toBe("hears one “Good job” per table");
  });

  it("falls back to the scheme's name alone while the form does not read", () => {
    expect(hintFor("schemeB", "blocked", null)).toBe("hears personal signals blocked for part of the class");
    expect(hintFor("schemeA", "global", null)).toBe("hears “Good job, everyone”");
  });
});
