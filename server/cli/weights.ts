/**
 * `node server/cli/weights.ts [--students M] [--inputs 1,2,4] [--questions Q] [--seeds N] [--seed S]
 * [--sigma S] [--rate R] [--json]`: weight perturbation as a learner (Werfel, Xie & Seung 2005) against node
 * perturbation on the same rounds, with bots. Prints, for each N, the rounds each needs to the criterion,
 * their ratio beside the factor the theory expects, and whether this run shows "a further factor of N".
 */
import { progressBar } from "./progress.ts";
import { printReport, refuse } from "./reportMain.ts";
import { parseWeightsArgs, weightsHeader, weightsJson, weightsNotes, weightsTable } from "./weightsReport.ts";
import { runWeights } from "./weightsRun.ts";

function main(argv: readonly string[]): number {
  const args = parseWeightsArgs(argv);
  if (!args.ok) return refuse(args);
  const bar = progressBar(process.stderr);
  const rows = runWeights(args.spec, (done, total) => bar.update(done, total, "playing"));
  bar.done();
  return printReport(
    args.json,
    () => weightsJson(args.spec, rows),
    () => ({ header: weightsHeader(args.spec), table: weightsTable(rows), notes: weightsNotes(rows) }),
  );
}

process.exitCode = main(process.argv.slice(2));
