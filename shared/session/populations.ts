/**
 * The mouse experiment's two populations as the boards draw them: for each, how many of its members are in
 * play and how many of those have their signal blocked. Counts only, never which seat is in which: the wall
 * shows them, and a student who could find its own seat's population would know the sign of its signal
 * (wall.ts). A seat's role reaches only its own phone, after the reveal (`youOf`).
 */
import { z } from "zod";
import type { ClassState } from "../engine/classroom.ts";
import { gratingRoles, POPULATIONS, type Population } from "../engine/exams/grating.ts";

export const PopulationPicture = z.object({
  population: z.enum(POPULATIONS),
  /** Members in play this round. */
  seated: z.number().int().min(0),
  /** Of those, the ones whose signal is blocked under the class's scheme. */
  blocked: z.number().int().min(0),
});
export type PopulationPicture = z.infer<typeof PopulationPicture>;

export const PopulationPictures = z.array(PopulationPicture).max(POPULATIONS.length);

/** Push then pull, counted over the class's seats in play; empty on every exam but the grating. */
export function populationsOf(cls: ClassState): PopulationPicture[] {
  const { exam } = cls;
  if (exam.kind !== "grating") return [];
  const roles = gratingRoles(exam.students, exam.spec.seed);
  const blocked = cls.scheme.blocked;
  return POPULATIONS.map((population: Population) => {
    const want = population === "push" ? 1 : -1;
    let seated = 0;
    let off = 0;
    for (let i = 0; i < roles.length; i++)
      if (roles[i] === want && cls.active[i]) {
        seated++;
        if (blocked?.[i]) off++;
      }
    return { population, seated, blocked: off };
  });
}

/** The populations from their JSON in the synchronised state; none when it is empty or does not parse. */
export function parsePopulations(text: unknown): PopulationPicture[] {
  if (typeof text !== "string" || text === "") return [];
  try {
    const parsed = PopulationPictures.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
