import { describe, expect, it } from "vitest";
import { loadChartSpec } from "../../src/report/index.js";

describe("loadChartSpec(name)", () => {
  it("reads reports/<report>/<chart>.vl.json", () => {
    const spec = loadChartSpec("common/lift-by-decile") as { data?: { name?: string } };
    expect(spec.data?.name).toBe("deciles");
  });
  it("returns a fresh copy each call", () => {
    const a = loadChartSpec("common/lift-by-decile") as { width?: number };
    a.width = 1;
    expect((loadChartSpec("common/lift-by-decile") as { width?: number }).width).toBe(640);
  });
  it("rejects names that could leave reports/", () => {
    expect(() => loadChartSpec("../package")).toThrow('got "../package"');
    expect(() => loadChartSpec("common/../../package")).toThrow("chart name must look like");
  });
  it("says which file is missing", () => {
    expect(() => loadChartSpec("common/no-such-chart")).toThrow(
      "no chart spec reports/common/no-such-chart.vl.json",
    );
  });
});
