/**
 * `node server/cli/mouse.ts [--students N] [--seed N] [--rounds N] [--rate R] [--block everyone|push|pull]
 * [--block-from R] [--block-until R] [--human] [--json]`: the mouse experiment of Francioni et al. (Nature,
 * 2026) reproduced with bots on the `grating` exam. Prints one line a round (the grating's angle, the target,
 * the class error, its fall, whose signals were blocked, each population's mean signal) and what the run showed.
 */
import { runMouse } from "../../shared/engine/mouseRun.ts";
import { mouseNotes, mouseTable, parseMouseArgs } from "./mouseReport.ts";

function main(argv: readonly string[]): number {
  const args = parseMouseArgs(argv);
  if (!args.ok) {
    (args.help ? console.log : console.error)(args.error);
    return args.help ? 0 : 2;
  }
  const rows = runMouse(args.spec);
  if (args.json) {
    console.log(JSON.stringify({ spec: args.spec, rows }, null, 2));
    return 0;
  }
  const { students, seed, rate, human } = args.spec;
  console.log(
    `The mouse experiment with bots: ${students} neurons in two populations (push ${Math.ceil(students / 2)}, pull ${Math.floor(students / 2)}), seed ${seed}, rate ${rate}${human ? ", human-like" : ""}.`,
  );
  console.log(mouseTable(rows));
  for (const note of mouseNotes(rows, args.spec)) console.log(note);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
