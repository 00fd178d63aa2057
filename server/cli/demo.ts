/**
 * `npm run demo`: the bot-only demo on the command line. Runs the shared engine's experiment and prints a
 * table (or JSON), optionally writing an SVG chart; a progress bar goes to stderr when it is a terminal.
 */
import { writeFileSync } from "node:fs";
import { runExperiment } from "../../shared/engine/index.ts";
import { parseDemoArgs, USAGE } from "./demoArgs.ts";
import { chartInput, formatTable, toJson } from "./demoReport.ts";
import { progressBar } from "./progress.ts";
import { renderConvergenceSvg } from "./svgChart.ts";

function main(argv: readonly string[]): number {
  const parsed = parseDemoArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`demo: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const { experiment, json, out, help } = parsed.options;
  if (help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const bar = progressBar(process.stderr);
  const result = runExperiment(experiment, bar.update);
  bar.done();
  process.stdout.write(json ? `${JSON.stringify(toJson(result), null, 2)}\n` : `${formatTable(result)}\n`);
  if (out) {
    writeFileSync(out, renderConvergenceSvg(chartInput(result)));
    if (!json) process.stdout.write(`Chart written to ${out}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
