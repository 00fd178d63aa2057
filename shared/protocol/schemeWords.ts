/**
 * Each feedback scheme in words, one vocabulary for the command line, the pages and the comparison
 * sentence: its label with its parameter, and the phrase students hear.
 */
import type { SchemeConfig } from "./session.ts";

/** "teams(5)": the scheme's name with its parameter, as the command line writes it. */
export function schemeLabel(s: SchemeConfig): string {
  switch (s.name) {
    case "noisy":
      return `noisy(${s.noise})`;
    case "teams":
      return `teams(${s.teamSize})`;
    case "blocked":
      return s.population ? `blocked(${s.population})` : `blocked(${s.blockedFraction})`;
    default:
      return s.name;
  }
}

/** What the students hear, as a phrase that fits "with …" (a name alone where the parameters are unknown). */
export function schemePhrase(s: SchemeConfig | { readonly name: SchemeConfig["name"] }): string {
  switch (s.name) {
    case "global":
      return "“Good job, everyone”";
    case "vectorized":
      return "personal signals";
    case "sign":
      return "only the direction of each personal signal";
    case "alignment":
      return "personal signals sent back through a random path";
    case "noisy":
      return "noisy personal signals";
    case "teams":
      return "teamSize" in s ? `one “Good job” per table of ${s.teamSize}` : "one “Good job” per table";
    case "blocked":
      // Which population is blocked is the teacher's to know (schemeLabel): a phone or the wall that said it
      // would tell every student its role, and with it half of its signal.
      if ("population" in s && s.population) return "personal signals blocked for one population";
      if ("blockedFraction" in s && s.blockedFraction === 1) return "every personal signal blocked";
      return "blockedFraction" in s
        ? `personal signals blocked for ${Math.round(s.blockedFraction * 100)} % of the class`
        : "personal signals blocked for part of the class";
  }
}

/**
 * The chart's name for the scheme a round was played under: its name, except that a block of every signal
 * ("blocked-all") or of one population's ("blocked-push", "blocked-pull") is told apart from a share's
 * ("blocked"): a class hears them differently, and the mouse experiment switches between them.
 */
export function chartKey(s: SchemeConfig): string {
  if (s.name !== "blocked") return s.name;
  if (s.population) return `blocked-${s.population}`;
  return s.blockedFraction === 1 ? "blocked-all" : "blocked";
}

/** The scheme name a chart key was made from. */
export const keyBase = (key: string): string => (key.startsWith("blocked-") ? "blocked" : key);

/** What the class heard under a chart key that says more than its name, where no config is at hand. */
export function keyPhrase(key: string): string | null {
  if (key === "blocked-all") return "every personal signal blocked";
  if (key === "blocked-push" || key === "blocked-pull") return "personal signals blocked for one population";
  return null;
}
