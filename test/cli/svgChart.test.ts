import { describe, expect, it } from "vitest";
import { type ChartSeries, renderConvergenceSvg } from "../../server/cli/svgChart.ts";

const decay = (n: number, tau: number): Float64Array =>
  Float64Array.from({ length: n }, (_, r) => 0.1 * Math.exp(-r / tau));

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
  subtitle: "50 seeds",
  xLabel: "round",
  yLabel: "class error (log scale)",
};

describe("the SVG chart", () => {
  it("is a standalone SVG with the title, axis labels and every series in the legend", () => {
    const svg = renderConvergenceSvg({
      ...base,
      series: [series("global", 300, 60), series("vectorized", 3, 0.1)],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const text of [
      "Class error",
      "50 seeds",
      "round",
      "class error (log scale)",
      "global",
      "vectorized",
    ])
      expect(svg).toContain(`>${text}<`);
    expect(svg.match(/<text/g)?.length).toBe(svg.match(/<\/text>/g)?.length);
  });

  it("escapes XML in every text", () => {
    const svg = renderConvergenceSvg({ ...base, title: `a < b & "c"`, series: [series("x<y>&", 10, 3)] });
    expect(svg).toContain("a &lt; b &amp; &quot;c&quot;");
    expect(svg).toContain("x&lt;y&gt;&amp;");
    expect(svg).not.toContain("x<y>");
  });

  it("dashes a theory line only for the series that have one", () => {
    const svg = renderConvergenceSvg({
      ...base,
      series: [series("a", 50, 5, true), series("b", 50, 5, false)],
    });
    expect(svg.match(/class="theory"/g)).toHaveLength(1);
    expect(svg).toContain("dashed: theory");
    const none = renderConvergenceSvg({ ...base, series: [series("b", 50, 5, false)] });
    expect(none).not.toContain("dashed: theory");
  });

  it("keeps a 20,000-round series to about a thousand points per path", () => {
    const svg = renderConvergenceSvg({ ...base, series: [series("long", 20_000, 5000)] });
    for (const d of svg.matchAll(/ d="([^"]+)"/g)) expect(d[1].split(/[ML]/).length).toBeLessThan(2100);
    expect(svg.length).toBeLessThan(200_000);
  });

  it("draws zeros, negatives and NaN at the floor without writing NaN or Infinity", () => {
    const bad = Float64Array.of(0.1, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e-3);
    const svg = renderConvergenceSvg({
      ...base,
      series: [{ label: "odd", mean: bad, p10: bad, p90: bad, theory: bad }],
    });
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("still makes a valid chart from no series or an empty one", () => {
    for (const s of [[], [{ label: "empty", mean: [], p10: [], p90: [] }]]) {
      const svg = renderConvergenceSvg({ ...base, series: s });
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });
});
