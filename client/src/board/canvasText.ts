/**
 * Text and colours on the board's canvas textures (the answer panel, the grating): one font, sizes never
 * below TEXT_PX logical pixels so they stay readable from the back of a room, a record of the smallest size
 * drawn since the last `startDrawing` (the board's test hook reports it), and the panels' shared colours.
 */

export const INK = "#eef2f8";
/** Okabe–Ito sky blue (go up, push) and orange (go down, pull), as the field's discs; always with a shape. */
export const SKY = "#56B4E9";
export const ORANGE = "#E69F00";
/** The class's answer (yellow) and the key (near white). */
export const ANSWER = "#F0E442";
export const KEY = "#f4f7fb";
export const MUTED = "#a9b4c8";
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/** The smallest text drawn, and the size of a message standing alone, in logical pixels. */
export const TEXT_PX = 28;
export const MESSAGE_PX = 32;

/** The smallest font drawn since the last `startDrawing`. */
let smallest = Number.POSITIVE_INFINITY;

export function startDrawing(): void {
  smallest = Number.POSITIVE_INFINITY;
}

/** The smallest font drawn since the last `startDrawing` (Infinity: no text). */
export const smallestDrawn = (): number => smallest;

export function text(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  size = TEXT_PX,
  colour = MUTED,
): void {
  ctx.font = `${size}px ${FONT}`;
  ctx.fillStyle = colour;
  ctx.fillText(s, x, y);
  if (s !== "") smallest = Math.min(smallest, size);
}

/** Words wrapped to `width`, centred on (x, y), one line every 1.25 of the size; returns the height used. */
export function paragraph(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  width: number,
  size: number,
  colour: string,
): number {
  ctx.font = `${size}px ${FONT}`;
  const lines: string[] = [];
  for (const word of s.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const step = size * 1.25;
  lines.forEach((line, i) => {
    text(ctx, line, x, y + (i - (lines.length - 1) / 2) * step, size, colour);
  });
  return lines.length * step;
}
