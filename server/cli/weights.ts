/**
 * `node server/cli/weights.ts [--students M] [--inputs 1,2,4] [--questions Q] [--seeds N] [--seed S]
 * [--sigma S] [--rate R] [--json]`: weight perturbation as a learner (Werfel, Xie & Seung 2005) against node
 * perturbation on the same rounds, with bots. Prints, for each N, the rounds each needs to the criterion,
 * their ratio beside the factor the theory expects, and whether this run shows "a further factor of N".
 */
import { progressBar } from "./progress.ts";
import { parseWeightsArgs, weightsHeader, weightsJson, weightsNotes, weightsTable } from "./weightsReport.ts";
import { runWeights } from "./weightsRun.ts";

function main(argv: readonly string[]): number {
  const args = parseWeightsArgs(argv);
  if (!args.ok) {
    (args.help ? console.log : console.error)(args.error);
    return args.help ? 0 : 2;
  }
  const bar = progressBar(process.stderr);
  const rows = runWeights(args.spec, (done, total) => bar.update(done, total, "playing"));
  bar.done();
  if (args.json) {
    console.log(JSON.stringify(weightsJson(args.spec, rows), null, 2));
    return 0;
  }
  console.log(weightsHeader(args.spec));
  console.log("");
  console.log(weightsTable(rows));
  console.log("");
  for (const note of weightsNotes(rows)) console.log(note);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
