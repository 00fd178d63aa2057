/**
 * A session's configuration and the HTTP API's bodies: zod schemas with same-named types, shared by the
 * server (which validates) and the clients (which build requests and read replies).
 */
import { z } from "zod";
import { EXAM_KINDS } from "../engine/exam.ts";

export const SchemeConfig = z.discriminatedUnion("name", [
  z.object({ name: z.literal("global") }),
  z.object({ name: z.literal("vectorized") }),
  z.object({ name: z.literal("sign") }),
  z.object({ name: z.literal("alignment") }),
  z.object({ name: z.literal("noisy"), noise: z.number().finite().min(0).max(100) }),
  z.object({ name: z.literal("teams"), teamSize: z.number().int().min(1).max(4000) }),
  z.object({ name: z.literal("blocked"), blockedFraction: z.number().min(0).max(1) }),
]);
export type SchemeConfig = z.infer<typeof SchemeConfig>;

export const MAX_SEATS = 4000;

export const SessionConfig = z
  .object({
    exam: z.enum(EXAM_KINDS),
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
  .refine((c) => (c.maxBots ?? c.bots) >= c.bots, { message: "maxBots must be at least bots" });
export type SessionConfig = z.infer<typeof SessionConfig>;
export type SessionConfigInput = z.input<typeof SessionConfig>;

/** Seats for bots: what the teacher asked for, with room to add as many again (at least 20). */
export const botSeats = (c: SessionConfig): number => c.maxBots ?? Math.max(c.bots * 2, c.bots + 20);

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
