/**
 * The new-session form's values as plain data, the defaults, and the presets that fill the form in one
 * click ("First class: 20 minutes, “Good job” then personal signals"). A preset only fills the form: the
 * teacher reads it, may change it, and still presses Create. Pure, so each preset is checked against the
 * server's own schema in a unit test.
 */
import type { ClassroomExam } from "../../../shared/engine/exam.ts";
import type { SchemeConfig, SessionConfigInput } from "../../../shared/protocol/session.ts";

/** Everything the form holds, one field per input. */
export interface FormValues {
  readonly exam: ClassroomExam;
  /** Readout outputs / second-layer students; null for the exam's default. */
  readonly outputs: number | null;
  readonly questions: number;
  readonly scheme: SchemeConfig;
  readonly roundSeconds: number;
  /** Off: the class stays on its feedback until the teacher moves on. */
  readonly autoAdvance: boolean;
  readonly reviewSeconds: number;
  readonly maxRounds: number;
  readonly endAtCriterion: boolean;
  readonly maxStudents: number;
  readonly bots: number;
  readonly standIns: boolean;
  readonly twinLikePeople: boolean;
}

/** The form as it opens: a small class, “Good job” first, the class waiting for the teacher after each round. */
export const DEFAULT_FORM: FormValues = {
  exam: "independent",
  outputs: null,
  questions: 1,
  scheme: { name: "global" },
  roundSeconds: 30,
  autoAdvance: false,
  reviewSeconds: 10,
  maxRounds: 200,
  endAtCriterion: true,
  maxStudents: 200,
  bots: 0,
  standIns: false,
  twinLikePeople: true,
};

export interface Preset {
  readonly id: string;
  readonly name: string;
  /** What the teacher gets, in a sentence or two. */
  readonly description: string;
  readonly values: FormValues;
}

export const PRESETS: readonly Preset[] = [
  {
    id: "first-class",
    name: "First class: 20 minutes, “Good job” then personal signals",
    description:
      "30 s rounds, 10 bots, at most 30 rounds, each opened by you; it runs until you end it. Play “Good job, everyone”, after round 10 switch to personal signals and watch the class speed up.",
    values: {
      ...DEFAULT_FORM,
      scheme: { name: "global" },
      roundSeconds: 30,
      maxRounds: 30,
      // The lesson needs the personal rounds after the class gets there: the teacher ends it, not the criterion.
      endAtCriterion: false,
      maxStudents: 60,
      bots: 10,
      standIns: true,
    },
  },
  {
    id: "lecture-hall",
    name: "Lecture hall: 200 students",
    description:
      "Room for 250 people, no bots, 45 s rounds; the next round opens by itself 15 s after each close, so you can talk while the class plays (pause at any time). Stand-ins play for dropped phones.",
    values: {
      ...DEFAULT_FORM,
      roundSeconds: 45,
      autoAdvance: true,
      reviewSeconds: 15,
      maxRounds: 60,
      maxStudents: 250,
      bots: 0,
      standIns: true,
    },
  },
  {
    id: "bots-only",
    name: "Demo with bots only",
    description:
      "30 bots, no students, 4 s rounds that open by themselves 2 s apart: “Good job, everyone” on the class, personal signals on its twin (exact bots both), the comparison on the wall within a minute.",
    values: {
      ...DEFAULT_FORM,
      roundSeconds: 4,
      autoAdvance: true,
      reviewSeconds: 2,
      maxRounds: 300,
      maxStudents: 1,
      bots: 30,
      twinLikePeople: false,
    },
  },
  {
    id: "mouse",
    name: "The mouse experiment: block the neurons' signals",
    // "Half as far": the blocked population stands still, so the grating covers half the way the whole
    // class would each round (CLI at rate 0.1: 0.103 e-folds a round against 0.211; at rate 1 a quarter of
    // the error is left each round, where the whole class lands on the target).
    description:
      "Up to 10 neurons (6 students, 4 bots) in two populations, every signal blocked: the grating stands still. Unblock after round 2 and it turns to its target; block one population and the other turns it alone, half as far each round.",
    values: {
      ...DEFAULT_FORM,
      exam: "grating",
      questions: 1,
      // The class starts with every dendritic signal blocked; the teacher unblocks from the dashboard.
      scheme: { name: "blocked", blockedFraction: 1 },
      roundSeconds: 20,
      autoAdvance: false,
      maxRounds: 20,
      // The teacher ends it: blocking after the grating got there is part of the lesson.
      endAtCriterion: false,
      maxStudents: 6,
      bots: 4,
      standIns: true,
    },
  },
];

/** The session configuration the form's values ask for (checked by the shared schema before it is sent). */
export function configOf(v: FormValues): SessionConfigInput {
  return {
    exam: v.exam,
    // independent has no outputs to set and grating one (the angle): a value left from another exam stays home.
    ...(v.exam !== "independent" && v.exam !== "grating" && v.outputs !== null ? { outputs: v.outputs } : {}),
    scheme: v.scheme,
    questions: v.questions,
    roundSeconds: v.roundSeconds,
    autoAdvance: v.autoAdvance,
    reviewSeconds: v.reviewSeconds,
    maxRounds: v.maxRounds,
    endAtCriterion: v.endAtCriterion,
    maxStudents: v.maxStudents,
    bots: v.bots,
    standIns: v.standIns,
    twinLikePeople: v.twinLikePeople,
  };
}
