/**
 * What the wall may show. The projector is seen by the whole class, so during play it must not point any
 * student to its key: under a scalar scheme ("Good job, everyone", one per table) a student who found its
 * own disc, or its level against its target, would have solved the exam the scheme is about. So the wall's
 * picture drops, until the keys are revealed (the teacher's reveal, or the end):
 *
 * - every nickname on the field, always (the lobby lists names as they join, apart from the field; at the end
 *   the wall shows how close the class came, not who was far);
 * - under a scalar scheme, everything per student drawn from the key: each seat's target and correction
 *   (so no disc is brighter for being far, nor carries an arrow), and the class answer against the key.
 *
 * Under a vector scheme each student already hears its own signal: the wall shows the field's corrections
 * (nameless) and the answer against the key, as the lesson wants. The teacher's own views keep everything.
 */
import type { SchemeName } from "../engine/schemes.ts";
import type { ClassPicture, SeatPicture } from "./picture.ts";

const SCALAR: ReadonlySet<string> = new Set<SchemeName>(["global", "teams"]);

/**
 * Whether the wall must hide the key: the keys are not revealed and the class plays under a scalar scheme.
 * The picture's scheme is the one of the round on show (a switch takes effect when the next round opens),
 * so after a switch to personal signals the wall stays blind until the first personal round opens.
 */
export const wallIsBlind = (p: ClassPicture): boolean => !p.revealed && SCALAR.has(p.scheme.name);

const nameless = (s: SeatPicture): SeatPicture => (s.nickname === "" ? s : { ...s, nickname: "" });

const blind = (s: SeatPicture): SeatPicture => ({
  ...s,
  nickname: "",
  target: null,
  credit: Number.NaN,
});

/** The picture the projector draws (see the file's docblock). */
export function wallPicture(p: ClassPicture): ClassPicture {
  if (!wallIsBlind(p)) return { ...p, seats: p.seats.map(nameless) };
  return { ...p, seats: p.seats.map(blind), answer: [], key: [] };
}
