/**
 * The projector's part of the synchronised state (`wall`), on the room's own schema state synced from played
 * sessions: read back, it is exactly the wall's picture the session core draws (shared/session/wall.ts) under
 * every scheme, before and after the reveal; names only in the lobby, and gone the moment play starts even
 * when no seat was marked to sync; seats synced one at a time stay the wall's picture too.
 */
import { describe, expect, it } from "vitest";
import type { ProjectorState } from "../../client/src/projector/state.ts";
import { statePicture } from "../../client/src/projector/statePicture.ts";
import { ExamState } from "../../server/rooms/examState.ts";
import { initState, syncState } from "../../server/rooms/stateSync.ts";
import type { SchemeConfig, SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { wallPicture } from "../../shared/session/wall.ts";
import { driver } from "../session/driver.ts";

const STUDENTS = ["Anastasia", "Benedetto", "Chiamaka"];

function joined(config: SessionConfigInput) {
  const d = driver(config, 11);
  STUDENTS.forEach((nickname, seat) => {
    d.emit({ type: "joined", seat, nickname, clientKey: `key-${nickname}-0000` });
  });
  return d;
}

function play(d: ReturnType<typeof joined>, rounds: number): void {
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    STUDENTS.forEach((_, seat) => {
      d.emit({ type: "submitted", round, seat, level: (0.15 + 0.25 * seat + 0.05 * round) % 1, final: true });
    });
    d.close();
  }
}

function synced(d: ReturnType<typeof joined>): ExamState {
  const state = new ExamState();
  initState(state, d.state);
  syncState(state, d.state, null);
  return state;
}

const wallOf = (state: ExamState) => statePicture(state as unknown as ProjectorState, "wall");

/** The value with every −0 made 0 (a feedback travels as JSON, which writes −0 as 0). */
function unsigned(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(unsigned);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsigned(x)]));
  return v;
}

const SCHEMES: SchemeConfig[] = [
  { name: "global" },
  { name: "vectorized" },
  { name: "sign" },
  { name: "teams", teamSize: 2 },
  { name: "blocked", blockedFraction: 0.5 },
  { name: "noisy", noise: 0.5 },
  { name: "alignment" },
];

describe("the wall's part of the state", () => {
  for (const exam of ["independent", "readout", "layered"] as const)
    it(`is the session core's wall picture under every scheme, before and after the reveal (${exam})`, () => {
      for (const scheme of SCHEMES) {
        const d = joined({ exam, scheme, maxStudents: 4, bots: 7, endAtCriterion: false });
        play(d, 3);
        const blind = wallOf(synced(d));
        expect(unsigned(blind), `${exam}, ${scheme.name}, blind`).toEqual(
          unsigned(wallPicture(pictureOf(d.state))),
        );
        expect(blind.seats.length).toBe(10);
        expect(blind.seats.every((s) => s.nickname === "" && s.target === null)).toBe(true);
        expect(blind.key).toEqual([]);
        expect(blind.answer).toEqual([]);

        d.emit({ type: "revealed" });
        const shown = wallOf(synced(d));
        expect(unsigned(shown), `${exam}, ${scheme.name}, revealed`).toEqual(
          unsigned(wallPicture(pictureOf(d.state))),
        );
        expect(shown.key.length).toBeGreaterThan(0);
        expect(shown.seats.every((s) => s.nickname === "")).toBe(true);
      }
    });

  it("holds the students' names in the lobby only, and drops them when play starts though no seat moved", () => {
    const d = joined({ exam: "independent", scheme: { name: "global" }, maxStudents: 4, bots: 3 });
    const state = synced(d);
    const names = (s: ExamState) => [...s.wall.seats.values()].map((r) => r.nickname).filter((n) => n !== "");
    // The lobby's list of who joined: students, never bots, and no target.
    expect(names(state).sort()).toEqual([...STUDENTS].sort());
    expect([...state.wall.seats.values()].every((r) => r.target === -1)).toBe(true);
    d.emit({ type: "started" });
    // A sync that names no seat: the wall's rows are rewritten all the same.
    syncState(state, d.state, []);
    expect(names(state)).toEqual([]);
    // The teacher's roster keeps every name.
    expect([...state.staff.roster.values()].map((r) => r.nickname)).toEqual(expect.arrayContaining(STUDENTS));
  });

  it("shows the key the moment it is revealed, though no seat moved", () => {
    const d = joined({ exam: "independent", scheme: { name: "global" }, maxStudents: 4, bots: 3 });
    play(d, 2);
    const state = synced(d);
    expect(wallOf(state).key).toEqual([]);
    d.emit({ type: "revealed" });
    syncState(state, d.state, []);
    expect(unsigned(wallOf(state))).toEqual(unsigned(wallPicture(pictureOf(d.state))));
    expect(wallOf(state).seats.some((s) => s.target !== null)).toBe(true);
  });

  it("stays the wall's picture when seats are synced one at a time, as students move", () => {
    for (const scheme of [{ name: "global" }, { name: "vectorized" }] as SchemeConfig[]) {
      const d = joined({ exam: "independent", scheme, maxStudents: 4, bots: 5, endAtCriterion: false });
      play(d, 2);
      d.emit({ type: "opened", round: 3, closesAt: 0 });
      const state = synced(d);
      d.emit({ type: "submitted", round: 3, seat: 1, level: 0.9, final: false });
      syncState(state, d.state, [1]);
      const wall = wallOf(state);
      expect(wall.seats[1].level).toBe(0.9);
      // Before the reveal the wall's credits are what each student heard: no moving level changes them.
      expect(unsigned(wall), scheme.name).toEqual(unsigned(wallPicture(pictureOf(d.state))));
    }
  });
});
