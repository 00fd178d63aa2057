/** The projector's URL: the code in the path, the key in the fragment, and the join URL it shows. */
import { describe, expect, it } from "vitest";
import { joinUrlFor, readAddress } from "../../client/src/projector/address.ts";

describe("the projector's address", () => {
  it("reads the code from the path and the key from the fragment", () => {
    expect(readAddress("/class/ACDEFG", "#key=abc123")).toEqual({
      ok: true,
      code: "ACDEFG",
      token: "abc123",
    });
    expect(readAddress("/class/acd-efg/", "#key=t%2Bk")).toEqual({ ok: true, code: "ACDEFG", token: "t+k" });
    expect(readAddress("/class/ACDEFG", "#other=1&key=xyz")).toMatchObject({ ok: true, token: "xyz" });
  });

  it("says what is missing: the key, or a code at all", () => {
    expect(readAddress("/class/ACDEFG", "")).toEqual({ ok: false, code: "ACDEFG", problem: "no-key" });
    expect(readAddress("/class/ACDEFG", "#key=")).toEqual({ ok: false, code: "ACDEFG", problem: "no-key" });
    expect(readAddress("/class/ACDEFG", `#key=${"x".repeat(129)}`)).toMatchObject({ problem: "no-key" });
    expect(readAddress("/class/0000", "#key=abc")).toEqual({ ok: false, code: "0000", problem: "no-code" });
    expect(readAddress("/class/%E0%A4%A", "#key=abc")).toMatchObject({ ok: false, problem: "no-code" });
    expect(readAddress("/teacher", "#key=abc")).toEqual({ ok: false, code: null, problem: "no-code" });
  });

  it("builds the join URL from the server's join origin, or the page's own", () => {
    expect(joinUrlFor(null, "http://10.0.0.2:2567", "ACDEFG")).toBe("http://10.0.0.2:2567/join/ACDEFG");
    expect(joinUrlFor("https://exam.school.org/", "http://localhost", "ACDEFG")).toBe(
      "https://exam.school.org/join/ACDEFG",
    );
    expect(joinUrlFor("javascript:alert(1)", "http://localhost", "ACDEFG")).toBe(
      "http://localhost/join/ACDEFG",
    );
  });
});
