/**
 * The exam room's synchronised state (@colyseus/schema v5). Everything at the top level goes to every
 * client and is the same size whatever the class size (aggregates, not the roster). The roster and the
 * class answer sit in `staff`, a field only the teacher's StateView holds; what the wall may show sits in
 * `wall`, the projector's: the projector is seen by the whole class, so it is sent no more than the wall
 * draws (shared/session/wall.ts), and a student's devtools on the projector's laptop find nothing more.
 */
import { type SchemaType, schema, t } from "@colyseus/schema";

export const SeatState = schema(
  {
    seat: t.number().default(0),
    nickname: t.string().default(""),
    /** "human", "bot" or "stand-in" (a bot playing the seat of a student who is away). */
    kind: t.string().default("human"),
    connected: t.boolean().default(false),
    submitted: t.boolean().default(false),
    seated: t.boolean().default(false),
    level: t.float64().default(0),
    /** The student's hidden target for the current question (−1 where the exam has none). */
    target: t.float64().default(-1),
    /** The correction toward the key in level units, as of the last round's opening or close. */
    credit: t.float64().default(0),
    /** The last feedback, as the student saw it (JSON of StudentFeedback; "" before the first). */
    feedback: t.string().default(""),
  },
  "SeatState",
);
export type SeatState = SchemaType<typeof SeatState>;

export const StaffState = schema(
  {
    roster: t.map(SeatState),
    /** The live class's answer and the key for the current question. */
    answer: t.array("float64"),
    key: t.array("float64"),
    /** A typical credit at the start, the scale neurons are drawn at. */
    creditUnit: t.float64().default(1),
  },
  "StaffState",
);
export type StaffState = SchemaType<typeof StaffState>;

/**
 * What the projector may show (shared/session/wall.ts), seat by seat in the roster's own rows: no nickname
 * once play starts (the lobby lists names as students join, and nothing later needs them), and until the
 * reveal no target (−1), no key or answer (empty), and for `credit` only what the seat's student heard (its
 * signal, a unit step under `sign`, NaN where it heard none), never the true correction.
 */
export const WallState = schema(
  {
    seats: t.map(SeatState),
    answer: t.array("float64"),
    key: t.array("float64"),
    creditUnit: t.float64().default(1),
  },
  "WallState",
);
export type WallState = SchemaType<typeof WallState>;

export const ExamState = schema(
  {
    protocol: t.number().default(0),
    code: t.string().default(""),
    exam: t.string().default(""),
    phase: t.string().default("lobby"),
    round: t.number().default(0),
    question: t.number().default(0),
    /** Server time (ms since the epoch) at which the open round closes; 0 when none is open. */
    closesAt: t.number().default(0),
    /** Milliseconds left when paused in an open round. */
    remainingMs: t.number().default(0),
    roundSeconds: t.number().default(0),
    /** The live scheme and the twin's, as JSON of SchemeConfig. */
    scheme: t.string().default(""),
    twinScheme: t.string().default(""),
    /** The grating exam's two populations as counts, JSON of PopulationPicture[] ("" on other exams). */
    populations: t.string().default(""),
    /** The scheme the next round will use when the teacher has switched it. */
    nextScheme: t.string().default(""),
    students: t.number().default(0),
    connected: t.number().default(0),
    seated: t.number().default(0),
    submitted: t.number().default(0),
    bots: t.number().default(0),
    locked: t.boolean().default(false),
    standIns: t.boolean().default(false),
    /** Class score per round, live and twin. */
    scores: t.array("float64"),
    twinScores: t.array("float64"),
    /** Class error per round, live and twin, and the theory's line for each (NaN where it has none). */
    errors: t.array("float64"),
    twinErrors: t.array("float64"),
    theory: t.array("float64"),
    twinTheory: t.array("float64"),
    /** The scheme of each round, live and twin, as its name: each curve is drawn in its round's scheme. */
    schemes: t.array("string"),
    twinSchemes: t.array("string"),
    /** Whether the twin class's bots play like people (the session's `twinLikePeople`). */
    twinLikePeople: t.boolean().default(true),
    /** Keys may be shown: the teacher revealed them, or the session ended. */
    revealed: t.boolean().default(false),
    /** Whether the next round opens by itself, and when (server ms; 0 when it waits for the teacher). */
    autoAdvance: t.boolean().default(false),
    reviewSeconds: t.number().default(0),
    nextRoundAt: t.number().default(0),
    endReason: t.string().default(""),
    /** Who paused the class: "teacher", or "restart" when a restarted server brought it back paused. */
    pausedBy: t.string().default(""),
    staff: t.ref(StaffState).view(),
    wall: t.ref(WallState).view(),
  },
  "ExamState",
);
export type ExamState = SchemaType<typeof ExamState>;
