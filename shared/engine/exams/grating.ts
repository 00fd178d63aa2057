/**
 * `grating`: the mouse experiment of Francioni, Tang, Brown, Toloza & Harnett (Nature, 2026) as an exam. The
 * class is two intermingled populations of neurons (4 or 5 each in the experiment; any M ≥ 2 here) whose
 * activity turns one output, a grating's angle, toward a target angle. One population pushes (its activity
 * turns the angle up), the other pulls (down):
 *
 *   y = ½ + ½ (mean of the push levels − mean of the pull levels),   angle = 180° · y,
 *
 * so a class at the start (every level ½) shows 90°, and the angle runs from 0° to 180°. Each question's key
 * is a target angle 30° to 60° away from 90°. E = (y − y*)², so g_i = role_i · (y − y*) / n_role: a push
 * member's credit and a pull member's have opposite signs, and so do their personal signals −g/λ (the
 * paper's opposite dendritic signals). λ = (1/n_push + 1/n_pull)/2 is E's curvature along the output, so a
 * step of the whole class along its signals with rate 1 lands on the target.
 *
 * Roles are drawn for all M seats from the seed (a permutation: the first ⌈M/2⌉ seats in it push), so they
 * are intermingled and a seat keeps its role when the active set changes. Only active seats count in their
 * population's mean; a population with no active seat adds nothing, and the key is then clipped to what the
 * other can reach alone. There is no hidden layer: errors reach the students through the output itself, so
 * the random path is the true one here (alignment is the same as vectorized).
 */
import { activeSeats, type Exam, type ExamSpec } from "../exam.ts";
import { createRng, deriveSeed, nextFloat, permutation } from "../random.ts";

/** +1: the seat's activity turns the angle up (push); −1: down (pull). */
export type Role = 1 | -1;
export const POPULATIONS = ["push", "pull"] as const;
export type Population = (typeof POPULATIONS)[number];

/** The angle's span in degrees: y = 0 is 0°, y = 1 is 180°. */
export const ANGLE_SPAN = 180;
/** How far the targets lie from the start (90°), in degrees. */
export const TARGET_OFFSET = { min: 30, max: 60 } as const;

export const angleOf = (y: number): number => ANGLE_SPAN * y;
export const populationOf = (role: number): Population => (role > 0 ? "push" : "pull");

/**
 * Each seat's role (+1 push, −1 pull), a pure function of the class size and the seed: what a page calls to
 * say which population each seat is in.
 */
export function gratingRoles(students: number, seed: number): Int8Array {
  if (!Number.isInteger(students) || students < 2)
    throw new RangeError("the grating exam needs at least 2 students (one per population)");
  const order = permutation(createRng(deriveSeed(seed, "exam:grating:roles")), students);
  const roles = new Int8Array(students).fill(-1);
  const pushers = Math.ceil(students / 2);
  for (let k = 0; k < pushers; k++) roles[order[k]] = 1;
  return roles;
}

export function createGratingExam(spec: ExamSpec, mask?: Uint8Array | null): Exam {
  const m = spec.students;
  const roles = gratingRoles(m, spec.seed);
  const active = activeSeats(m, mask);
  let nPush = 0;
  let nPull = 0;
  for (let i = 0; i < m; i++) if (active[i]) roles[i] > 0 ? nPush++ : nPull++;
  // Each active seat's weight on the output: role / (2 n_role); an inactive seat's is 0.
  const weight = new Float64Array(m);
  for (let i = 0; i < m; i++) if (active[i]) weight[i] = roles[i] / (2 * (roles[i] > 0 ? nPush : nPull));
  let norm = 0;
  for (let i = 0; i < m; i++) norm += weight[i] * weight[i];
  const curvature = Math.max(2 * norm, Number.MIN_VALUE);

  const forward = (levels: Float64Array): number => {
    let y = 0.5;
    for (let i = 0; i < m; i++) y += weight[i] * (levels[i] - 0.5);
    return y;
  };

  // Targets: 90° ± 30°…60°, drawn for every question from the seed whatever the active set. The solution
  // moves each population by the same amount in its own direction (twice as far when the other is empty),
  // clipped to the slider; the key is what that solution shows, so it is always reachable.
  const rng = createRng(deriveSeed(spec.seed, "exam:grating"));
  const keys = new Float64Array(spec.questions);
  const solutions = new Float64Array(m * spec.questions).fill(0.5);
  const both = nPush > 0 && nPull > 0;
  for (let q = 0; q < spec.questions; q++) {
    const offset = TARGET_OFFSET.min + (TARGET_OFFSET.max - TARGET_OFFSET.min) * nextFloat(rng);
    const d = ((nextFloat(rng) < 0.5 ? -1 : 1) * offset) / ANGLE_SPAN;
    const move = both ? d : Math.max(-0.5, Math.min(0.5, 2 * d));
    const x = solutions.subarray(q * m, q * m + m);
    for (let i = 0; i < m; i++) if (active[i]) x[i] = 0.5 + roles[i] * move;
    keys[q] = forward(x);
  }

  return {
    spec,
    kind: "grating",
    students: m,
    questions: spec.questions,
    outputs: 1,
    curvature,
    startLevel: 0.5,
    activeCount: nPush + nPull,
    evaluate(levels, question, credit, answer) {
      const y = forward(levels);
      const r = y - keys[question];
      if (credit) for (let i = 0; i < m; i++) credit[i] = 2 * r * weight[i];
      if (answer) answer[0] = y;
      return r * r;
    },
    key: (question) => keys.subarray(question, question + 1),
    targetOf: () => null,
    solution: (question) => solutions.slice(question * m, question * m + m),
  };
}
