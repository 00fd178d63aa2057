/** A table of text for the terminal: columns padded to their widest cell (counted in characters, so "—" and "×" are one), two spaces apart. */
export function textTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
