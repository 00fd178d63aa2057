/**
 * The new-session form: presets that fill it in one click, its fields read into a session configuration,
 * checked with the shared zod schema (the one the server checks with), posted to /api/sessions. The tokens
 * of the reply are kept in this browser only; then the page goes to the session's live view.
 */
import { CLASSROOM_EXAMS } from "../../../shared/engine/exam.ts";
import { SessionConfig } from "../../../shared/protocol/session.ts";
import { element } from "../join/dom.ts";
import { createSession } from "./api.ts";
import { h } from "./dom.ts";
import { configOf, DEFAULT_FORM, type FormValues, PRESETS, type Preset } from "./presets.ts";
import { schemePicker } from "./schemePicker.ts";
import { keepSession } from "./store.ts";

const NUMBER_FIELDS = [
  "outputs",
  "questions",
  "roundSeconds",
  "reviewSeconds",
  "maxRounds",
  "maxStudents",
  "bots",
] as const;
const CHECK_FIELDS = ["autoAdvance", "endAtCriterion", "standIns", "twinLikePeople"] as const;
const NUMBER_NAMES: readonly string[] = NUMBER_FIELDS;

/** A field's name for a message: its label, or for an input inside a label, what the input is for. */
const labelOf = (input: HTMLElement): string =>
  input.getAttribute("aria-label") ??
  document.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ??
  input.id;

/** What a number field must hold, from its own constraints: "Round time (seconds) must be a whole number from 2 to 600." */
function rangeMessage(input: HTMLInputElement): string {
  const whole = input.step === "1" ? "a whole number" : "a number";
  return `${labelOf(input)} must be ${whole} from ${input.min} to ${input.max}.`;
}

export function startCreateForm(onCreated: (id: string) => void): void {
  const form = element("create-form", HTMLFormElement);
  const error = element("create-error", HTMLDivElement);
  const button = element("create", HTMLButtonElement);
  const exam = element("exam", HTMLSelectElement);
  const outputsField = element("outputs-field", HTMLDivElement);
  const presetSaid = element("preset-said", HTMLParagraphElement);
  const scheme = schemePicker(
    "Feedback",
    "create",
    "global",
    "What the class hears after each round; you can switch it live from the dashboard.",
  );
  element("create-scheme", HTMLDivElement).replaceChildren(scheme.element);

  // One output on these exams (independent: none to set; grating: the angle), so no outputs field.
  // The exam's hint, as the page wrote it, except where an exam needs its own.
  const examHint = element("exam-hint", HTMLElement);
  const pageHint = examHint.textContent ?? "";
  const EXAM_HINTS: Partial<Record<string, string>> = {
    grating:
      "Two mixed populations of students and bots turn one grating toward a target: one pushes, the other pulls.",
  };
  const showOutputs = (): void => {
    outputsField.hidden = exam.value === "independent" || exam.value === "grating";
    examHint.textContent = EXAM_HINTS[exam.value] ?? pageHint;
  };
  exam.addEventListener("change", showOutputs);
  showOutputs();

  const input = (name: string): HTMLInputElement => element(name, HTMLInputElement);

  /** Puts a preset's (or the defaults') values in the form, leaving it to the teacher to create. */
  function fill(values: FormValues): void {
    exam.value = values.exam;
    input("outputs").value = values.outputs === null ? "" : String(values.outputs);
    for (const name of NUMBER_FIELDS) if (name !== "outputs") input(name).value = String(values[name]);
    for (const name of CHECK_FIELDS) input(name).checked = values[name];
    scheme.set(values.scheme);
    form.querySelectorAll("[aria-invalid]").forEach((el) => {
      el.removeAttribute("aria-invalid");
    });
    error.replaceChildren();
    showOutputs();
  }

  // A preset looks chosen only while the form holds it as it was filled in.
  const unpress = (): void => {
    document.querySelectorAll(".preset").forEach((b) => {
      b.setAttribute("aria-pressed", "false");
    });
  };
  const presetButton = (preset: Preset): HTMLElement => {
    const descriptionId = `preset-${preset.id}-note`;
    const choose = h(
      "button",
      {
        type: "button",
        class: "secondary preset",
        id: `preset-${preset.id}`,
        "aria-pressed": "false",
        "aria-describedby": descriptionId,
      },
      preset.name,
    );
    choose.addEventListener("click", () => {
      fill(preset.values);
      unpress();
      choose.setAttribute("aria-pressed", "true");
      presetSaid.textContent = `Filled in: ${preset.name}. Check the form, then press Create session.`;
    });
    return h(
      "div",
      { class: "preset-item" },
      choose,
      h("p", { id: descriptionId, class: "hint" }, preset.description),
    );
  };
  element("create-presets", HTMLDivElement).replaceChildren(...PRESETS.map(presetButton));
  form.addEventListener("input", unpress);
  fill(DEFAULT_FORM);

  const fail = (messages: string[], invalid: HTMLElement[]): void => {
    error.replaceChildren(
      h("p", {}, messages.length === 1 ? "Please fix this:" : "Please fix these:"),
      h("ul", {}, ...messages.map((m) => h("li", {}, m))),
    );
    invalid[0]?.focus();
  };

  /** The configuration, or null after marking what is wrong. */
  function read(): SessionConfig | null {
    form.querySelectorAll("[aria-invalid]").forEach((el) => {
      el.removeAttribute("aria-invalid");
    });
    const chosen = scheme.read();
    if (!chosen.ok) {
      fail([chosen.message], [chosen.input]);
      return null;
    }
    // An empty or unreadable number is NaN, which the schema refuses with the field's name.
    const numberOf = (name: string): number => {
      const text = input(name).value.trim();
      return text === "" ? Number.NaN : Number(text);
    };
    const kind = CLASSROOM_EXAMS.find((k) => k === exam.value) ?? "independent";
    const values: FormValues = {
      exam: kind,
      outputs: input("outputs").value.trim() === "" ? null : numberOf("outputs"),
      questions: numberOf("questions"),
      scheme: chosen.scheme,
      roundSeconds: numberOf("roundSeconds"),
      autoAdvance: input("autoAdvance").checked,
      reviewSeconds: numberOf("reviewSeconds"),
      maxRounds: numberOf("maxRounds"),
      endAtCriterion: input("endAtCriterion").checked,
      maxStudents: numberOf("maxStudents"),
      bots: numberOf("bots"),
      standIns: input("standIns").checked,
      twinLikePeople: input("twinLikePeople").checked,
    };
    const parsed = SessionConfig.safeParse(configOf(values));
    if (parsed.success) {
      error.replaceChildren();
      return parsed.data;
    }
    const messages: string[] = [];
    const invalid: HTMLElement[] = [];
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const el = NUMBER_NAMES.includes(field) ? input(field) : null;
      if (el) {
        el.setAttribute("aria-invalid", "true");
        invalid.push(el);
        // A field's own range, or a sentence about the whole session (its memory budget) that names the field.
        messages.push(issue.code === "custom" ? issue.message : rangeMessage(el));
      } else messages.push(issue.code === "custom" ? `Students and bots: ${issue.message}.` : issue.message);
    }
    fail([...new Set(messages)], invalid);
    return null;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const config = read();
    if (!config) return;
    button.disabled = true;
    error.replaceChildren(h("p", {}, "Creating the session…"));
    void createSession(config).then((reply) => {
      button.disabled = false;
      if (!reply.ok) {
        error.replaceChildren(h("p", {}, reply.error));
        return;
      }
      const { id, teacherToken, projectorToken, code } = reply.value;
      keepSession(id, { teacherToken, projectorToken, code, createdAt: Date.now() });
      error.replaceChildren();
      presetSaid.textContent = "";
      onCreated(id);
    });
  });
}
