/**
 * The teacher's pacing of a live session: one big button that does the next thing (Start in the lobby,
 * Next round after a round, Resume when paused), "Close the round now" beside it, Pause, End, the reveal of
 * the keys, and the switch that lets rounds open by themselves after N seconds with its countdown. The
 * space bar and a presenter's clicker (Page Down, →, Enter) press the big button whenever the focus is not in
 * a field or on another button. Each control sends one TeacherMessage; what the room does comes back in the
 * state, which is all the buttons read.
 */
import type { Send } from "./controls.ts";
import { h, setText } from "./dom.ts";
import type { TeacherState } from "./liveState.ts";
import { isAdvanceKey, type PrimaryAction, primaryAction, secondsLeft } from "./status.ts";

type ButtonName = "start" | "advance" | "resume" | "close" | "pause" | "end" | "reveal";

export class Pacing {
  readonly element: HTMLElement;
  private readonly send: Send;
  private readonly say: (text: string) => void;
  private readonly buttons: Record<ButtonName, HTMLButtonElement>;
  private readonly auto = h("input", {
    type: "checkbox",
    id: "auto-advance",
    "aria-describedby": "auto-hint",
  });
  private readonly seconds = h("input", {
    type: "number",
    id: "auto-seconds",
    inputmode: "numeric",
    min: 0,
    max: 120,
    step: 1,
    value: 10,
    "aria-label": "Seconds before the next round opens by itself",
  });
  private readonly countdown = h("span", { class: "countdown", id: "next-countdown", role: "timer" });
  private readonly autoRow: HTMLElement;
  private phase = "";
  private editingSeconds = false;
  /** The switch as the teacher just set it, until the room's state says the same. */
  private pendingAuto: boolean | null = null;
  private readonly onKey = (event: KeyboardEvent): void => this.key(event);

  constructor(send: Send, say: (text: string) => void) {
    this.send = send;
    this.say = say;
    const button = (id: string, text: string, cls: string) =>
      h("button", { type: "button", id, class: cls }, text);
    this.buttons = {
      start: button("start", "Start", "primary big"),
      advance: button("advance", "Next round", "primary big"),
      resume: button("resume", "Resume", "primary big"),
      close: button("close-round", "Close the round now", "secondary"),
      pause: button("pause", "Pause", "secondary"),
      end: button("end", "End the session…", "danger"),
      reveal: button("reveal", "Reveal the keys…", "secondary"),
    };
    const b = this.buttons;
    b.start.addEventListener("click", () => this.act("start", "You pressed Start."));
    b.advance.addEventListener("click", () => this.act("advance", "You pressed Next round."));
    b.resume.addEventListener("click", () => this.act("resume", "You pressed Resume."));
    b.close.addEventListener("click", () => this.act("advance", "You pressed Close the round now."));
    b.pause.addEventListener("click", () => this.act("pause", "You pressed Pause."));
    b.end.addEventListener("click", () => {
      if (confirm("End the session for everyone? It cannot be restarted; its replay stays."))
        this.act("end", "You ended the session.");
    });
    b.reveal.addEventListener("click", () => {
      if (
        confirm(
          "Reveal the keys? Every student then sees its own key, and the wall shows the whole picture. It cannot be taken back.",
        )
      ) {
        this.send("reveal", {});
        this.say("You revealed the keys.");
      }
    });
    this.auto.addEventListener("change", () => this.sendAuto());
    this.seconds.addEventListener("input", () => {
      this.editingSeconds = true;
    });
    this.seconds.addEventListener("change", () => {
      this.editingSeconds = false;
      this.sendAuto();
    });

    this.autoRow = h(
      "div",
      { class: "auto-row" },
      this.auto,
      h("label", { for: "auto-advance" }, "Open the next round by itself after"),
      this.seconds,
      h("span", {}, "s"),
      this.countdown,
      h(
        "small",
        { id: "auto-hint" },
        "Off: the class waits for you (Next round, the space bar or a clicker).",
      ),
    );
    this.element = h(
      "section",
      { class: "pacing", "aria-label": "Rounds" },
      h("div", { class: "pace-row" }, b.start, b.advance, b.resume, b.close, b.pause),
      this.autoRow,
      h("div", { class: "pace-row" }, b.reveal, b.end),
    );
    document.addEventListener("keydown", this.onKey);
  }

  private act(type: PrimaryAction | "pause" | "end", said: string): void {
    this.send(type, {});
    this.say(said);
  }

  private sendAuto(): void {
    const value = Number(this.seconds.value);
    if (this.seconds.value.trim() === "" || !Number.isInteger(value) || value < 0 || value > 120) {
      this.seconds.setAttribute("aria-invalid", "true");
      this.say("The seconds before the next round must be a whole number from 0 to 120.");
      return;
    }
    this.seconds.removeAttribute("aria-invalid");
    const enabled = this.auto.checked;
    this.pendingAuto = enabled;
    this.send("autoAdvance", { enabled, seconds: value });
    this.say(
      enabled
        ? `You set rounds to open by themselves ${value} s after each close.`
        : "You set rounds to wait for you.",
    );
  }

  /** The space bar or a clicker: the big button, when the focus is not somewhere a key means something else. */
  private key(event: KeyboardEvent): void {
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (!isAdvanceKey(event, target)) return;
    event.preventDefault();
    const action = primaryAction(this.phase);
    const button = action ? this.buttons[action] : null;
    if (button && !button.disabled && !button.hidden) button.click();
    else if (this.phase === "open")
      this.say(
        "A round is open: it closes when its time is up or everyone has submitted (or: Close the round now).",
      );
  }

  /** Brings the buttons in line with the state; `usable` is false while disconnected or after the end. */
  update(state: TeacherState, usable: boolean, serverNow: number): void {
    const phase = state.phase;
    this.phase = usable ? phase : "";
    const b = this.buttons;
    const live = usable && phase !== "ended";
    const ended = phase === "ended";
    b.start.hidden = phase !== "lobby";
    b.resume.hidden = phase !== "paused";
    b.advance.hidden = phase === "lobby" || phase === "paused" || ended;
    b.close.hidden = phase === "lobby" || ended;
    b.pause.hidden = phase === "paused" || phase === "lobby" || ended;
    // After the end only the words stay: nothing here can move the class any more.
    this.autoRow.hidden = ended;
    b.end.hidden = ended;
    b.start.disabled = !live || phase !== "lobby";
    b.advance.disabled = !live || phase !== "review";
    b.resume.disabled = !live || phase !== "paused";
    b.close.disabled = !live || phase !== "open";
    b.pause.disabled = !live || (phase !== "open" && phase !== "review");
    b.end.disabled = !live;
    const revealed = state.revealed === true;
    b.reveal.disabled = !live || revealed || phase === "lobby";
    setText(b.reveal, revealed ? "Keys revealed" : "Reveal the keys…");
    this.auto.disabled = this.seconds.disabled = !live;
    // A patch sent before the room heard the switch must not flip it back under the teacher's hand.
    const auto = state.autoAdvance === true;
    if (this.pendingAuto === auto) this.pendingAuto = null;
    this.auto.checked = this.pendingAuto ?? auto;
    if (!this.editingSeconds && document.activeElement !== this.seconds)
      this.seconds.value = String(state.reviewSeconds ?? 10);
    this.tick(state, serverNow);
  }

  /** The countdown beside the switch: seconds to the next round when it opens by itself. */
  tick(state: TeacherState, serverNow: number): void {
    const at = state.nextRoundAt ?? 0;
    const on = state.phase === "review" && state.autoAdvance === true && at > 0;
    setText(this.countdown, on ? `Next round in ${secondsLeft(at - serverNow)} s` : "");
  }

  destroy(): void {
    document.removeEventListener("keydown", this.onKey);
  }
}
