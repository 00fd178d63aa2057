import { checkSpec, type Exam, type ExamSpec } from "../exam.ts";
import { createGratingExam } from "./grating.ts";
import { createIndependentExam } from "./independent.ts";
import { createLayeredExam } from "./layered.ts";
import { createReadoutExam } from "./readout.ts";
import { createUnreachableExam } from "./unreachable.ts";

/** Builds an exam from its spec and its active seats (all when omitted); the same inputs give the same exam. */
export function createExam(spec: ExamSpec, active?: Uint8Array | null): Exam {
  checkSpec(spec);
  switch (spec.kind) {
    case "independent":
      return createIndependentExam(spec, active);
    case "readout":
      return createReadoutExam(spec, active);
    case "layered":
      return createLayeredExam(spec, active);
    case "unreachable":
      return createUnreachableExam(spec, active);
    case "grating":
      return createGratingExam(spec, active);
  }
}
