/**
 * The settings form: its choices come from the engine's own lists, so a scheme or exam added there shows
 * up here, and a value the engine would refuse is named beside the form with its field marked invalid.
 */
import { EXAM_KINDS, SCHEME_NAMES } from "../../../shared/engine/index.ts";
import { schemeLabel, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { DEFAULT_CONFIG, type DemoConfig, type FormReading, readForm, SPEEDS } from "./config.ts";
import { schemeOf } from "./words.ts";

const EXAM_TEXT: Record<string, string> = {
  independent: "independent: a target each",
  readout: "readout: 2 outputs, push and pull",
  layered: "layered: two layers",
};

function fill(
  select: HTMLSelectElement,
  options: readonly [value: string, text: string][],
  chosen: string,
): void {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = text;
      o.selected = value === chosen;
      return o;
    }),
  );
}

function select(form: HTMLFormElement, name: string): HTMLSelectElement {
  const el = form.elements.namedItem(name);
  if (!(el instanceof HTMLSelectElement)) throw new Error(`the form needs a <select name="${name}">`);
  return el;
}

export class SettingsForm {
  readonly form: HTMLFormElement;
  private readonly error: HTMLElement;

  constructor(form: HTMLFormElement, error: HTMLElement) {
    this.form = form;
    this.error = error;
    const schemes = SCHEME_NAMES.map((n): [string, string] => {
      const s = schemeOf(n);
      return [n, `${schemeLabel(s)}: ${schemePhrase(s)}`];
    });
    fill(
      select(form, "exam"),
      EXAM_KINDS.map((k): [string, string] => [k, EXAM_TEXT[k] ?? k]),
      DEFAULT_CONFIG.exam,
    );
    fill(select(form, "schemeA"), schemes, DEFAULT_CONFIG.schemes[0]);
    fill(select(form, "schemeB"), schemes, DEFAULT_CONFIG.schemes[1]);
    fill(
      select(form, "speed"),
      SPEEDS.map((s): [string, string] => [String(s), `${s} rounds a second`]),
      String(DEFAULT_CONFIG.speed),
    );
  }

  /** The settings, or null after saying what is wrong and marking the field. */
  read(): DemoConfig | null {
    const reading: FormReading = readForm(this.form);
    this.form.querySelectorAll("[aria-invalid]").forEach((el) => {
      el.removeAttribute("aria-invalid");
    });
    if (reading.ok) {
      this.error.textContent = "";
      return reading.config;
    }
    this.error.textContent = reading.message;
    const el = this.form.elements.namedItem(reading.field);
    if (el instanceof HTMLElement) el.setAttribute("aria-invalid", "true");
    return null;
  }

  /** Moves focus to the field the last error named, for people who pressed Play by keyboard. */
  focusInvalid(): void {
    this.form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }
}
