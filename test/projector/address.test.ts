/**
 * The projector's URL: the code in the path, the key in the fragment or else kept by the tab, the address
 * shown once the key is kept, and the join URL it shows.
 */
import { describe, expect, it } from "vitest";
import {
  addressWithoutKey,
  joinUrlFor,
  keptKeyName,
  readAddress,
} from "../../client/src/projector/address.ts";

describe("the projector's address", () => {
  it("reads the code from the path and the key from the fragment", () => {
    expect(readAddress("/class/ACDEFG", "#key=abc123")).toEqual({
      ok: true,
      code: "ACDEFG",
      token: "abc123",
      fromLink: true,
    });
    expect(readAddress("/class/acd-efg/", "#key=t%2Bk")).toEqual({
      ok: true,
      code: "ACDEFG",
      token: "t+k",
      fromLink: true,
    });
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

  it("takes the key the tab kept for the code when the address has none, and a link's key over the kept one", () => {
    const kept = new Map([["ACDEFG", "kept-key"]]);
    const lookup = (code: string) => kept.get(code) ?? null;
    expect(readAddress("/class/ACDEFG", "", lookup)).toEqual({
      ok: true,
      code: "ACDEFG",
      token: "kept-key",
      fromLink: false,
    });
    expect(readAddress("/class/acd-efg", "", lookup)).toMatchObject({ ok: true, token: "kept-key" });
    expect(readAddress("/class/ACDEFG", "#key=new-key", lookup)).toMatchObject({
      token: "new-key",
      fromLink: true,
    });
    // Another class's kept key is not this one's.
    expect(readAddress("/class/ACDEFH", "", lookup)).toEqual({
      ok: false,
      code: "ACDEFH",
      problem: "no-key",
    });
    // A link with a broken key says so rather than quietly using an older one.
    expect(readAddress("/class/ACDEFG", "#key=", lookup)).toMatchObject({ ok: false, problem: "no-key" });
    expect(readAddress("/class/ACDEFG", "", () => "x".repeat(129))).toMatchObject({ problem: "no-key" });
  });

  it("shows the page's address without the key, keeping its query, and keeps keys per class", () => {
    expect(addressWithoutKey("/class/ACDEFG", "")).toBe("/class/ACDEFG");
    expect(addressWithoutKey("/class/ACDEFG", "?server=http%3A%2F%2F10.0.0.2")).toBe(
      "/class/ACDEFG?server=http%3A%2F%2F10.0.0.2",
    );
    expect(keptKeyName("ACDEFG")).not.toBe(keptKeyName("ACDEFH"));
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
