/**
 * The ending every research command shares (weights.ts, drift.ts): a refused command line said on the right
 * stream with its exit code, and a run printed as JSON, or as its header, table and notes.
 */

/** Help goes to stdout and exits 0; a bad flag goes to stderr and exits 2. */
export function refuse(args: { readonly error: string; readonly help: boolean }): number {
  (args.help ? console.log : console.error)(args.error);
  return args.help ? 0 : 2;
}

export interface Report {
  readonly header: string;
  readonly table: string;
  readonly notes: readonly string[];
}

/** Prints `json()` when asked for JSON, else the report's header, table and notes, a blank line apart. */
export function printReport(asJson: boolean, json: () => unknown, report: () => Report): number {
  if (asJson) {
    console.log(JSON.stringify(json(), null, 2));
    return 0;
  }
  const { header, table, notes } = report();
  console.log(header);
  console.log("");
  console.log(table);
  console.log("");
  for (const note of notes) console.log(note);
  return 0;
}
