/** The join URL's QR code as the projector draws it: what a phone's reader decodes is the URL itself. */
import decodeQR from "@paulmillr/qr/decode.js";
import { describe, expect, it } from "vitest";
import { QUIET_ZONE, qrDrawing, qrPath } from "../../client/src/projector/qr.ts";

/** Paints the drawing's path (unit squares "Mx yh1v1h-1z") into an RGB image, `scale` pixels a module. */
function rasterize(drawing: { size: number; path: string }, scale: number) {
  const side = drawing.size * scale;
  const data = new Uint8Array(side * side * 3).fill(255);
  for (const m of drawing.path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const mx = Number(m[1]);
    const my = Number(m[2]);
    for (let y = my * scale; y < (my + 1) * scale; y++)
      for (let x = mx * scale; x < (mx + 1) * scale; x++)
        data.fill(0, (y * side + x) * 3, (y * side + x) * 3 + 3);
  }
  return { width: side, height: side, data };
}

describe("the projector's QR code", () => {
  it("draws one unit square per dark module, inside the quiet zone", () => {
    expect(
      qrPath([
        [true, false],
        [false, true],
      ]),
    ).toBe(`M${QUIET_ZONE} ${QUIET_ZONE}h1v1h-1zM${QUIET_ZONE + 1} ${QUIET_ZONE + 1}h1v1h-1z`);
    expect(qrPath([[false]])).toBe("");
  });

  it("decodes to the join URL", () => {
    for (const url of ["http://127.0.0.1:41234/join/ACDEFG", "https://exam.example-school.org/join/K7QXCM"]) {
      const drawing = qrDrawing(url);
      expect(drawing.size).toBeGreaterThan(21 + 2 * QUIET_ZONE - 1);
      expect(decodeQR(rasterize(drawing, 6))).toBe(url);
    }
  });
});
