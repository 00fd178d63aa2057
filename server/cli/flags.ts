/** Checked command-line numbers, shared by the CLI tools: a clear sentence for every bad value. */
export class FlagError extends Error {}

interface Range {
  /** Used when the flag is absent; without it the flag is required. */
  readonly fallback?: number;
  readonly min: number;
  readonly max?: number;
}

function inRange(name: string, v: number, range: Range): number {
  if (v < range.min) throw new FlagError(`--${name} must be at least ${range.min}, not ${v}`);
  if (range.max !== undefined && v > range.max)
    throw new FlagError(`--${name} must be between ${range.min} and ${range.max}, not ${v}`);
  return v;
}

function absent(name: string, range: Range): number {
  if (range.fallback === undefined) throw new FlagError(`--${name} is required`);
  return range.fallback;
}

export function wholeNumber(name: string, raw: string | undefined, range: Range): number {
  if (raw === undefined) return absent(name, range);
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new FlagError(`--${name} must be a whole number, not "${raw}"`);
  const v = Number(raw);
  if (!Number.isSafeInteger(v)) throw new FlagError(`--${name} is too large: ${raw}`);
  return inRange(name, v, range);
}

export function realNumber(name: string, raw: string | undefined, range: Range): number {
  if (raw === undefined) return absent(name, range);
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v))
    throw new FlagError(`--${name} must be a number, not "${raw}"`);
  return inRange(name, v, range);
}
