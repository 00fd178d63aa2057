/**
 * Seeded random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state).
 *
 * The state is a plain Uint32Array that lives inside whatever owns it (a class, a bot squad), never in a
 * module variable, so a replay that restores the state replays the numbers. Everything here uses integer
 * operations and the exactly rounded IEEE 754 operations (+ − × ÷ √), so a seed gives the same bits on
 * every JavaScript engine: server, browser and command line.
 */
import { ln } from "./detmath.ts";

export type RngState = Uint32Array;

/** FNV-1a over a label, mixed with a seed: independent streams ("exam", "bots", …) from one seed. */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= Math.imul(seed >>> 16, 0x85ebca6b) >>> 0;
  return h >>> 0;
}

/** A fresh generator state from a 32-bit seed (splitmix32 fills the four words, then 12 warm-up draws). */
export function createRng(seed: number): RngState {
  const s = new Uint32Array(4);
  let z = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    s[i] = (t ^ (t >>> 15)) >>> 0;
  }
  for (let i = 0; i < 12; i++) nextU32(s);
  return s;
}

export function cloneRng(s: RngState): RngState {
  return new Uint32Array(s);
}

export function nextU32(s: RngState): number {
  const a = s[0];
  const b = s[1];
  const c = s[2];
  const d = s[3];
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  s[2] = ((c << 21) | (c >>> 11)) + t;
  return t >>> 0;
}

/** Uniform in [0, 1) with 53 random bits. */
export function nextFloat(s: RngState): number {
  const hi = nextU32(s) >>> 5;
  const lo = nextU32(s) >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** +1 or −1 with equal odds. */
export function nextSign(s: RngState): number {
  return nextU32(s) & 1 ? 1 : -1;
}

/** Uniform integer in [0, n). */
export function nextInt(s: RngState, n: number): number {
  return Math.floor(nextFloat(s) * n);
}

/** Standard normal by Marsaglia's polar method, with the engine's own exactly reproducible logarithm. */
export function nextNormal(s: RngState): number {
  for (;;) {
    const u = 2 * nextFloat(s) - 1;
    const v = 2 * nextFloat(s) - 1;
    const r = u * u + v * v;
    if (r > 0 && r < 1) return u * Math.sqrt((-2 * ln(r)) / r);
  }
}

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
export function permutation(s: RngState, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = nextInt(s, i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
