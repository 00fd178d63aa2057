/**
 * The rules of a nickname one by one: what people cannot see, what has nothing to read, who a student may
 * not pass for, and when two names are one to the eye (in a class's seats and in a ban by name).
 */
import { describe, expect, it } from "vitest";
import { cleanNickname, type NicknameError, nicknameKey } from "../../shared/protocol/nickname.ts";
import { checkJoin } from "../../shared/session/rules.ts";
import { driver } from "../session/driver.ts";

const errorOf = (name: string): NicknameError | null => {
  const result = cleanNickname(name);
  return result.ok ? null : result.error;
};

describe("a nickname people cannot see", () => {
  it.each([
    ["U+3164 HANGUL FILLER", "\u3164"],
    ["U+3164 between letters", "ana\u3164bel"],
    ["U+115F HANGUL CHOSEONG FILLER", "\u115F"],
    ["U+1160 HANGUL JUNGSEONG FILLER", "\u1160"],
    ["U+FFA0 HALFWIDTH HANGUL FILLER", "\uFFA0"],
    ["U+2800 BRAILLE PATTERN BLANK", "\u2800\u2800"],
    ["a zero-width space", "ali\u200Bce"],
    ["a word joiner", "alice\u2060"],
    ["a Mongolian vowel separator", "ali\u180Ece"],
    ["a soft hyphen", "al\u00ADice"],
    ["a right-to-left override", "\u202Eecila"],
    ["a zero-width joiner alone", "\u200D"],
    ["a tag character", "ana\u{E0041}"],
    ["a control character", "bad\u0000name"],
    ["a lone surrogate", "ana\uD800"],
    ["a private-use character", "ana\uF8FF"],
    ["a tower of combining marks", "Za\u0301\u0302\u0303\u0304\u0305\u0306lgo"],
  ])("is refused as unprintable: %s", (_, name) => {
    expect(errorOf(name)).toBe("unprintable");
  });

  it("keeps the joiners writing needs: a Persian name with a non-joiner, emoji sequences", () => {
    for (const name of ["علی‌رضا", "Ana 👩‍💻", "❤️ Ben", "Ngọc"]) expect(errorOf(name)).toBeNull();
  });
});

describe("a nickname with nothing to read", () => {
  it.each([
    ["combining marks only", "\u0301\u0302\u0303"],
    ["one combining mark", "\u0308"],
    ["an emoji only", "🚀"],
    ["an emoji sequence only", "👩‍💻"],
    ["punctuation only", "!!! ..."],
  ])("is refused as no-letters: %s", (_, name) => {
    expect(errorOf(name)).toBe("no-letters");
  });

  it("is accepted with one letter or digit beside the rest", () => {
    for (const name of ["A 🚀", "7", "★ Li"]) expect(errorOf(name)).toBeNull();
  });
});

describe("a nickname that passes for the teacher or a bot", () => {
  it.each([
    "Teacher",
    "teacher",
    "TEACHER",
    "the teacher",
    "The Teacher",
    "Mr Teacher",
    "Teacher 2",
    "T3acher",
    "Тeacher", // a Cyrillic Т
    "ｔｅａｃｈｅｒ",
    "teacher!!",
    "Professor",
    "prof",
    "Profesora",
    "admin",
    "Adm1n",
    "Moderator",
    "Projector",
    "staff",
    "bot",
    "bot 3",
    "Bot 12",
    "b0t 3",
    "bot3",
    "BOT-7",
    "b o t 3",
    "Вot 3", // a Cyrillic В
  ])("is refused as reserved: %s", (name) => {
    expect(errorOf(name)).toBe("reserved");
  });

  it("lets through names that only contain those words", () => {
    for (const name of ["Botond", "Abbot", "Ada the Professor", "Teacher's pet Li", "Robot Ana", "Staffan"])
      expect(errorOf(name)).toBeNull();
  });
});

describe("the name key (taken names, bans by name)", () => {
  it.each([
    ["case", "Alice", "ALICE"],
    ["spaces", "Ada Lovelace", "ada  lovelace"],
    ["a Cyrillic а", "alice", "\u0430lice"],
    ["Cyrillic capitals", "ALICE", "\u0410LI\u0421E"],
    ["a Greek Alpha", "Alice", "\u0391lice"],
    ["fullwidth letters", "alice", "ａｌｉｃｅ"],
    ["mathematical letters", "alice", "𝐚𝐥𝐢𝐜𝐞"],
    ["a capital I for an l", "Alice", "AIice"],
    ["a digit 0 for an o", "Bob", "B0b"],
    ["a joiner inside", "alice", "al\u200Cice"],
    ["a composed and a decomposed accent", "Zo\u00EB", "Zoe\u0308"],
  ])("folds %s", (_, a, b) => {
    expect(nicknameKey(a)).toBe(nicknameKey(b));
  });

  it("keeps apart names people can tell apart", () => {
    for (const [a, b] of [
      ["Zoë", "Zoe"],
      ["Tuấn", "Tuân"],
      ["Анна", "Anna"],
      ["李雷", "李磊"],
      ["Ana-Maria", "Ana Mario"],
    ])
      expect(nicknameKey(a)).not.toBe(nicknameKey(b));
  });

  it("makes a look-alike of a seated name a taken name, and a look-alike of a banned name banned", () => {
    const d = driver({ exam: "independent", scheme: { name: "global" }, maxStudents: 3, bots: 0 });
    d.emit({ type: "joined", seat: 0, nickname: "alice", clientKey: "key-alice-xxxx" });
    expect(checkJoin(d.state, "\u0430lice", "key-other-xxxx")).toBe("name-taken");
    expect(checkJoin(d.state, "AIice", "key-other-xxxx")).toBe("name-taken");
    d.emit({ type: "left", seat: 0, reason: "banned" });
    expect(checkJoin(d.state, "ａｌｉｃｅ", "key-new-xxxxxx")).toBe("name-banned");
    expect(checkJoin(d.state, "Alicia", "key-new-xxxxxx")).toBeNull();
  });
});
