/**
 * `node server/cli/learnerFigures.ts [--seeds N]`: human-like bots (a hand that slips by 0.02, a slider in
 * steps of 0.01, one round in ten skipped) under every scheme at M = 30 and 100 on the `independent` exam:
 * rounds to 90 % of the way (the criterion a person's precision can reach), the mean and the 10–90 % band
 * over seeds, each scheme's rule at the rate a sweep on tuning seeds found best for that criterion.
 */
import { parseArgs } from "node:util";
import { runHumanLike } from "../../shared/engine/humanLike.ts";
import { SCHEME_NAMES, schemeConfig } from "../../shared/engine/schemes.ts";

const { values } = parseArgs({ options: { seeds: { type: "string", default: "30" } } });
const seeds = Math.max(1, Math.min(200, Number.parseInt(values.seeds ?? "30", 10) || 30));
const fmt = (v: number | null): string => (v === null ? "never" : v.toFixed(1));

for (const students of [30, 100]) {
  console.log(`\nHuman-like bots, independent exam, M = ${students}, ${seeds} seeds, to 90 % of the way:`);
  for (const name of SCHEME_NAMES) {
    const r = runHumanLike({
      exam: { kind: "independent", students, questions: 1 },
      scheme: schemeConfig(name),
      seeds,
      baseSeed: 1,
      rounds: 20 * students + 200,
    });
    const s = r.summary;
    console.log(
      `  ${name.padEnd(11)} ${r.learner.padEnd(13)} rate ${r.rate.toPrecision(3).padEnd(7)} rounds ${fmt(s.mean).padStart(7)}  (10–90 %: ${fmt(s.p10)}–${fmt(s.p90)}), reached in ${Math.round(100 * s.reached)} % of seeds`,
    );
  }
}
