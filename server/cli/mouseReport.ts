/**
 * The mouse experiment's command line, its pure half: the flags read into a run, and the run's rows written
 * as a table with a few sentences that say what the run showed (mouse.ts prints them).
 */
import { parseArgs } from "node:util";
import { HUMAN_LIKE } from "../../shared/engine/bots.ts";
import { BLOCKINGS, type Blocking } from "../../shared/engine/mouse.ts";
import {
  fallPerRound,
  MOUSE_DEFAULTS,
  type MouseRow,
  type MouseRunSpec,
} from "../../shared/engine/mouseRun.ts";
import { FlagError, realNumber, wholeNumber } from "./flags.ts";

export const MOUSE_USAGE = `node server/cli/mouse.ts [options]
  The mouse experiment (Francioni et al., Nature 2026) with bots: two intermingled populations turn a
  grating toward a target, one pushing and one pulling; the dendritic signals are blocked for a stretch.
  --students N     neurons, split into two populations (default ${MOUSE_DEFAULTS.students}: 5 push, 5 pull)
  --seed N         the run's seed (default ${MOUSE_DEFAULTS.seed})
  --rounds N       rounds to play (default ${MOUSE_DEFAULTS.rounds})
  --rate R         the bots' step along their signal, 1 = onto the target in one round (default ${MOUSE_DEFAULTS.rate})
  --block WHO      everyone | push | pull: whose signals are blocked (default ${MOUSE_DEFAULTS.block})
  --block-from R   the signals after this round are the first blocked (default ${MOUSE_DEFAULTS.blockFrom})
  --block-until R  ... and after this round the last (default ${MOUSE_DEFAULTS.blockUntil})
  --human          human-like bots (a hand that slips by ${HUMAN_LIKE.imprecision}, a slider in steps of ${HUMAN_LIKE.sliderStep})
  --json           the rows as JSON instead of the table`;

export type MouseArgs =
  | { readonly ok: true; readonly spec: MouseRunSpec; readonly json: boolean }
  | { readonly ok: false; readonly error: string; readonly help: boolean };

const isBlock = (v: string): v is Exclude<Blocking, "none"> =>
  v !== "none" && (BLOCKINGS as readonly string[]).includes(v);

export function parseMouseArgs(argv: readonly string[]): MouseArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        students: { type: "string" },
        seed: { type: "string" },
        rounds: { type: "string" },
        rate: { type: "string" },
        block: { type: "string" },
        "block-from": { type: "string" },
        "block-until": { type: "string" },
        human: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) return { ok: false, error: MOUSE_USAGE, help: true };
    const d = MOUSE_DEFAULTS;
    const block = values.block ?? d.block;
    if (!isBlock(block)) throw new FlagError(`--block must be everyone, push or pull, not "${block}"`);
    const rounds = wholeNumber("rounds", values.rounds, { fallback: d.rounds, min: 2, max: 10_000 });
    const blockFrom = wholeNumber("block-from", values["block-from"], { fallback: d.blockFrom, min: 1 });
    const blockUntil = wholeNumber("block-until", values["block-until"], {
      fallback: d.blockUntil,
      min: blockFrom,
    });
    const spec: MouseRunSpec = {
      students: wholeNumber("students", values.students, { fallback: d.students, min: 2, max: 2000 }),
      seed: wholeNumber("seed", values.seed, { fallback: d.seed, min: 0, max: 2 ** 32 - 1 }),
      rounds,
      rate: realNumber("rate", values.rate, { fallback: d.rate, min: 0, max: 1 }),
      block,
      blockFrom,
      blockUntil,
      human: values.human ? HUMAN_LIKE : null,
    };
    return { ok: true, spec, json: values.json };
  } catch (e) {
    if (e instanceof FlagError || e instanceof TypeError)
      return { ok: false, error: `${e.message}\n\n${MOUSE_USAGE}`, help: false };
    throw e;
  }
}

const signed = (v: number): string =>
  Number.isNaN(v) ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(4)}`;
const whoBlocked = (b: Blocking): string =>
  b === "none" ? "no" : b === "everyone" ? "everyone" : `${b} only`;

/** The table, one line a round; the fall is in e-folds of the class error (0: the class stood still). */
export function mouseTable(rows: readonly MouseRow[]): string {
  const fall = fallPerRound(rows);
  const head = "round  angle    target   error      fall   signals blocked  push signal  pull signal";
  const lines = rows.map((r, k) =>
    [
      String(r.round).padStart(5),
      `${r.angle.toFixed(1)}°`.padStart(7),
      `${r.target.toFixed(1)}°`.padStart(8),
      r.error.toExponential(2).padStart(9),
      (Number.isNaN(fall[k]) ? "—" : fall[k].toFixed(3)).padStart(8),
      whoBlocked(r.blocked).padStart(17),
      signed(r.pushSignal).padStart(12),
      signed(r.pullSignal).padStart(12),
    ].join(" "),
  );
  return [head, ...lines].join("\n");
}

/** The mean fall per round before the block, through it and after it, in e-folds. */
export function mouseStretches(
  rows: readonly MouseRow[],
  spec: Pick<MouseRunSpec, "blockFrom" | "blockUntil">,
): { before: number; during: number; after: number } {
  const fall = fallPerRound(rows);
  // The fall on round r comes from the signals after round r − 1: blocked when r − 1 is in the block.
  const mean = (lo: number, hi: number): number => {
    const v = fall.slice(lo, hi).filter((f) => Number.isFinite(f));
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  };
  return {
    before: mean(1, spec.blockFrom),
    during: mean(spec.blockFrom, spec.blockUntil + 1),
    after: mean(spec.blockUntil + 1, rows.length),
  };
}

/** Sentences that say what this run showed, worded from its own numbers. */
export function mouseNotes(rows: readonly MouseRow[], spec: MouseRunSpec): string[] {
  const s = mouseStretches(rows, spec);
  const f = (v: number): string => (Number.isNaN(v) ? "—" : v.toFixed(3));
  const opposite = rows.every(
    (r) => Number.isNaN(r.pushSignal) || Number.isNaN(r.pullSignal) || r.pushSignal * r.pullSignal <= 0,
  );
  const who = spec.block === "everyone" ? "everyone's signals" : `the ${spec.block} population's signals`;
  return [
    `Fall of the class error per round, in e-folds: ${f(s.before)} before the block, ${f(s.during)} while ${who} were blocked (signals after rounds ${spec.blockFrom}–${spec.blockUntil}), ${f(s.after)} after.`,
    opposite
      ? "Every round, the push and the pull members' signals had opposite signs: each signal has the sign of its role."
      : "On some round the two populations' signals had the same sign.",
    blockNote(spec.block, s),
  ];
}

/** What the block did, worded from the run: a class that stood still, slips that are not learning, or the other population carrying on. */
function blockNote(block: MouseRunSpec["block"], s: { before: number; during: number }): string {
  if (block === "everyone")
    return Math.abs(s.during) < 1e-9
      ? "With every signal blocked no neuron was told anything: the grating stood still until the signals came back."
      : `With every signal blocked no neuron was told anything: what the error did meanwhile (${s.during.toFixed(3)} e-folds a round) is the hands' slips, not learning.`;
  const other = block === "push" ? "pull" : "push";
  if (!(s.during > 1e-9))
    return `With the ${block} population blocked the ${other} population did not carry the class on.`;
  const alone = `With the ${block} population blocked the ${other} population still learned and turned the grating on its own`;
  // A share of the whole class's fall only where the run has rounds with every signal to compare with.
  return s.before > 1e-9
    ? `${alone}, at ${Math.round((100 * s.during) / s.before)} % of the whole class's fall per round.`
    : `${alone}, at ${s.during.toFixed(3)} e-folds a round (no round with every signal to compare it with).`;
}
