/**
 * The words and numbers above one field: the scheme, the bots' rule and rate, the round, the class score,
 * what the class heard last, and when it met the criterion. Text is written only when it changes, and the
 * page calls this at most ten times a second, so a class playing thousands of rounds a second does not
 * rebuild the DOM for each.
 */
import { schemeLabel, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import type { LaneMirror } from "./mirror.ts";
import { rounds, ruleText } from "./words.ts";

const rateText = (rate: number): string => Number(rate.toPrecision(3)).toString();

export class LanePanel {
  private readonly slots: Record<string, HTMLElement>;
  readonly field: HTMLElement;

  constructor(root: HTMLElement) {
    this.slots = {};
    root.querySelectorAll<HTMLElement>("[data-slot]").forEach((el) => {
      this.slots[el.dataset.slot ?? ""] = el;
    });
    const field = root.querySelector<HTMLElement>("[data-field]");
    if (!field) throw new Error("a lane needs a [data-field] element");
    this.field = field;
  }

  private put(slot: string, text: string): void {
    const el = this.slots[slot];
    if (el && el.textContent !== text) el.textContent = text;
  }

  /** A lane still being tuned shows its scheme and waits. */
  waiting(label: string, phrase: string): void {
    this.put("scheme", label);
    this.put("phrase", `hears ${phrase}`);
    this.put("rule", "Finding this scheme's best rate…");
    this.put("round", "0");
    this.put("score", "–");
    this.put("heard", "");
    this.put("reached", "");
  }

  show(lane: LaneMirror): void {
    const { scheme, learner, rate, source } = lane.plan;
    this.put("scheme", schemeLabel(scheme));
    this.put("phrase", `hears ${schemePhrase(scheme)}`);
    this.put("rule", `Bots: ${ruleText(learner)}; rate η = ${rateText(rate)} (${source}).`);
    this.put("round", lane.rounds.toLocaleString("en"));
    this.put("score", Math.round(lane.score).toString());
    this.put("heard", lane.heard);
    this.put(
      "reached",
      lane.reachedAt === null ? "Not at 95 % yet." : `Reached 95 % in ${rounds(lane.reachedAt)}.`,
    );
    const students = lane.students;
    const label = `${students.toLocaleString("en")} neurons, one per student, lit by their distance from the key and ringed by their feedback.`;
    if (this.field.getAttribute("aria-label") !== label) this.field.setAttribute("aria-label", label);
    this.field.parentElement?.classList.toggle("is-reached", lane.reachedAt !== null);
  }
}
