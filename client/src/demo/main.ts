/**
 * The bot-only demo page: two bot classes, same exam, seed and size, one per chosen scheme, played in the
 * browser with the shared engine (no server) in a worker of their own, drawn as fields of neurons,
 * charted, and compared in words. The settings live in the page's link: a link opens with its settings in
 * the form, and every change is written back to it, so a shared link reproduces the run.
 */
import "../common/zodJitless.ts";
import "./demo.css";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import { publish } from "../common/testHook.ts";
import { ClassPlayer } from "./classPlayer.ts";
import { type DemoConfig, sameClasses, speedText } from "./config.ts";
import { Field } from "./field.ts";
import { SettingsForm } from "./form.ts";
import { snapshot } from "./hook.ts";
import type { RunMirror } from "./mirror.ts";
import { planRun, RateTuner } from "./rates.ts";
import { RunView } from "./screen.ts";
import { fromQuery, ignoredNote, toQuery } from "./settings.ts";
import { rounds } from "./words.ts";

const need = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo.html lacks ${selector}`);
  return el;
};

const settings = new SettingsForm(need<HTMLFormElement>("#controls"), need("#form-error"));
const status = need("#status");
const busy = need<HTMLProgressElement>("#busy");
const linkNote = need("#link-note");
const screen = new RunView([need("#lane-0"), need("#lane-1")], need("#comparison"), need("#chart"));
const tuner = new RateTuner();

const say = (text: string): void => {
  status.textContent = text;
};

let running = false;
let paused = false;
let playWhenReady = false;
/** Counts rebuilds, so classes tuned for settings that have since changed are dropped. */
let generation = 0;

const player = new ClassPlayer({
  update(run: RunMirror, reached) {
    for (const l of reached)
      say(`${schemeLabel(l.plan.scheme)} reached 95 % in ${rounds(l.reachedAt ?? 0)}.`);
    if (run.over) {
      running = false;
      say(
        run.reachedByAll
          ? "Done: both classes reached 95 %."
          : `Stopped at the limit of ${rounds(run.limit)}.`,
      );
    } else if (paused) say(`Paused after ${rounds(run.rounds)}.`);
  },
  error(message) {
    running = false;
    say(`The classes stopped: ${message}`);
  },
});
const fields = ([0, 1] as const).map(
  (k) =>
    new Field(
      screen.panels[k].field,
      () => player.run?.lanes[k] ?? null,
      (width, height) => player.resize(k, width, height),
    ),
);

// The link's settings first; what it held that cannot be used is said in one line, and the defaults stand.
const link = fromQuery(location.search);
settings.write(link.config);
linkNote.textContent = ignoredNote(link.ignored);
let config: DemoConfig | null = link.config;

/** The settings as the link holds them. */
let linkQuery = "";

/** The page's link says `next`, so copying it reproduces the run. */
function remember(next: DemoConfig): void {
  linkQuery = toQuery(next);
  history.replaceState(history.state, "", `${location.pathname}?${linkQuery}${location.hash}`);
}

/** Builds fresh classes for `next`; a tuning still running for older settings is dropped. */
async function rebuild(next: DemoConfig): Promise<void> {
  tuner.cancel();
  const mine = ++generation;
  config = next;
  player.drop();
  running = false;
  paused = false;
  screen.waiting(next.schemes);
  busy.hidden = false;
  say(
    next.exam === "independent"
      ? "Finding each scheme's best rate…"
      : "Sweeping rates for each scheme, as the command line does; big classes take a while…",
  );
  let plans: Awaited<ReturnType<typeof planRun>>;
  try {
    plans = await planRun(next, tuner);
  } catch (e) {
    if (mine !== generation) return;
    busy.hidden = true;
    say(`The classes could not be built: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!plans || mine !== generation) return;
  player.start(next, plans);
  busy.hidden = true;
  say(`Ready: ${next.students.toLocaleString("en")} students on the ${next.exam} exam. Press Play.`);
  if (playWhenReady) play();
}

function play(): void {
  const next = settings.read();
  if (!next) {
    settings.focusInvalid();
    return;
  }
  if (!config || !sameClasses(config, next) || (player.run?.over ?? false)) {
    playWhenReady = true;
    void rebuild(next);
    return;
  }
  config = next;
  if (!player.run) {
    playWhenReady = true;
    return;
  }
  playWhenReady = false;
  running = true;
  paused = false;
  player.play(next.speed);
  say(`Playing, ${speedText(next.speed)}.`);
}

function pause(): void {
  playWhenReady = false;
  if (!running) return;
  running = false;
  paused = true;
  player.pause();
  say(`Paused after ${rounds(player.run?.rounds ?? 0)}.`);
}

function reset(): void {
  const next = settings.read();
  playWhenReady = false;
  if (next) void rebuild(next);
}

function frame(now: number): void {
  const run = player.run;
  if (run) screen.render(run, now, running);
  publish(
    snapshot(run, running, Math.min(...fields.map((f) => f.frames)), linkQuery, linkNote.textContent || null),
  );
  requestAnimationFrame(frame);
}

settings.form.addEventListener("submit", (e) => {
  e.preventDefault();
  play();
});
need("#pause").addEventListener("click", pause);
need("#reset").addEventListener("click", reset);
settings.form.addEventListener("change", () => {
  const next = settings.read();
  if (!next) return;
  remember(next);
  linkNote.textContent = "";
  // A new speed applies at once, even mid-run; anything else makes new classes.
  if (config && sameClasses(config, next)) {
    config = next;
    if (running) {
      player.play(next.speed);
      say(`Playing, ${speedText(next.speed)}.`);
    }
  } else void rebuild(next);
});

remember(link.config);
void rebuild(link.config);
requestAnimationFrame(frame);
