/**
 * The teacher's settings of a live session (the rounds' pacing is in pacing.ts): the scheme for the next
 * round, the round time, the bots, the lock and the stand-ins. Each sends one TeacherMessage; what the room
 * does with it comes back in the state (or as a "rejected" message, said in the line for the last action).
 */
import type { z } from "zod";
import type { TeacherMessages, TeacherMessageType } from "../../../shared/protocol/messages.ts";
import { freshId, h, setText } from "./dom.ts";
import { schemeFrom, type TeacherState } from "./liveState.ts";
import { schemePicker } from "./schemePicker.ts";
import { schemeText } from "./words.ts";

export type Send = <T extends TeacherMessageType>(
  type: T,
  message: z.infer<(typeof TeacherMessages)[T]>,
) => void;

function numberField(label: string, min: number, max: number, hint: string) {
  const id = freshId("control");
  const input = h("input", {
    id,
    type: "number",
    inputmode: "numeric",
    min,
    max,
    step: 1,
    "aria-describedby": `${id}-hint`,
  });
  const button = h("button", { type: "submit", class: "secondary" }, "Set");
  const form = h(
    "form",
    { class: "inline-form", novalidate: true },
    h("label", { for: id }, label),
    h("div", { class: "inline-row" }, input, button),
    h("small", { id: `${id}-hint`, class: "visually-hidden" }, hint),
  );
  return { form, input, button };
}

export class Controls {
  readonly element: HTMLElement;
  private readonly send: Send;
  private readonly say: (text: string) => void;
  private readonly scheme = schemePicker("Feedback from the next round", "live");
  private readonly switchButton = h(
    "button",
    { type: "submit", class: "secondary", id: "switch-scheme" },
    "Switch scheme",
  );
  private readonly schemeNow = h("p", { class: "scheme-now", id: "scheme-now" });
  private readonly roundTime = numberField("Round time (s)", 2, 600, "seconds, from the next round");
  private readonly bots: ReturnType<typeof numberField>;
  private readonly lock = h("button", { type: "button", class: "secondary", id: "lock" }, "Lock the room");
  private readonly lockState = h("p", { class: "hint", id: "lock-state" });
  private locked = false;
  private readonly standIns = h("input", { type: "checkbox", id: "stand-ins" });
  private edited = new Set<HTMLInputElement>();
  /** The scheme the picker was last set to from the state, as JSON. */
  private shownScheme = "";
  private all: (HTMLButtonElement | HTMLInputElement | HTMLSelectElement)[] = [];

  constructor(send: Send, say: (text: string) => void, maxBots: number) {
    this.send = send;
    this.say = say;
    this.bots = numberField("Bots", 0, maxBots, `0 to ${maxBots.toLocaleString("en")}`);
    const schemeForm = h(
      "form",
      { class: "scheme-form", novalidate: true },
      this.scheme.element,
      this.switchButton,
      this.schemeNow,
    );
    schemeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const reading = this.scheme.read();
      if (!reading.ok) {
        this.say(reading.message);
        reading.input.focus();
        return;
      }
      this.act(
        "scheme",
        { scheme: reading.scheme },
        `You switched the scheme from the next round: ${schemeText(reading.scheme)}.`,
      );
    });

    this.numberAction(this.roundTime, (seconds) =>
      this.act("roundTime", { seconds }, `You set the round time to ${seconds} s from the next round.`),
    );
    this.numberAction(this.bots, (count) =>
      this.act("bots", { count }, `You set the bots to ${count.toLocaleString("en")} from the next round.`),
    );

    this.lock.addEventListener("click", () => {
      const locked = !this.locked;
      this.act("lock", { locked }, locked ? "You locked the room." : "You unlocked the room.");
    });
    this.standIns.addEventListener("change", () =>
      this.act(
        "standIns",
        { enabled: this.standIns.checked },
        this.standIns.checked ? "You turned stand-ins on." : "You turned stand-ins off.",
      ),
    );

    this.all = [
      this.switchButton,
      this.scheme.select,
      this.roundTime.input,
      this.roundTime.button,
      this.bots.input,
      this.bots.button,
      this.lock,
      this.standIns,
    ];
    this.element = h(
      "section",
      { class: "controls", "aria-labelledby": "controls-title" },
      h("h3", { id: "controls-title", class: "visually-hidden" }, "Settings"),
      schemeForm,
      h("div", { class: "control-row" }, this.roundTime.form, this.bots.form),
      h(
        "div",
        { class: "control-row" },
        h("div", { class: "lock-item" }, this.lock, this.lockState),
        h(
          "div",
          { class: "check" },
          this.standIns,
          h("label", { for: "stand-ins" }, "Stand-ins for absent students"),
        ),
      ),
    );
  }

  private act<T extends TeacherMessageType>(
    type: T,
    message: z.infer<(typeof TeacherMessages)[T]>,
    said: string,
  ): void {
    this.send(type, message);
    this.say(said);
  }

  private numberAction(field: ReturnType<typeof numberField>, run: (value: number) => void): void {
    field.input.addEventListener("input", () => this.edited.add(field.input));
    field.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = Number(field.input.value);
      const min = Number(field.input.min);
      const max = Number(field.input.max);
      if (field.input.value.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
        field.input.setAttribute("aria-invalid", "true");
        this.say(`That must be a whole number from ${min} to ${max.toLocaleString("en")}.`);
        field.input.focus();
        return;
      }
      field.input.removeAttribute("aria-invalid");
      this.edited.delete(field.input);
      run(value);
    });
  }

  /** Brings the controls in line with the state; `usable` is false while disconnected or after the end. */
  update(state: TeacherState, usable: boolean): void {
    const phase = state.phase;
    const ended = phase === "ended";
    for (const el of this.all) el.disabled = !usable || ended;
    this.scheme.setDisabled(!usable || ended);
    const now = schemeFrom(state.scheme);
    const next = schemeFrom(state.nextScheme);
    // The picker follows a switch made elsewhere (the grating's block buttons), unless the teacher is in it.
    const shown = JSON.stringify(next ?? now);
    if (
      (next ?? now) &&
      shown !== this.shownScheme &&
      !this.scheme.element.contains(document.activeElement)
    ) {
      const scheme = next ?? now;
      if (scheme) this.scheme.set(scheme);
      this.shownScheme = shown;
    }
    setText(
      this.schemeNow,
      `${now ? `Now: ${schemeText(now)}.` : ""}${next ? ` Next round: ${schemeText(next)}.` : ""}`.trim(),
    );
    // What the teacher is typing is not overwritten by the state.
    if (!this.edited.has(this.roundTime.input) && document.activeElement !== this.roundTime.input)
      this.roundTime.input.value = String(state.roundSeconds);
    if (!this.edited.has(this.bots.input) && document.activeElement !== this.bots.input)
      this.bots.input.value = String(state.bots);
    this.locked = state.locked;
    setText(this.lock, state.locked ? "Unlock the room" : "Lock the room");
    setText(this.lockState, state.locked ? "Locked: nobody new can join." : "");
    this.standIns.checked = state.standIns;
  }

  /** The most bots the session has seats for (known once its configuration has been read). */
  setMaxBots(max: number): void {
    this.bots.input.max = String(max);
    const hint = this.bots.form.querySelector("small");
    if (hint) hint.textContent = `0 to ${max.toLocaleString("en")}`;
  }

  /** Sets the scheme picker to the live scheme once, when the view opens. */
  showScheme(state: TeacherState): boolean {
    const now = schemeFrom(state.scheme);
    if (now) this.scheme.set(now);
    return now !== null;
  }
}
