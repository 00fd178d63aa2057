import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isJoinCode,
  JOIN_CODE_ALPHABET,
  joinCodeFrom,
  normalizeJoinCode,
} from "../../shared/protocol/joinCode.ts";
import { JoinOptions, StudentMessages, TeacherMessages } from "../../shared/protocol/messages.ts";
import { cleanNickname, NICKNAME_MAX, nicknameKey } from "../../shared/protocol/nickname.ts";
import { SessionConfig } from "../../shared/protocol/session.ts";

describe("nicknames", () => {
  it("are trimmed and their inner spaces folded", () => {
    expect(cleanNickname("  Ada   Lovelace \n")).toEqual({ ok: true, nickname: "Ada Lovelace" });
  });

  it("are refused when empty, too long, unprintable or abusive", () => {
    expect(cleanNickname("   ")).toEqual({ ok: false, error: "empty" });
    expect(cleanNickname(42)).toEqual({ ok: false, error: "empty" });
    expect(cleanNickname("x".repeat(NICKNAME_MAX + 1))).toEqual({ ok: false, error: "too-long" });
    expect(cleanNickname("x".repeat(100_000))).toEqual({ ok: false, error: "too-long" });
    expect(cleanNickname("bad\u0000name")).toEqual({ ok: false, error: "unprintable" });
    expect(cleanNickname("sh1t head")).toEqual({ ok: false, error: "not-allowed" });
    expect(cleanNickname("F.U.C.K")).toEqual({ ok: false, error: "not-allowed" });
  });

  it("keep accents, other scripts and emoji", () => {
    for (const name of ["Zoë", "李雷", "Ana 🚀", "O'Brien"]) expect(cleanNickname(name).ok).toBe(true);
  });

  it("clash when they differ only by case or spacing", () => {
    expect(nicknameKey("Ada Lovelace")).toBe(nicknameKey("ada  lovelace"));
  });
});

describe("join codes", () => {
  it("use six characters from an alphabet without look-alikes", () => {
    for (const c of "0O1IL2Z5S8B") expect(JOIN_CODE_ALPHABET).not.toContain(c);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 6, maxLength: 6 }), (r) => {
        const code = joinCodeFrom(r);
        expect(isJoinCode(code)).toBe(true);
      }),
    );
  });

  it("read what a student typed, case and dashes aside", () => {
    expect(normalizeJoinCode("acd-efg ")).toBe("ACDEFG");
    expect(isJoinCode(normalizeJoinCode("acd efg"))).toBe(true);
    expect(isJoinCode("ACDEF0")).toBe(false);
  });
});

describe("message schemas", () => {
  it("accept good messages and refuse NaN, Infinity, strings, objects and huge arrays", () => {
    expect(StudentMessages.submit.safeParse({ round: 3, level: 0.4 }).success).toBe(true);
    for (const bad of [
      { round: 3, level: Number.NaN },
      { round: 3, level: Number.POSITIVE_INFINITY },
      { round: 3, level: "0.4" },
      { round: 3, level: { v: 1 } },
      { round: 3, level: new Array(100_000).fill(0.5) },
      { round: 2.5, level: 0.5 },
      { round: 3, level: 0.5, extra: true },
      "level",
      null,
    ])
      expect(StudentMessages.submit.safeParse(bad).success).toBe(false);
    expect(TeacherMessages.scheme.safeParse({ scheme: { name: "teams", teamSize: 3 } }).success).toBe(true);
    expect(TeacherMessages.scheme.safeParse({ scheme: { name: "telepathy" } }).success).toBe(false);
  });

  it("tell the three roles apart when joining", () => {
    expect(JoinOptions.safeParse({ role: "teacher", protocol: 1, token: "t" }).success).toBe(true);
    expect(
      JoinOptions.safeParse({
        role: "student",
        protocol: 1,
        code: "ACDEFG",
        nickname: "a",
        clientKey: "12345678",
      }).success,
    ).toBe(true);
    expect(JoinOptions.safeParse({ role: "admin", protocol: 1 }).success).toBe(false);
  });

  it("fill a session's defaults and refuse impossible ones", () => {
    const c = SessionConfig.parse({ exam: "independent", scheme: { name: "global" } });
    expect(c).toMatchObject({ questions: 1, roundSeconds: 30, bots: 0, maxStudents: 200, standIns: false });
    expect(SessionConfig.safeParse({ exam: "oral", scheme: { name: "global" } }).success).toBe(false);
    expect(
      SessionConfig.safeParse({
        exam: "independent",
        scheme: { name: "global" },
        maxStudents: 3000,
        bots: 3000,
      }).success,
    ).toBe(false);
    expect(
      SessionConfig.safeParse({ exam: "independent", scheme: { name: "global" }, extra: 1 }).success,
    ).toBe(false);
  });
});
