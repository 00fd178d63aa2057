/**
 * The join URL as a QR code in SVG, built from the encoder's module matrix: one path of unit squares
 * with the standard quiet zone of four modules around it, so phones read it from across a room.
 */
import encodeQR from "@paulmillr/qr";

export const QUIET_ZONE = 4;

/** One path of all dark modules, offset by the quiet zone. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    });
  });
  return parts.join("");
}

export interface QrDrawing {
  /** Side of the square in modules, quiet zone included. */
  readonly size: number;
  readonly path: string;
}

export function qrDrawing(text: string): QrDrawing {
  const modules = encodeQR(text, "raw", { ecc: "medium", border: 0 });
  return { size: modules.length + 2 * QUIET_ZONE, path: qrPath(modules) };
}

const SVG = "http://www.w3.org/2000/svg";

/** An <svg> of the code: white ground, black modules, crisp at any size; `label` is its text alternative. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const { size, path } = qrDrawing(text);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const ground = document.createElementNS(SVG, "rect");
  ground.setAttribute("width", String(size));
  ground.setAttribute("height", String(size));
  ground.setAttribute("fill", "#ffffff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000000");
  svg.append(ground, dark);
  return svg;
}
