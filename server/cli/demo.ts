/**
 * `npm run demo`: the bot-only demo on the command line. Runs the shared engine's experiment (once per
 * class size asked for) and prints a table (or JSON), optionally writing an SVG chart, the raw data as CSV
 * and the researcher's plots; a progress bar goes to stderr when it is a terminal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ExperimentResult, runExperiment } from "../../shared/engine/index.ts";
import { parseDemoArgs, USAGE } from "./demoArgs.ts";
import { toCsv } from "./demoData.ts";
import { speedupChart, sweepChart, teamsDialChart } from "./demoPlots.ts";
import { chartInput, formatTable, toJson } from "./demoReport.ts";
import { renderXYChartSvg } from "./demoXYChart.ts";
import { progressBar } from "./progress.ts";
import { renderConvergenceSvg } from "./svgChart.ts";

function main(argv: readonly string[]): number {
  const parsed = parseDemoArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`demo: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const { experiment, classSizes, roundsGiven, json, out, csv, plots, help } = parsed.options;
  if (help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const results: ExperimentResult[] = [];
  for (const students of classSizes) {
    const bar = progressBar(process.stderr);
    const rounds = roundsGiven ? experiment.rounds : 20 * students + 200;
    results.push(runExperiment({ ...experiment, students, rounds }, bar.update));
    bar.done();
  }
  const said: string[] = [];
  if (json) {
    const body = results.length === 1 ? toJson(results[0]) : { runs: results.map(toJson) };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else process.stdout.write(`${results.map(formatTable).join("\n\n")}\n`);
  if (out) {
    writeFileSync(out, renderConvergenceSvg(chartInput(results[0])));
    said.push(`Chart written to ${out}`);
  }
  if (csv) {
    writeFileSync(csv, toCsv(results));
    said.push(`Data written to ${csv} (one row per scheme × seed × round)`);
  }
  if (plots) {
    mkdirSync(plots, { recursive: true });
    const files: [string, string | null][] = [
      ["convergence.svg", renderConvergenceSvg(chartInput(results[0]))],
      ["sweep.svg", withChart(sweepChart(results[0]))],
      ["speedup.svg", withChart(speedupChart(results))],
      ["teams-dial.svg", withChart(teamsDialChart(results[0]))],
    ];
    for (const [name, svg] of files) {
      if (svg === null) continue;
      writeFileSync(join(plots, name), svg);
      said.push(`Plot written to ${join(plots, name)}`);
    }
    if (!files[1][1]) said.push("No rate was swept (theory or by hand): no sweep.svg");
  }
  if (!json && said.length) process.stdout.write(`${said.join("\n")}\n`);
  return 0;
}

const withChart = (input: Parameters<typeof renderXYChartSvg>[0] | null): string | null =>
  input ? renderXYChartSvg(input) : null;

process.exitCode = main(process.argv.slice(2));
