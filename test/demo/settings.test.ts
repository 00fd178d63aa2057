/**
 * The demo's settings as text: a link written from settings reads back as the same settings (round trip),
 * a link's bad values are dropped for the defaults and named, and the form's reading stops at the first
 * bad field with the sentence it shows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type DemoConfig, SPEEDS } from "../../client/src/demo/config.ts";
import { fromQuery, ignoredNote, readSettings, toQuery, toTexts } from "../../client/src/demo/settings.ts";
import { CLASSROOM_EXAMS, SCHEME_NAMES, type SchemeName, schemeConfig } from "../../shared/engine/index.ts";

const scheme = (name: SchemeName, p: { noise: number; teamSize: number; blocked: number }) =>
  schemeConfig(name, { noise: p.noise, teamSize: p.teamSize, blockedFraction: p.blocked });

const configs: fc.Arbitrary<DemoConfig> = fc
  .record({
    students: fc.integer({ min: 2, max: 2000 }),
    exam: fc.constantFrom(...CLASSROOM_EXAMS),
    pair: fc.uniqueArray(fc.constantFrom(...SCHEME_NAMES), { minLength: 2, maxLength: 2 }),
    noise: fc.integer({ min: 0, max: 100 }).map((k) => k / 10),
    teamSize: fc.integer({ min: 1, max: 2000 }),
    blocked: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
    speed: fc.constantFrom(...SPEEDS),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  })
  .map((r) => ({
    students: r.students,
    exam: r.exam,
    schemes: [scheme(r.pair[0], r), scheme(r.pair[1], r)] as const,
    speed: r.speed,
    seed: r.seed,
  }));

describe("the demo's link", () => {
  it("reads back as the settings it was written from, and the form reads them alike", () => {
    fc.assert(
      fc.property(configs, (config) => {
        const back = fromQuery(`?${toQuery(config)}`);
        expect(back.ignored).toEqual([]);
        expect(back.config).toEqual(config);
        expect(readSettings(toTexts(config))).toEqual({ ok: true, config });
      }),
    );
  });

  it("writes every setting, a scheme's parameter only for a chosen scheme", () => {
    const config: DemoConfig = {
      ...DEFAULT_CONFIG,
      schemes: [{ name: "teams", teamSize: 4 }, { name: "global" }],
    };
    expect(toQuery(config)).toBe(
      "students=30&exam=independent&schemeA=teams&schemeB=global&teamSize=4&speed=60&seed=1",
    );
    expect(fromQuery("").config).toEqual(DEFAULT_CONFIG);
  });

  it("drops each bad value for its default, keeps the good ones, and names what it dropped", () => {
    const { config, ignored } = fromQuery(
      "?students=abc&exam=readout&schemeA=blocked&blockedFraction=1.5&schemeB=sideways&speed=7&seed=-1&noise=9",
    );
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      exam: "readout",
      schemes: [{ name: "blocked", blockedFraction: 0.5 }, { name: "vectorized" }],
    });
    expect(ignored).toEqual([
      "students=abc",
      "schemeB=sideways",
      "blockedFraction=1.5",
      "speed=7",
      "seed=-1",
    ]);
    expect(ignoredNote(ignored)).toMatch(/^The link's settings students=abc, .* seed=-1 could not be used/);
    expect(ignoredNote([])).toBe("");
  });

  it("never compares a scheme with itself: a second scheme equal to the first gives way", () => {
    expect(fromQuery("?schemeA=vectorized&schemeB=vectorized").config.schemes).toEqual([
      { name: "vectorized" },
      { name: "global" },
    ]);
    expect(fromQuery("?schemeA=vectorized&schemeB=vectorized").ignored).toEqual([
      "schemeB=vectorized (the same as schemeA)",
    ]);
  });
});

describe("the demo's form", () => {
  const texts = toTexts(DEFAULT_CONFIG);

  it("stops at the first bad field with the sentence it shows beside the form", () => {
    expect(readSettings({ ...texts, students: "1" })).toEqual({
      ok: false,
      field: "students",
      message: "Class size must be a whole number from 2 to 2000.",
    });
    expect(readSettings({ ...texts, schemeB: "global" })).toEqual({
      ok: false,
      field: "schemeB",
      message: "Choose two different schemes to compare.",
    });
    expect(readSettings({ ...texts, schemeA: "noisy", noise: "-1" })).toMatchObject({
      ok: false,
      field: "noise",
    });
    expect(readSettings({ ...texts, seed: "1.5" })).toMatchObject({ ok: false, field: "seed" });
  });

  it("ignores the parameter of a scheme that is not chosen", () => {
    expect(readSettings({ ...texts, teamSize: "zero" })).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });
});
