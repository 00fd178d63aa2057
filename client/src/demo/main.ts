/**
 * The bot-only demo page: two bot classes, same exam, seed and size, one per chosen scheme, played in the
 * browser with the shared engine (no server), drawn as fields of neurons, charted, and compared in words.
 */
import "./demo.css";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import { Field } from "../board/field.ts";
import { publish } from "../common/testHook.ts";
import { type DemoConfig, sameClasses } from "./config.ts";
import { SettingsForm } from "./form.ts";
import { RateTuner } from "./rates.ts";
import { prepareRun, type Run, snapshot } from "./run.ts";
import { RunView } from "./screen.ts";
import { Ticker } from "./ticker.ts";
import { rounds } from "./words.ts";

const need = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo.html lacks ${selector}`);
  return el;
};

const settings = new SettingsForm(need<HTMLFormElement>("#controls"), need("#form-error"));
const status = need("#status");
const busy = need<HTMLProgressElement>("#busy");
const screen = new RunView([need("#lane-0"), need("#lane-1")], need("#comparison"), need("#chart"));
const tuner = new RateTuner();
const ticker = new Ticker();

let config: DemoConfig | null = settings.read();
let run: Run | null = null;
let running = false;
let playWhenReady = false;
/** Counts rebuilds, so classes tuned for settings that have since changed are dropped. */
let generation = 0;
const fields = screen.panels.map((p, k) => new Field(p.field, () => run?.fields[k] ?? null));

const say = (text: string): void => {
  status.textContent = text;
};

/** Builds fresh classes for `next`; a tuning still running for older settings is dropped. */
async function rebuild(next: DemoConfig): Promise<void> {
  tuner.cancel();
  const mine = ++generation;
  config = next;
  run = null;
  running = false;
  screen.waiting(next.schemes);
  busy.hidden = false;
  say(
    next.exam === "independent"
      ? "Finding each scheme's best rate…"
      : "Sweeping rates for each scheme, as the command line does; big classes take a while…",
  );
  let built: Run | null;
  try {
    built = await prepareRun(next, tuner);
  } catch (e) {
    if (mine !== generation) return;
    busy.hidden = true;
    say(`The classes could not be built: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!built || mine !== generation) return;
  run = built;
  busy.hidden = true;
  screen.start(built);
  say(`Ready: ${next.students.toLocaleString("en")} students on the ${next.exam} exam. Press Play.`);
  if (playWhenReady) play();
}

function play(): void {
  const next = settings.read();
  if (!next) {
    settings.focusInvalid();
    return;
  }
  if (!config || !sameClasses(config, next) || (run?.over ?? false)) {
    playWhenReady = true;
    void rebuild(next);
    return;
  }
  config = next;
  if (!run) {
    playWhenReady = true;
    return;
  }
  playWhenReady = false;
  running = true;
  ticker.start();
  say(`Playing, ${next.speed} rounds a second.`);
}

function pause(): void {
  playWhenReady = false;
  if (!running) return;
  running = false;
  say(`Paused after ${rounds(run?.rounds ?? 0)}.`);
}

function reset(): void {
  const next = settings.read();
  playWhenReady = false;
  if (next) void rebuild(next);
}

/** Plays one round of both classes; says when a class meets the criterion and when the run ends. */
function playOne(r: Run): boolean {
  if (r.over) return false;
  for (const l of r.step()) say(`${schemeLabel(l.plan.scheme)} reached 95 % in ${rounds(l.reachedAt ?? 0)}.`);
  if (r.over) {
    running = false;
    say(r.reachedByAll ? "Done: both classes reached 95 %." : `Stopped at the limit of ${rounds(r.limit)}.`);
  }
  return !r.over;
}

function frame(now: number): void {
  const r = run;
  if (r && running && config) ticker.tick(now, config.speed, () => playOne(r));
  if (r) screen.render(r, now, running);
  publish(snapshot(r, running, Math.min(...fields.map((f) => f.frames))));
  requestAnimationFrame(frame);
}

settings.form.addEventListener("submit", (e) => {
  e.preventDefault();
  play();
});
need("#pause").addEventListener("click", pause);
need("#reset").addEventListener("click", reset);
settings.form.addEventListener("change", (e) => {
  const next = settings.read();
  if (!next) return;
  // A new speed applies at once; anything else makes new classes.
  if (config && sameClasses(config, next)) config = next;
  else if ((e.target as HTMLElement).id !== "speed") void rebuild(next);
});

if (config) void rebuild(config);
requestAnimationFrame(frame);
