import { describe, expect, it } from "vitest";
import { type ChartInput, type ChartSeries, renderConvergenceSvg } from "../../server/cli/svgChart.ts";

const decay = (n: number, tau: number, start = 0.1): Float64Array =>
  Float64Array.from({ length: n }, (_, r) => start * Math.exp(-r / tau));

function series(label: string, n: number, tau: number, theory = true): ChartSeries {
  const mean = decay(n, tau);
  return {
    label,
    mean,
    p10: mean.map((v) => v / 2),
    p90: mean.map((v) => v * 2),
    theory: theory ? decay(n, tau * 1.05) : null,
  };
}

const base = {
  title: "Class error",
  subtitle: "20 seeds",
  xLabel: "round",
  yLabel: "class error (log scale)",
};

const render = (input: Partial<ChartInput>): string =>
  renderConvergenceSvg({ ...base, series: [], ...input });

/** The problems of a tiny XML check: tags nest and close, text holds no raw `<`, `>` or bare `&`. */
function xmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of svg.matchAll(tag)) {
    const text = svg.slice(last, m.index);
    if (/[<>]|&(?!(amp|lt|gt|quot|apos);)/.test(text)) problems.push(`bad text: ${text.slice(0, 40)}`);
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const top = open.pop();
      if (top !== name) problems.push(`</${name}> closes <${top}>`);
    } else if (!selfClosing) open.push(name);
  }
  if (svg.slice(last).trim() !== "") problems.push("text after the root");
  if (open.length) problems.push(`unclosed: ${open.join(", ")}`);
  return problems;
}

const paths = (svg: string): string[] => [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);
const points = (d: string): number => (d.match(/[ML]/g) ?? []).length;
const xTickLabels = (svg: string): string[] =>
  [...svg.matchAll(/<text [^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]).filter(Boolean);

describe("renderConvergenceSvg", () => {
  it("makes a well-formed standalone SVG with the title, subtitle, axis labels and every series label", () => {
    const svg = render({ series: [series("global", 300, 60), series("vectorized", 3, 0.1)] });
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain('fill="#ffffff"');
    expect(xmlProblems(svg)).toEqual([]);
    for (const text of [
      "Class error",
      "20 seeds",
      "round",
      "class error (log scale)",
      "global",
      "vectorized",
    ])
      expect(svg).toContain(`>${text}<`);
  });

  it("escapes XML special characters in every text it writes", () => {
    const nasty = `<&>"'`;
    const svg = render({
      title: `t${nasty}`,
      subtitle: `s${nasty}`,
      xLabel: `x${nasty}`,
      yLabel: `y${nasty}`,
      series: [series(`l${nasty}`, 10, 3)],
    });
    for (const p of ["t", "s", "x", "y", "l"]) expect(svg).toContain(`${p}&lt;&amp;&gt;&quot;&apos;`);
    expect(svg).not.toContain(nasty);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it("dashes a theory line only for the series that have one, and says so once in the legend", () => {
    const svg = render({ series: [series("a", 50, 5, true), series("b", 50, 5, false)] });
    expect(svg.match(/<path [^>]*class="theory"/g)).toHaveLength(1);
    expect(svg.match(/dashed: theory/g)).toHaveLength(1);
    const theoryPath = svg.match(/<path [^>]*class="theory"[^>]*>/)?.[0] ?? "";
    expect(theoryPath).toContain("stroke-dasharray");
    expect(theoryPath).toContain('stroke="#0072B2"');
    expect(render({ series: [series("b", 50, 5, false)] })).not.toContain("dashed: theory");
    expect(render({ series: [{ ...series("c", 50, 5), theory: [] }] })).not.toContain("dashed: theory");
  });

  it("keeps every path of a 20,000-round series to about a thousand points, first and last included", () => {
    const svg = render({ series: [series("long", 20_000, 5000)] });
    const ds = paths(svg);
    expect(ds).toHaveLength(3);
    for (const d of ds) expect(points(d)).toBeLessThanOrEqual(2 * 1100);
    const mean = ds[2];
    expect(points(mean)).toBeLessThanOrEqual(1100);
    expect(mean.startsWith("M78,")).toBe(true);
    expect(mean).toMatch(/L936,[\d.]+$/);
    expect(svg.length).toBeLessThan(200_000);
  });

  it("writes path numbers with at most two decimals", () => {
    const svg = render({ series: [series("a", 777, 33), series("b", 13, 2)] });
    for (const d of paths(svg))
      for (const n of d.match(/[\d.]+/g) ?? []) expect(n).toMatch(/^\d+(\.\d{1,2})?$/);
  });

  it("draws zeros, negatives, NaN and infinities at the floor without writing NaN or Infinity", () => {
    const bad = Float64Array.of(0.1, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e-3);
    const svg = render({ series: [{ label: "odd", mean: bad, p10: bad, p90: bad, theory: bad }] });
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(xmlProblems(svg)).toEqual([]);
    const allBad = Float64Array.of(0, Number.NaN, -2);
    const none = render({ series: [{ label: "none", mean: allBad, p10: allBad, p90: allBad }] });
    expect(none).not.toMatch(/NaN|Infinity/);
  });

  it("clips values far below the top to the floor eight decades down", () => {
    const tiny = render({ series: [{ label: "a", mean: [0.1, 1e-30], p10: [], p90: [] }] });
    const atFloor = render({ series: [{ label: "a", mean: [0.1, 1e-9], p10: [], p90: [] }] });
    expect(paths(tiny)).toEqual(paths(atFloor));
    expect(tiny).toContain(">1e-9<");
    expect(tiny).not.toContain(">1e-10<");
  });

  it("still makes a valid chart from no series, an empty series or series that stop early", () => {
    const empty = { label: "empty", mean: [], p10: [], p90: [] };
    for (const s of [[], [empty], [series("long", 200, 30), empty, series("short", 7, 2)]]) {
      const svg = render({ series: s });
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(xmlProblems(svg)).toEqual([]);
    }
  });

  it("leaves an empty series out of the legend but keeps the others' colours", () => {
    const svg = render({ series: [{ label: "empty", mean: [], p10: [], p90: [] }, series("b", 20, 5)] });
    expect(svg).not.toContain(">empty<");
    expect(svg).toContain('stroke="#D55E00"');
    expect(svg).not.toContain('stroke="#0072B2"');
  });

  it("marks a series of a single round with a dot, since a one-point line is invisible", () => {
    const svg = render({ series: [series("one", 1, 3), series("many", 40, 5)] });
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });

  it("labels the x axis in whole rounds from 1 in steps of 1, 2 or 5 × 10^k", () => {
    const few = xTickLabels(render({ series: [] })).filter((t) => /^\d/.test(t));
    expect(few).toEqual(["1", "2"]);
    const many = xTickLabels(render({ series: [series("a", 540, 60)] })).filter((t) => /^\d/.test(t));
    expect(many).toEqual(["1", "100", "200", "300", "400", "500"]);
  });

  it("moves the legend off the top when a scheme that does not learn runs along it", () => {
    const flat = new Float64Array(400).fill(0.1);
    const stuck = { label: "stuck", mean: flat, p10: flat, p90: flat };
    const legendY = (svg: string): number =>
      Number(svg.match(/<rect x="[\d.]+" y="([\d.]+)"[^>]*fill-opacity="0.85"/)?.[1]);
    expect(legendY(render({ series: [series("a", 400, 40)] }))).toBeLessThan(200);
    expect(legendY(render({ series: [series("a", 60, 5), stuck] }))).toBeGreaterThan(280);
  });

  it("is a pure function of its input", () => {
    const input = { ...base, series: [series("a", 100, 20), series("b", 30, 4, false)] };
    expect(renderConvergenceSvg(input)).toBe(renderConvergenceSvg(input));
  });
});
