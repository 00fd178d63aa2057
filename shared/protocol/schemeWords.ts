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
