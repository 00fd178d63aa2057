/**
 * The new-session form: read into a session configuration, checked with the shared zod schema (the one the
 * server checks with), posted to /api/sessions. The tokens of the reply are kept in this browser only;
 * then the page goes to the session's live view.
 */
import { SessionConfig } from "../../../shared/protocol/session.ts";
import { element } from "../join/dom.ts";
import { createSession } from "./api.ts";
import { h } from "./dom.ts";
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
];
const CHECK_FIELDS = ["endAtCriterion", "standIns"];

const labelOf = (input: HTMLElement): string =>
  document.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? input.id;

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
  const scheme = schemePicker("Feedback", "create", "global");
  element("create-scheme", HTMLDivElement).replaceChildren(scheme.element);

  const showOutputs = (): void => {
    outputsField.hidden = exam.value === "independent";
  };
  exam.addEventListener("change", showOutputs);
  showOutputs();

  const input = (name: string): HTMLInputElement => element(name, HTMLInputElement);

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
    const raw: Record<string, unknown> = { exam: exam.value };
    for (const name of NUMBER_FIELDS) {
      const el = input(name);
      if (name === "outputs" && (exam.value === "independent" || el.value.trim() === "")) continue;
      // An empty or unreadable number is NaN, which the schema refuses with the field's name.
      raw[name] = el.value.trim() === "" ? Number.NaN : Number(el.value);
    }
    for (const name of CHECK_FIELDS) raw[name] = input(name).checked;
    const chosen = scheme.read();
    if (!chosen.ok) {
      fail([chosen.message], [chosen.input]);
      return null;
    }
    raw.scheme = chosen.scheme;
    const parsed = SessionConfig.safeParse(raw);
    if (parsed.success) {
      error.replaceChildren();
      return parsed.data;
    }
    const messages: string[] = [];
    const invalid: HTMLElement[] = [];
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const el = NUMBER_FIELDS.includes(field) ? input(field) : null;
      if (el) {
        el.setAttribute("aria-invalid", "true");
        invalid.push(el);
        messages.push(rangeMessage(el));
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
      onCreated(id);
    });
  });
}
