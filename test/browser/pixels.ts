/**
 * Reading a screenshot's pixels in the test process: a small PNG decoder (8-bit RGB/RGBA, not interlaced:
 * what Chromium writes) and colour counts, so a test can tell a drawn canvas from a blank one without a
 * PNG package; and the text of a QR code in a screenshot.
 */
import { inflateSync } from "node:zlib";
import decodeQR from "@paulmillr/qr/decode.js";

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row. */
  readonly rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Pixels {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predicted === undefined) throw new Error(`bad PNG filter ${filter}`);
      rows[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rows[i * channels];
    rgba[i * 4 + 1] = rows[i * channels + 1];
    rgba[i * 4 + 2] = rows[i * channels + 2];
    rgba[i * 4 + 3] = channels === 4 ? rows[i * channels + 3] : 255;
  }
  return { width, height, rgba };
}

/** How many different colours the picture holds. */
export function distinctColours(p: Pixels): number {
  const seen = new Set<number>();
  const view = new DataView(p.rgba.buffer, p.rgba.byteOffset, p.rgba.byteLength);
  for (let i = 0; i < p.width * p.height; i++) seen.add(view.getUint32(i * 4));
  return seen.size;
}

/** How many pixels lie within `tolerance` (per channel) of the colour `#rrggbb`. */
export function pixelsNear(p: Pixels, hex: string, tolerance = 24): number {
  const want = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
  let n = 0;
  for (let i = 0; i < p.width * p.height; i++)
    if (want.every((v, c) => Math.abs(p.rgba[i * 4 + c] - v) <= tolerance)) n++;
  return n;
}

/** The text a QR code in a screenshot encodes (the projector's lobby shows the join URL as one). */
export function qrText(png: Buffer): string {
  const p = decodePng(png);
  return decodeQR({ width: p.width, height: p.height, data: p.rgba });
}
