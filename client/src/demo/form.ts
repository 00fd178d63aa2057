/**
 * The settings form: its choices come from the engine's own lists, so a scheme or exam added there shows
 * up here; a scheme's parameter shows only while that scheme is chosen; a value the engine would refuse is
 * named beside the form with its field marked invalid. The fields carry the same names as the page's link
 * (settings.ts), so reading the form and reading a link are one check.
 */
import { CLASSROOM_EXAMS, SCHEME_NAMES } from "../../../shared/engine/index.ts";
import { schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { DEFAULT_CONFIG, type DemoConfig, SPEEDS, speedChoice } from "./config.ts";
import {
  type FormReading,
  PARAMETER_OF,
  readSettings,
  SETTING_NAMES,
  type SettingTexts,
  toTexts,
} from "./settings.ts";

/** What each exam is, said under its menu (the menu itself holds the short names, so none is cut off). */
const EXAM_TEXT: Record<string, string> = {
  independent: "a target for each student",
  readout: "2 outputs, students push and pull",
  layered: "two layers of students",
  grating: "the mouse experiment: two populations turn a grating",
};

/**
 * The line under a menu for its chosen value. The blocked scheme is said with its share when the form reads
 * (a share of 1 is "every personal signal blocked", not "part of the class"); the others by name alone.
 */
export function hintFor(name: string, value: string, config: DemoConfig | null): string {
  if (name === "exam") return EXAM_TEXT[value] ?? "";
  const chosen =
    name === "schemeA" ? config?.schemes[0] : name === "schemeB" ? config?.schemes[1] : undefined;
  // Only blocked's name alone can mislead; the others' short phrases stay short in the form's column.
  if (chosen?.name === "blocked" && value === "blocked") return `hears ${schemePhrase(chosen)}`;
  const scheme = SCHEME_NAMES.find((n) => n === value);
  return scheme ? `hears ${schemePhrase({ name: scheme })}` : "";
}

function fill(select: HTMLSelectElement, options: readonly [value: string, text: string][]): void {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = text;
      return o;
    }),
  );
}

function control(form: HTMLFormElement, name: string): HTMLInputElement | HTMLSelectElement | null {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el : null;
}

function select(form: HTMLFormElement, name: string): HTMLSelectElement {
  const el = control(form, name);
  if (!(el instanceof HTMLSelectElement)) throw new Error(`the form needs a <select name="${name}">`);
  return el;
}

export class SettingsForm {
  readonly form: HTMLFormElement;
  private readonly error: HTMLElement;

  constructor(form: HTMLFormElement, error: HTMLElement) {
    this.form = form;
    this.error = error;
    const schemes = SCHEME_NAMES.map((n): [string, string] => [n, n]);
    fill(
      select(form, "exam"),
      CLASSROOM_EXAMS.map((k): [string, string] => [k, k]),
    );
    fill(select(form, "schemeA"), schemes);
    fill(select(form, "schemeB"), schemes);
    fill(
      select(form, "speed"),
      SPEEDS.map((s): [string, string] => [String(s), speedChoice(s)]),
    );
    this.write(DEFAULT_CONFIG);
    // On input too: a blocked share typed as 1 says "every personal signal blocked" before the field is left.
    form.addEventListener("change", () => this.showChoices());
    form.addEventListener("input", () => this.showChoices());
  }

  private texts(): SettingTexts {
    const texts: SettingTexts = {};
    for (const name of SETTING_NAMES) {
      const el = control(this.form, name);
      if (el) texts[name] = el.value;
    }
    return texts;
  }

  /** Puts `config` in the form (the defaults first, then what a link said). */
  write(config: DemoConfig): void {
    const texts = toTexts(config);
    for (const name of SETTING_NAMES) {
      const el = control(this.form, name);
      const t = texts[name];
      if (el && t !== undefined) el.value = t;
    }
    this.showChoices();
  }

  /** Says what each chosen exam and scheme is, and shows the parameter of each chosen scheme only. */
  private showChoices(): void {
    const reading = readSettings(this.texts());
    const config = reading.ok ? reading.config : null;
    this.form.querySelectorAll<HTMLElement>("[data-hint-for]").forEach((hint) => {
      const name = hint.dataset.hintFor ?? "";
      hint.textContent = hintFor(name, control(this.form, name)?.value ?? "", config);
    });
    const chosen = [control(this.form, "schemeA")?.value, control(this.form, "schemeB")?.value];
    for (const [scheme, parameter] of Object.entries(PARAMETER_OF)) {
      const box = this.form.querySelector<HTMLElement>(`[data-parameter="${parameter}"]`);
      if (box) box.hidden = !chosen.includes(scheme);
    }
  }

  /** The settings, or null after saying what is wrong and marking the field. */
  read(): DemoConfig | null {
    const reading: FormReading = readSettings(this.texts());
    this.form.querySelectorAll("[aria-invalid]").forEach((el) => {
      el.removeAttribute("aria-invalid");
    });
    if (reading.ok) {
      this.error.textContent = "";
      return reading.config;
    }
    this.error.textContent = reading.message;
    control(this.form, reading.field)?.setAttribute("aria-invalid", "true");
    return null;
  }

  /** Moves focus to the field the last error named, for people who pressed Play by keyboard. */
  focusInvalid(): void {
    this.form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }
}
