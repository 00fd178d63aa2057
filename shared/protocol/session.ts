/**
 * A session's configuration and the HTTP API's bodies: zod schemas with same-named types, shared by the
 * server (which validates) and the clients (which build requests and read replies).
 */
import { z } from "zod";
import { CLASSROOM_EXAMS } from "../engine/exam.ts";
import { POPULATIONS } from "../engine/exams/grating.ts";

export const SchemeConfig = z.discriminatedUnion("name", [
  z.object({ name: z.literal("global") }),
  z.object({ name: z.literal("vectorized") }),
  z.object({ name: z.literal("sign") }),
  z.object({ name: z.literal("alignment") }),
  z.object({ name: z.literal("noisy"), noise: z.number().finite().min(0).max(100) }),
  z.object({ name: z.literal("teams"), teamSize: z.number().int().min(1).max(4000) }),
  z.object({
    name: z.literal("blocked"),
    blockedFraction: z.number().min(0).max(1),
    /** The grating exam's push or pull population: its members are the blocked ones (schemes.ts). */
    population: z.enum(POPULATIONS).optional(),
  }),
]);
export type SchemeConfig = z.infer<typeof SchemeConfig>;

export const MAX_SEATS = 4000;

export const SessionConfig = z
  .object({
    exam: z.enum(CLASSROOM_EXAMS),
    /** Readout outputs / second-layer students. */
    outputs: z.number().int().min(1).max(64).optional(),
    scheme: SchemeConfig,
    questions: z.number().int().min(1).max(20).default(1),
    roundSeconds: z.number().int().min(2).max(600).default(30),
    /**
     * After a round the class stays on its feedback until the teacher moves on; with `autoAdvance` the next
     * round opens by itself after `reviewSeconds`, with a countdown on every screen.
     */
    autoAdvance: z.boolean().default(false),
    reviewSeconds: z.number().int().min(0).max(120).default(10),
    bots: z.number().int().min(0).max(MAX_SEATS).default(0),
    /** Seats kept for bots: the teacher can add bots up to this many. */
    maxBots: z.number().int().min(0).max(MAX_SEATS).optional(),
    maxStudents: z.number().int().min(1).max(MAX_SEATS).default(200),
    maxRounds: z.number().int().min(1).max(100_000).default(200),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** A bot plays the seat of a student who is away, labelled so. */
    standIns: z.boolean().default(false),
    /** End the session when the class gets 90 % of the way to the key (CLASS_CRITERION). */
    endAtCriterion: z.boolean().default(true),
    /**
     * The twin class plays like people (imprecision, slider rounding, skipped rounds), so the wall compares
     * like with like; off, its bots are exact.
     */
    twinLikePeople: z.boolean().default(true),
  })
  .strict()
  .refine((c) => c.maxStudents + Math.max(c.bots, c.maxBots ?? c.bots) <= MAX_SEATS, {
    message: `at most ${MAX_SEATS} seats in all`,
  })
  .refine((c) => (c.maxBots ?? c.bots) >= c.bots, { message: "maxBots must be at least bots" })
  .refine((c) => c.exam === "grating" || c.scheme.name !== "blocked" || !c.scheme.population, {
    message: "only the grating exam has populations to block",
    path: ["scheme"],
  })
  .refine((c) => c.exam !== "grating" || c.maxStudents + Math.max(c.bots, c.maxBots ?? c.bots) >= 2, {
    message: "the grating exam needs at least 2 seats, one per population",
    path: ["maxStudents"],
  })
  .superRefine((c, ctx) => {
    const over = overBudget(c);
    if (over) ctx.addIssue({ code: "custom", path: [over.knob], message: over.sentence });
  });
export type SessionConfig = z.infer<typeof SessionConfig>;
export type SessionConfigInput = z.input<typeof SessionConfig>;

/** Seats for bots: what the teacher asked for, with room to add as many again (at least 20). */
export const botSeats = (c: SessionConfigShape): number => c.maxBots ?? Math.max(c.bots * 2, c.bots + 20);

// ── the memory budget ────────────────────────────────────────────────────────────────────────────
// What one session may ask of the server's memory, estimated from its configuration alone, so that a
// request cannot make the server build something it cannot hold (issue 10: ~26 MB for the largest session,
// and no limit). The estimate follows what the engine allocates: for the live class and for the twin class,
// a few Float64Arrays of seats × questions (levels, the hidden key, its solutions, the credit) and the exam's
// matrices (readout: the decoder and its random path, Q × seats; layered: the weights and their random path,
// Q × first-layer seats, and Q × Q for the curvature); then each seat's objects (the session's seat, the
// synchronised roster row, the bots' state) and each round's record and chart points, up to maxRounds.
// test/protocol/sessionBudget.test.ts measures the real heap of the largest session against it.

/** What one session may ask for. */
export const SESSION_BYTES_BUDGET = 48 * 1024 * 1024;
/** Float64Arrays of seats × questions per class. */
const ARRAYS_PER_SEAT_QUESTION = 4;
/** A seat's objects in the session, the synchronised state and the bots, both classes together. */
const BYTES_PER_SEAT = 2_000;
/** A round's record (with its two schemes) and its chart points in the synchronised state. */
const BYTES_PER_ROUND = 1_500;
const BYTES_BASE = 256 * 1024;

/** The fields the estimate reads: a parsed configuration, or one inside the schema's refinement. */
type SessionConfigShape = Pick<
  SessionConfig,
  "exam" | "outputs" | "questions" | "bots" | "maxBots" | "maxStudents" | "maxRounds"
>;

export interface SessionBytes {
  readonly total: number;
  /** The parts, each named by the knob that sizes it. */
  readonly questions: number;
  readonly outputs: number;
  readonly seats: number;
  readonly maxRounds: number;
}

/** The exam's outputs as the engine will take them (shared/engine/exams/readout.ts and layered.ts). */
export function examOutputs(c: SessionConfigShape, seats: number): number {
  if (c.exam === "readout") return c.outputs ?? 2;
  if (c.exam === "layered")
    return Math.max(1, Math.min(c.outputs ?? Math.max(1, Math.round(seats / 5)), seats - 1));
  return 0;
}

export function sessionBytes(c: SessionConfigShape): SessionBytes {
  const seats = c.maxStudents + botSeats(c);
  const q = examOutputs(c, seats);
  const cells = c.exam === "readout" ? 2 * q * seats : c.exam === "layered" ? 2 * q * (seats - q) + q * q : 0;
  const classes = 2;
  const questions = classes * 8 * ARRAYS_PER_SEAT_QUESTION * seats * c.questions;
  const outputs = classes * 8 * cells;
  const seatBytes = BYTES_PER_SEAT * seats + BYTES_BASE;
  const rounds = BYTES_PER_ROUND * c.maxRounds;
  return {
    total: questions + outputs + seatBytes + rounds,
    questions,
    outputs,
    seats: seatBytes,
    maxRounds: rounds,
  };
}

const KNOB_WORDS = {
  questions: "questions (the questions per round)",
  outputs: "outputs (the second layer's students or the readout's outputs)",
  seats: "maxStudents or maxBots (the seats)",
  maxRounds: "maxRounds (the rounds the session may last)",
} as const;

const mb = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/** Null when the session fits its budget; else the knob that costs most and a sentence that names it. */
export function overBudget(c: SessionConfigShape): {
  readonly knob: "questions" | "outputs" | "maxStudents" | "maxRounds";
  readonly sentence: string;
} | null {
  const bytes = sessionBytes(c);
  if (bytes.total <= SESSION_BYTES_BUDGET) return null;
  const parts = ["questions", "outputs", "seats", "maxRounds"] as const;
  const largest = parts.reduce((a, b) => (bytes[b] > bytes[a] ? b : a));
  return {
    knob: largest === "seats" ? "maxStudents" : largest,
    sentence:
      `this session would need about ${mb(bytes.total)} of the server's memory, more than the ` +
      `${mb(SESSION_BYTES_BUDGET)} one session may use: lower ${KNOB_WORDS[largest]}`,
  };
}

export const CreateSessionReply = z.object({
  id: z.string(),
  code: z.string(),
  seed: z.number(),
  teacherToken: z.string(),
  projectorToken: z.string(),
});
export type CreateSessionReply = z.infer<typeof CreateSessionReply>;

export const SESSION_STATUSES = ["live", "ended", "interrupted"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface RoundRecord {
  readonly round: number;
  readonly question: number;
  readonly scheme: SchemeConfig;
  readonly classError: number;
  readonly score: number;
  readonly twinScheme: SchemeConfig;
  readonly twinError: number;
  readonly twinScore: number;
  /** Humans who took part in the round (active seats held by students). */
  readonly students: number;
  readonly bots: number;
  readonly checksum: number;
}

export interface SessionSummary {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly status: SessionStatus;
  readonly config: SessionConfig;
  readonly rounds: number;
  readonly students: number;
  readonly lastScore: number | null;
}

export interface SessionDetail extends SessionSummary {
  readonly results: readonly RoundRecord[];
}

// The protocol's scheme config and the engine's are one type: this line stops compiling if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEME_TYPES_AGREE: Same<SchemeConfig, import("../engine/schemes.ts").SchemeConfig> = true;
