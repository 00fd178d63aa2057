import { checkSpec, type Exam, type ExamSpec } from "../exam.ts";
import { createIndependentExam } from "./independent.ts";
import { createLayeredExam } from "./layered.ts";
import { createReadoutExam } from "./readout.ts";

/** Builds an exam from its spec; the same spec always gives the same exam. */
export function createExam(spec: ExamSpec): Exam {
  checkSpec(spec);
  switch (spec.kind) {
    case "independent":
      return createIndependentExam(spec);
    case "readout":
      return createReadoutExam(spec);
    case "layered":
      return createLayeredExam(spec);
  }
}
