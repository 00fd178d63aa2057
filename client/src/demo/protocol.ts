/**
 * What the page and its two kinds of worker say to each other, as zod schemas with same-named types: a
 * worker's message is a boundary like a socket's, so each side checks what it receives instead of trusting
 * a cast. The rate tuner's worker answers one question; the class worker plays the run and draws its fields
 * (see classWorker.ts). Typed arrays cross as they are (handed over, not copied), checked by their class.
 */
import { z } from "zod";
import { EXAM_KINDS, LEARNER_NAMES } from "../../../shared/engine/index.ts";
import { SchemeConfig } from "../../../shared/protocol/session.ts";

export const Speed = z.union([z.number().positive().finite(), z.literal("max")]);

export const DemoConfig = z.object({
  students: z.number().int().min(1),
  exam: z.enum(EXAM_KINDS),
  schemes: z.tuple([SchemeConfig, SchemeConfig]),
  speed: Speed,
  seed: z.number().int().min(0),
});

export const SchemePlan = z.object({
  scheme: SchemeConfig,
  learner: z.enum(LEARNER_NAMES),
  rate: z.number().positive().finite(),
  source: z.enum(["theory", "sweep"]),
});
export type SchemePlan = z.infer<typeof SchemePlan>;

// The rate tuner's worker: one scheme's tuning options in (the engine's TuneOptions), its best rate out.
export const TuneRequest = z.object({
  options: z.object({
    exam: z.object({
      kind: z.enum(EXAM_KINDS),
      students: z.number().int().min(1),
      questions: z.number().int().min(1),
      outputs: z.number().int().min(1).optional(),
      seed: z.number().int().min(0),
    }),
    scheme: SchemeConfig,
    learner: z.enum(LEARNER_NAMES),
    horizon: z.number().int().min(1),
  }),
});
export type TuneRequest = z.infer<typeof TuneRequest>;

export const TuneReply = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    rate: z.number().positive().finite(),
    source: z.enum(["theory", "sweep"]),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type TuneReply = z.infer<typeof TuneReply>;

/** A field's size in device pixels (0 × 0 until the page has laid it out). */
export const FieldSize = z.object({ width: z.number().int().min(0), height: z.number().int().min(0) });
export type FieldSize = z.infer<typeof FieldSize>;

/** One class's field rasterised (fieldPixels.ts): two RGBA layers, discs and rings, width × height each. */
/** The page to the class worker; `run` tags every message, so answers about an older run are dropped. */
export const ToClassWorker = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    run: z.number().int(),
    config: DemoConfig,
    plans: z.tuple([SchemePlan, SchemePlan]),
  }),
  z.object({ type: z.literal("play"), run: z.number().int(), speed: Speed }),
  z.object({ type: z.literal("pause"), run: z.number().int() }),
  /** The two fields' sizes, whenever the page lays them out: pictures come at that size from then on. */
  z.object({ type: z.literal("fields"), sizes: z.tuple([FieldSize, FieldSize]) }),
  /** Pictures' memory the page no longer needs, handed back for the next pictures. */
  z.object({ type: z.literal("recycle"), buffers: z.array(z.instanceof(ArrayBuffer)) }),
]);
export type ToClassWorker = z.infer<typeof ToClassWorker>;

export const FieldPicture = FieldSize.extend({
  discs: z.instanceof(Uint8ClampedArray),
  rings: z.instanceof(Uint8ClampedArray),
}).refine(
  (p) => p.discs.length === p.width * p.height * 4 && p.rings.length === p.discs.length,
  "a field picture's layers must hold width × height pixels",
);
export type FieldPicture = z.infer<typeof FieldPicture>;

/** What one class did since the last update. */
export const LaneUpdate = z.object({
  /** The class errors of rounds from + 1 … from + errors.length (index r is round r + 1). */
  from: z.number().int().min(0),
  errors: z.instanceof(Float64Array),
  /** The class error as the levels stand (before round 1: what round 1 will score). */
  classError: z.number(),
  reachedAt: z.number().int().min(0).nullable(),
  hasTheory: z.boolean(),
  /** The theory's line up to the round limit, sent once, in the first update that knows it. */
  theory: z.instanceof(Float64Array).nullable(),
  /** What the class heard in the last round, in words. */
  heard: z.string(),
  /** The class's field as it stands, at the size the page last gave (null while it gave none). */
  picture: FieldPicture.nullable(),
});
export type LaneUpdate = z.infer<typeof LaneUpdate>;

export const FromClassWorker = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("update"),
    run: z.number().int(),
    /** Whether the worker is playing on after this update. */
    playing: z.boolean(),
    over: z.boolean(),
    lanes: z.tuple([LaneUpdate, LaneUpdate]),
  }),
  z.object({ type: z.literal("error"), run: z.number().int(), message: z.string() }),
]);
export type FromClassWorker = z.infer<typeof FromClassWorker>;
