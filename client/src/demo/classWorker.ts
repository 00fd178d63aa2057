/**
 * The class worker: plays the demo's two bot classes off the page's thread, with the shared engine's own
 * round API (lane.ts), so a class of 2,000 playing thousands of rounds a second never holds up a frame.
 * It plays in slices (ticker.ts) and between slices reads the page's messages (play at a speed, pause, a
 * new run, the fields' sizes); it reports at most every POST_EVERY_MS what changed: the new class errors,
 * the criterion, the theory's line once, what the class heard, and each field rasterised at the size the
 * page gave (fieldPixels.ts). The page only puts the pictures on its canvases.
 */
import "../common/zodJitless.ts";
import type { Speed } from "./config.ts";
import {
  createFieldNeurons,
  type FieldLayout,
  type FieldNeurons,
  layoutField,
  rasterize,
} from "./fieldPixels.ts";
import type { Lane } from "./lane.ts";
import { NeuronReader } from "./neuronReader.ts";
import {
  type FieldPicture,
  type FieldSize,
  type FromClassWorker,
  type LaneUpdate,
  ToClassWorker,
} from "./protocol.ts";
import { Run } from "./run.ts";
import { Ticker } from "./ticker.ts";
import { heardText } from "./words.ts";

/** A person sees about ten changes a second; fifteen keeps the numbers and the field smooth. */
const POST_EVERY_MS = 66;

interface Playing {
  readonly id: number;
  readonly run: Run;
  readonly readers: readonly NeuronReader[];
  readonly views: readonly FieldNeurons[];
  /** Rounds of each lane already reported, and whether its theory line was. */
  readonly sent: number[];
  readonly theorySent: boolean[];
}

let current: Playing | null = null;
let playing = false;
let speed: Speed = 60;
let lastPost = Number.NEGATIVE_INFINITY;
let scheduled = false;
/** The fields' sizes as the page last gave them, and each one's layout at that size. */
let sizes: readonly FieldSize[] = [
  { width: 0, height: 0 },
  { width: 0, height: 0 },
];
const layouts: (FieldLayout | null)[] = [null, null];
/** Pictures' memory handed back by the page, by size, ready for the next pictures. */
const spare = new Map<number, ArrayBuffer[]>();
const SPARE_PER_SIZE = 8;

/** A picture layer of `bytes` bytes (rasterize clears it), from the spares when one of that size is there. */
function layerOf(bytes: number): Uint8ClampedArray<ArrayBuffer> {
  const buffer = spare.get(bytes)?.pop();
  return buffer ? new Uint8ClampedArray(buffer) : new Uint8ClampedArray(bytes);
}
const ticker = new Ticker();
// A message to itself runs the next slice at once: setTimeout(0) waits at least 4 ms once nested.
const channel = new MessageChannel();

const send = (message: FromClassWorker, transfer: Transferable[] = []): void => {
  self.postMessage(message, { transfer });
};

function laneUpdate(p: Playing, k: number, lane: Lane, transfer: Transferable[]): LaneUpdate {
  const from = p.sent[k];
  const errors = lane.trace.slice(from, lane.rounds);
  p.sent[k] = lane.rounds;
  let theory: Float64Array<ArrayBuffer> | null = null;
  if (!p.theorySent[k] && lane.theory) {
    theory = lane.theory.slice();
    p.theorySent[k] = true;
    transfer.push(theory.buffer);
  }
  transfer.push(errors.buffer);
  const picture = pictureOf(p, k, lane.bot.cls.exam.students);
  if (picture) transfer.push(picture.discs.buffer, picture.rings.buffer);
  return {
    from,
    errors,
    classError: lane.classError,
    reachedAt: lane.reachedAt,
    hasTheory: lane.hasTheory,
    theory,
    heard: heardText(lane.lastResult, lane.bot.cls.scheme),
    picture,
  };
}

/** Lane k's field as it stands, at the size the page gave (null before it gave one). */
function pictureOf(p: Playing, k: number, students: number): FieldPicture | null {
  const { width, height } = sizes[k];
  if (width === 0 || height === 0) return null;
  let layout = layouts[k];
  if (
    !layout ||
    layout.width !== width ||
    layout.height !== height ||
    layout.positions.length !== 2 * students
  )
    layout = layouts[k] = layoutField(students, width, height);
  p.readers[k].read(p.views[k]);
  const discs = layerOf(width * height * 4);
  const rings = layerOf(width * height * 4);
  rasterize(layout, p.views[k], new Uint32Array(discs.buffer), new Uint32Array(rings.buffer));
  return { width, height, discs, rings };
}

function post(p: Playing, now: number): void {
  lastPost = now;
  const transfer: Transferable[] = [];
  const [a, b] = p.run.lanes;
  const lanes: [LaneUpdate, LaneUpdate] = [laneUpdate(p, 0, a, transfer), laneUpdate(p, 1, b, transfer)];
  send({ type: "update", run: p.id, playing, over: p.run.over, lanes }, transfer);
}

function schedule(delayMs: number): void {
  if (scheduled) return;
  scheduled = true;
  if (delayMs <= 0) channel.port2.postMessage(null);
  else
    setTimeout(() => {
      scheduled = false;
      slice();
    }, delayMs);
}

/** One slice of play; posts when an update is due, and schedules the next slice. */
function slice(): void {
  const p = current;
  if (!p || !playing) return;
  const now = performance.now();
  ticker.tick(now, speed, () => p.run.step());
  if (p.run.over) playing = false;
  const unsent = p.run.rounds !== p.sent[0];
  if (!playing || (unsent && performance.now() - lastPost >= POST_EVERY_MS)) post(p, performance.now());
  if (playing) schedule(Math.min(ticker.wait(speed), POST_EVERY_MS));
}

channel.port1.onmessage = () => {
  scheduled = false;
  slice();
};

function start(id: number, build: () => Run): void {
  playing = false;
  current = null;
  let run: Run;
  try {
    run = build();
  } catch (e) {
    send({ type: "error", run: id, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const p: Playing = {
    id,
    run,
    readers: run.lanes.map((lane) => new NeuronReader(lane)),
    views: run.lanes.map((lane) => createFieldNeurons(lane.bot.cls.exam.students)),
    sent: [0, 0],
    theorySent: [false, false],
  };
  current = p;
  post(p, performance.now());
}

self.addEventListener("message", (event: MessageEvent<unknown>) => {
  const parsed = ToClassWorker.safeParse(event.data);
  if (!parsed.success) {
    send({
      type: "error",
      run: -1,
      message: `the class worker got a message it cannot read: ${parsed.error.message}`,
    });
    return;
  }
  const m = parsed.data;
  if (m.type === "recycle") {
    for (const buffer of m.buffers) {
      const list = spare.get(buffer.byteLength) ?? [];
      if (list.length < SPARE_PER_SIZE) list.push(buffer);
      spare.set(buffer.byteLength, list);
    }
    return;
  }
  if (m.type === "fields") {
    sizes = m.sizes;
    // A run at rest shows its fields at the new size at once; a run playing does at its next report.
    if (current && !playing) post(current, performance.now());
    return;
  }
  if (m.type === "start") {
    start(m.run, () => new Run(m.config, m.plans));
    return;
  }
  const p = current;
  if (!p || p.id !== m.run) return;
  if (m.type === "play") {
    speed = m.speed;
    if (p.run.over) post(p, performance.now());
    if (playing || p.run.over) return;
    playing = true;
    ticker.start();
    schedule(0);
    return;
  }
  playing = false;
  post(p, performance.now());
});
