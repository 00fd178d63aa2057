/**
 * shared/ is the engine and the protocol: pure, deterministic, with no I/O. These checks read its sources so
 * that a Math.random or an import of the server can never slip in (Biome's import rule says the same for
 * packages; the shared tsconfig has no Node or DOM types).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "shared");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/Math\.random/, "Math.random (randomness comes from the seeded generator)"],
  [/Date\.now|new Date\b|performance\./, "the clock (time comes in as an input)"],
  [/\bprocess\.|\bconsole\.|\bwindow\.|\bdocument\./, "the environment"],
  [/\*\*/, "the ** operator (it is Math.pow)"],
  [
    /Math\.(log|exp|pow|sin|cos|tan|tanh|atan|log2|log10|expm1|log1p|cbrt|hypot)\b/,
    "Math functions whose last bits differ between engines",
  ],
];

describe("shared/", () => {
  const files = sources(root);

  it("has sources to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    "%s uses no randomness, clock, environment or inexact Math",
    (_, file) => {
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const [pattern, what] of FORBIDDEN) expect(text, what).not.toMatch(pattern);
    },
  );

  it.each(files.map((f) => [relative(root, f), f]))("%s imports only from shared/", (_, file) => {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+"([^"]+)"/g)) {
      const target = m[1];
      // zod is pure (validation only): the protocol's schemas are written with it.
      if (target === "zod") continue;
      // obscenity is pure too (word matching on strings, no I/O): the nickname filter is built on it.
      if (target === "obscenity") continue;
      expect(target.startsWith("."), `${target} is a package`).toBe(true);
      expect(resolve(join(file, ".."), target).startsWith(root), `${target} leaves shared/`).toBe(true);
    }
  });
});
