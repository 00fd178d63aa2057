/**
 * What the clients send to an exam room and what it sends back: zod schemas with same-named types, one
 * table per direction, each message tagged by its type. The room validates every incoming message with
 * these before anything else.
 */
import { z } from "zod";
import type { Population } from "../engine/exams/grating.ts";
import type { StudentFeedback } from "../engine/feedback.ts";
import { SchemeConfig } from "./session.ts";

// Shapes only: a message of the wrong shape is a broken or hostile client and is disconnected; a level out of
// [0, 1] or a round that is not open is an honest mistake and gets a clear refusal from the room.
const level = z.number();
const round = z.number().int();
const seat = z.number().int().min(0);

/** Messages a student sends. */
export const StudentMessages = {
  /** The slider moved: the latest level before the close stands. */
  level: z.object({ round, level }).strict(),
  /** Done for this round (the round closes early once every connected student is done). */
  submit: z.object({ round, level }).strict(),
} as const;

/** Messages the teacher sends. */
export const TeacherMessages = {
  start: z.object({}).strict(),
  pause: z.object({}).strict(),
  resume: z.object({}).strict(),
  /** Closes the open round now, or opens the next one now. */
  advance: z.object({}).strict(),
  end: z.object({}).strict(),
  scheme: z.object({ scheme: SchemeConfig }).strict(),
  roundTime: z.object({ seconds: z.number().int().min(2).max(600) }).strict(),
  bots: z.object({ count: z.number().int().min(0).max(4000) }).strict(),
  kick: z.object({ seat }).strict(),
  ban: z.object({ seat }).strict(),
  lock: z.object({ locked: z.boolean() }).strict(),
  standIns: z.object({ enabled: z.boolean() }).strict(),
  /** Every student sees its own key and the wall the whole picture (the end does this too). */
  reveal: z.object({}).strict(),
  /** Rounds open by themselves `seconds` after a close, or wait for the teacher (the default). */
  autoAdvance: z.object({ enabled: z.boolean(), seconds: z.number().int().min(0).max(120) }).strict(),
} as const;

/**
 * The teacher's messages the projector may send too: a presenter's clicker or the space bar at the wall
 * moves the class on, as the dashboard's button does.
 */
export const PROJECTOR_MAY: readonly TeacherMessageType[] = ["advance"];

/** A message and its type as one value, checked as one: what the room hands to the conductor. */
const command = <T extends string, S extends z.ZodType>(type: T, body: S) =>
  z.object({ type: z.literal(type), body });

export const StudentCommand = z.discriminatedUnion("type", [
  command("level", StudentMessages.level),
  command("submit", StudentMessages.submit),
]);
export type StudentCommand = z.infer<typeof StudentCommand>;

export const StaffCommand = z.discriminatedUnion("type", [
  command("start", TeacherMessages.start),
  command("pause", TeacherMessages.pause),
  command("resume", TeacherMessages.resume),
  command("advance", TeacherMessages.advance),
  command("end", TeacherMessages.end),
  command("scheme", TeacherMessages.scheme),
  command("roundTime", TeacherMessages.roundTime),
  command("bots", TeacherMessages.bots),
  command("kick", TeacherMessages.kick),
  command("ban", TeacherMessages.ban),
  command("lock", TeacherMessages.lock),
  command("standIns", TeacherMessages.standIns),
  command("reveal", TeacherMessages.reveal),
  command("autoAdvance", TeacherMessages.autoAdvance),
]);
export type StaffCommand = z.infer<typeof StaffCommand>;

export type StudentMessageType = keyof typeof StudentMessages;
export type TeacherMessageType = keyof typeof TeacherMessages;
export type ClientMessage<T extends StudentMessageType | TeacherMessageType> = T extends StudentMessageType
  ? z.infer<(typeof StudentMessages)[T]>
  : T extends TeacherMessageType
    ? z.infer<(typeof TeacherMessages)[T]>
    : never;

export const ROLES = ["student", "teacher", "projector"] as const;
export type Role = (typeof ROLES)[number];

/** Options a client joins an exam room with. */
export const JoinOptions = z.discriminatedUnion("role", [
  z
    .object({
      role: z.literal("student"),
      protocol: z.number().int(),
      code: z.string().max(16),
      nickname: z.string().max(512),
      /** A random key the browser keeps, so a ban holds against a new nickname. */
      clientKey: z.string().min(8).max(64),
    })
    .strict(),
  z.object({ role: z.literal("teacher"), protocol: z.number().int(), token: z.string().max(128) }).strict(),
  z.object({ role: z.literal("projector"), protocol: z.number().int(), token: z.string().max(128) }).strict(),
]);
export type JoinOptions = z.infer<typeof JoinOptions>;

/** Why the room turned something down: a stable code for programs and a sentence for people. */
export const REJECTIONS = {
  "bad-message": "That message was not understood.",
  "not-allowed": "Only the teacher can do that.",
  "wrong-round": "That round is not open any more.",
  "no-open-round": "No round is open.",
  "not-seated": "You take part from the next round.",
  "out-of-range": "A level is a number from 0 to 1.",
  "rate-limited": "Too many messages: slow down.",
  "not-now": "That cannot be done now.",
  "no-such-seat": "There is no student in that seat.",
  "server-error": "Something went wrong on the server; the room goes on.",
  "no-populations": "Only the mouse experiment (the grating exam) has populations to block.",
} as const;
export type Rejection = keyof typeof REJECTIONS;

export interface RejectedMessage {
  readonly type: string;
  readonly reason: Rejection;
  readonly message: string;
}

/** Sent to a student on joining and after every change of its own private status. */
export interface YouMessage {
  readonly seat: number;
  readonly nickname: string;
  readonly round: number;
  readonly question: number;
  readonly level: number;
  /**
   * The student's own key for the current question (its target on the `independent` exam), once the teacher
   * has revealed the keys or the session has ended; null before that, and on exams that give no one a target.
   * During play nothing here says where the key lies: that is the game.
   */
  readonly key: number | null;
  readonly submitted: boolean;
  /** False until the student's seat is in play (a late joiner waits for the next round). */
  readonly seated: boolean;
  /**
   * On the grating exam, the student's population once the keys are revealed (null before, and elsewhere):
   * its role is the sign of its signal, so it is part of the key.
   */
  readonly population: Population | null;
}

/** Sent to a student after each round's close: its own feedback, and nobody else's. */
export interface FeedbackMessage {
  readonly round: number;
  readonly feedback: StudentFeedback;
  readonly level: number;
  readonly classScore: number;
}

/**
 * Sent to every page just before the server closes the room without ending the session: a graceful stop
 * ("restart": it will be right back), a disk it cannot write to ("storage": back once it can), or, in a
 * cluster, another server that has taken the session over ("moved"). Either way the session is live in its
 * log, and the pages keep trying to come back into it.
 */
export interface ClosingMessage {
  readonly reason: "restart" | "storage" | "moved";
  readonly message: string;
}

export const CLOSING_WORDS: Record<ClosingMessage["reason"], string> = {
  restart: "The class server is restarting: it will be right back, and so will your seat.",
  storage:
    "The class server cannot save the class right now; it will carry on from the last saved moment as soon as it can.",
  moved: "The class moved to another server: your page follows it, and your seat is kept.",
};

export interface TimeReply {
  readonly now: number;
}
