import { describe, expect, it } from "vitest";
import { fillSpec, loadChartSpec, renderChartSvg } from "../../src/report/index.js";
import { HOSTILE, SAMPLE_DATA } from "./demo-document.js";

const costs = () =>
  fillSpec(loadChartSpec("common/cost-by-channel"), SAMPLE_DATA["common/cost-by-channel"]);

describe("renderChartSvg(spec, options)", () => {
  it("escapes labels from the data: the hostile channel is SVG text, never an element", async () => {
    const svg = await renderChartSvg(costs());
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;/script&gt;&lt;script&gt;alert(1)");
    expect(svg).not.toContain(HOSTILE);
  });

  it("gives the same SVG for the same spec", async () => {
    expect(await renderChartSvg(costs())).toBe(await renderChartSvg(costs()));
  });

  it("numbers clip paths from 1 each time (Vega counts them process-wide)", async () => {
    // rounded bar ends make Vega-Lite clip each bar
    const rounded = () => {
      const spec = costs() as unknown as { layer: { mark: Record<string, unknown> }[] };
      (spec.layer[0] as { mark: Record<string, unknown> }).mark.cornerRadiusEnd = 3;
      return spec as unknown as ReturnType<typeof costs>;
    };
    const first = await renderChartSvg(rounded());
    expect(first).toContain('id="clip1"');
    expect(first).toContain('clip-path="url(#clip1)"');
    expect(await renderChartSvg(rounded())).toBe(first);
  });

  it("prints money in the requested currency", async () => {
    const svg = await renderChartSvg(costs(), { currency: "EUR" });
    expect(svg).toContain(">€4,870<");
    expect(svg).not.toContain(">$4,870<");
  });

  it("draws a title when the caller sets one on the spec", async () => {
    const svg = await renderChartSvg({ ...costs(), title: "Cost per outcome, 2024" });
    expect(svg).toContain(">Cost per outcome, 2024<");
  });
});
