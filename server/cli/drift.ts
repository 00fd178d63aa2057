/**
 * `node server/cli/drift.ts [--inputs D] [--hidden K] [--outputs N] [--rate R] [--sigma S] [--noise V]
 * [--rounds R] [--every N] [--seed S] [--json]`: node perturbation's drift where the key cannot be reached
 * (Hiratani et al. 2022) in the two-layer class of shared/engine/twoLayerDrift.ts. Prints a line every N
 * rounds (the error above the floor, ‖W₁‖, ‖W₂‖) for node perturbation and backprop at a reachable and an
 * unreachable key, and a note per curve worded from the run.
 */
import { driftHeader, driftJson, driftNotes, driftTable, parseDriftArgs, runDrift } from "./driftReport.ts";

function main(argv: readonly string[]): number {
  const args = parseDriftArgs(argv);
  if (!args.ok) {
    (args.help ? console.log : console.error)(args.error);
    return args.help ? 0 : 2;
  }
  const curves = runDrift(args.setting);
  if (args.json) {
    console.log(JSON.stringify(driftJson(args.setting, curves), null, 2));
    return 0;
  }
  console.log(driftHeader(args.setting));
  console.log("");
  console.log(driftTable(curves));
  console.log("");
  for (const note of driftNotes(curves)) console.log(note);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
