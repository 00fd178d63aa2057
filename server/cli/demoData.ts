/**
 * The demo's raw data as CSV, for a researcher's own tools: one row per scheme × seed × round, the class
 * error of that round. Per round rather than per seed because every figure the demo prints (rounds to
 * criterion, τ, the bands, the curves) can be recomputed from these rows and from nothing coarser; the
 * per-seed figures themselves are in --json. A pure function: the CLI writes the file.
 */
import type { ExperimentResult } from "../../shared/engine/index.ts";
import { schemeLabel } from "../../shared/protocol/schemeWords.ts";

export const CSV_HEADER =
  "exam,students,outputs,scheme,learner,rate,rate_source,sigma,human_like,seed,round,class_error";

/** Quotes a field only when it holds a comma or a quote (scheme labels such as "teams(5)" do not). */
const field = (v: string): string => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function toCsv(results: readonly ExperimentResult[]): string {
  const lines = [CSV_HEADER];
  for (const result of results) {
    const { spec } = result;
    for (const o of result.outcomes) {
      const fixed = [
        spec.exam,
        String(spec.students),
        spec.outputs === undefined ? "" : String(spec.outputs),
        field(schemeLabel(o.scheme)),
        o.learner,
        String(o.rate.rate),
        o.rate.source,
        String(o.sigma),
        spec.human ? "1" : "0",
      ].join(",");
      o.traces.forEach((trace, s) => {
        const seed = o.perSeed[s].seed;
        for (let r = 0; r < trace.length; r++) lines.push(`${fixed},${seed},${r},${trace[r]}`);
      });
    }
  }
  return `${lines.join("\n")}\n`;
}
