/**
 * The level control: a big range input (touch, mouse and keyboard for free) and Submit. During play the
 * track is blind: nothing on it says where the key lies. Once the keys are revealed the student's own key
 * is marked on the track. Moves are sent at most 5 times a second and only in the open round;
 * the last one always goes out, so the level that stands is the one on screen.
 */
import type { ClientMessage } from "../../../shared/protocol/messages.ts";
import { canPlay, current, type Model, shownKey, subscribe, update } from "./model.ts";

export interface LevelElements {
  readonly slider: HTMLInputElement;
  readonly value: HTMLOutputElement;
  readonly track: HTMLElement;
  readonly key: HTMLElement;
  readonly submit: HTMLButtonElement;
}

export type Send = <T extends "level" | "submit">(type: T, message: ClientMessage<T>) => void;

const MIN_GAP_MS = 200;

export function levelControl(els: LevelElements, send: Send): void {
  let lastSentAt = 0;
  let lastSent = Number.NaN;
  let pending: ReturnType<typeof setTimeout> | null = null;
  /** The level of the last Submit this round, to tell "submitted" from "moved since". */
  let submittedLevel = Number.NaN;

  const flush = (): void => {
    pending = null;
    const m = current();
    if (!canPlay(m) || m.level === lastSent) return;
    lastSentAt = Date.now();
    lastSent = m.level;
    send("level", { round: m.round, level: m.level });
  };

  els.slider.addEventListener("input", () => {
    update({ level: Number(els.slider.value), notice: null });
    if (pending) return;
    const wait = lastSentAt + MIN_GAP_MS - Date.now();
    if (wait <= 0) flush();
    else pending = setTimeout(flush, wait);
  });

  els.submit.addEventListener("click", () => {
    const m = current();
    if (!canPlay(m)) return;
    if (pending) clearTimeout(pending);
    pending = null;
    lastSent = m.level;
    lastSentAt = Date.now();
    submittedLevel = m.level;
    send("submit", { round: m.round, level: m.level });
    update({ submitted: true, notice: null });
  });

  subscribe((m: Model, before: Model) => {
    if (m.round !== before.round) {
      submittedLevel = Number.NaN;
      lastSent = Number.NaN;
    }
    // Submitted before this page knew (a refresh): the level on screen is the one submitted.
    if (m.submitted && Number.isNaN(submittedLevel)) submittedLevel = m.level;
    const playing = canPlay(m);
    els.slider.disabled = !playing;
    if (Number(els.slider.value) !== m.level) els.slider.value = String(m.level);
    els.slider.setAttribute("aria-valuetext", m.level.toFixed(2));
    els.value.textContent = m.level.toFixed(2);
    const key = shownKey(m);
    els.key.hidden = key === null;
    els.track.classList.toggle("keyed", key !== null);
    if (key === null) els.key.style.removeProperty("--at");
    else els.key.style.setProperty("--at", String(key));
    const moved = m.submitted && m.level !== submittedLevel && !Number.isNaN(submittedLevel);
    const wasFocused = document.activeElement === els.submit;
    els.submit.disabled = !playing || (m.submitted && !moved);
    // A disabled button drops the focus to the page: a keyboard player would have to find the slider again.
    if (wasFocused && els.submit.disabled && !els.slider.disabled) els.slider.focus();
    // After the end there is nothing to submit: the track stays to show where the key was.
    els.submit.hidden = m.phase === "ended";
    els.submit.textContent = !m.submitted ? "Submit" : moved ? "Submit again" : "Submitted ✓";
  });
}
