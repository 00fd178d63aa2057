/**
 * A checksum over the exact bits of numbers: two runs agree on it only if every number agrees bit for bit.
 * Replays compare it with the one stored when the session was played.
 */
export function checksum(values: ArrayLike<number>, seed = 0x811c9dc5): number {
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer);
  let h = seed >>> 0;
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i];
    for (let k = 0; k < 2; k++) {
      h ^= w[k];
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= h >>> 15;
    }
  }
  return h >>> 0;
}
