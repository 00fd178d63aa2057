/**
 * The page's side of the class worker: starts a run there, plays and pauses it, checks every message that
 * comes back (zod, like any boundary) and folds the updates into the run's mirror. Each run gets a new id,
 * so an update still on its way for settings that have since changed is dropped, not drawn.
 */
import type { SchemeConfig } from "../../../shared/engine/index.ts";
import type { DemoConfig, Speed } from "./config.ts";
import { type LaneMirror, RunMirror } from "./mirror.ts";
import { type FieldSize, FromClassWorker, type SchemePlan, type ToClassWorker } from "./protocol.ts";

export interface PlayerEvents {
  /** The mirror moved; `reached` holds the classes that met the criterion in this update. */
  update(run: RunMirror, reached: readonly LaneMirror[]): void;
  error(message: string): void;
}

export class ClassPlayer {
  private readonly worker: Worker;
  private readonly events: PlayerEvents;
  private id = 0;
  private mirror: RunMirror | null = null;
  private readonly sizes: [FieldSize, FieldSize] = [
    { width: 0, height: 0 },
    { width: 0, height: 0 },
  ];

  constructor(events: PlayerEvents) {
    this.events = events;
    this.worker = new Worker(new URL("./classWorker.ts", import.meta.url), { type: "module" });
    this.worker.addEventListener("message", (event: MessageEvent<unknown>) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      this.events.error(event.message || "the class worker failed");
    });
  }

  get run(): RunMirror | null {
    return this.mirror;
  }

  /** A new run in the worker; its mirror fills as the worker reports (the first report comes at once). */
  start(config: DemoConfig, plans: readonly [SchemePlan, SchemePlan]): RunMirror {
    this.id++;
    this.mirror = new RunMirror(config, plans);
    const schemes: [SchemeConfig, SchemeConfig] = [config.schemes[0], config.schemes[1]];
    this.send({ type: "start", run: this.id, config: { ...config, schemes }, plans: [plans[0], plans[1]] });
    return this.mirror;
  }

  /** Plays on at `speed` (a new speed applies at once to a run already playing). */
  play(speed: Speed): void {
    if (this.mirror) this.send({ type: "play", run: this.id, speed });
  }

  pause(): void {
    if (this.mirror) this.send({ type: "pause", run: this.id });
  }

  /** Field k is `width` × `height` device pixels: the worker draws its pictures at that size. */
  resize(k: 0 | 1, width: number, height: number): void {
    this.sizes[k] = { width, height };
    this.send({ type: "fields", sizes: [this.sizes[0], this.sizes[1]] });
  }

  /** Forgets the run: whatever the worker still says about it is dropped. */
  drop(): void {
    this.id++;
    this.mirror = null;
  }

  private send(message: ToClassWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(data: unknown): void {
    const parsed = FromClassWorker.safeParse(data);
    if (!parsed.success) {
      this.events.error(`the class worker said something unreadable: ${parsed.error.message}`);
      return;
    }
    const m = parsed.data;
    const mirror = this.mirror;
    if (m.run !== this.id && m.run !== -1) return;
    if (m.type === "error") {
      this.events.error(m.message);
      return;
    }
    if (!mirror) return;
    const before = mirror.lanes.map((l) => l.reachedAt);
    try {
      const spent = mirror.apply(m.playing, m.over, m.lanes);
      // The replaced pictures' memory goes back to the worker, which draws the next ones into it: a
      // few megabytes a second of fresh buffers would otherwise keep the page's collector busy.
      if (spent.length > 0) this.send({ type: "recycle", buffers: spent }, spent);
    } catch (e) {
      this.events.error(e instanceof Error ? e.message : String(e));
      return;
    }
    this.events.update(
      mirror,
      mirror.lanes.filter((l, k) => before[k] === null && l.reachedAt !== null),
    );
  }
}
