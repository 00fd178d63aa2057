/**
 * `node server/cli/drift.ts [--inputs D] [--hidden K] [--outputs N] [--rate R] [--sigma S] [--noise V]
 * [--rounds R] [--every N] [--seed S] [--json]`: node perturbation's drift where the key cannot be reached
 * (Hiratani et al. 2022) in the two-layer class of shared/engine/twoLayerDrift.ts. Prints a line every N
 * rounds (the error above the floor, ‖W₁‖, ‖W₂‖) for node perturbation and backprop at a reachable and an
 * unreachable key, and a note per curve worded from the run.
 */
import { driftHeader, driftJson, driftNotes, driftTable, parseDriftArgs, runDrift } from "./driftReport.ts";
import { printReport, refuse } from "./reportMain.ts";

function main(argv: readonly string[]): number {
  const args = parseDriftArgs(argv);
  if (!args.ok) return refuse(args);
  const curves = runDrift(args.setting);
  return printReport(
    args.json,
    () => driftJson(args.setting, curves),
    () => ({ header: driftHeader(args.setting), table: driftTable(curves), notes: driftNotes(curves) }),
  );
}

process.exitCode = main(process.argv.slice(2));
