import { probit } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/stats/normal-quantile.js";
import { statsReference } from "./reference.js";

describe("normalQuantile(p)", () => {
  // Reference: scipy.stats.norm.ppf, test/fixtures/reference/stats_reference.py.
  it.each(statsReference.normalQuantile)("matches scipy norm.ppf at p = $p", ({ p, z }) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
  });

  it("is more accurate than simple-statistics' probit, which it replaces", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(Math.abs(probit(0.975) - 1.959963984540054)).toBeGreaterThan(1e-3);
  });

  it("is antisymmetric around 0.5", () => {
    for (const p of [0.001, 0.2, 0.4])
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });

  it("returns ∓Infinity at 0 and 1 and rejects values outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(
      "normalQuantile requires a probability in [0, 1]: got 1.5",
    );
    expect(() => normalQuantile(Number.NaN)).toThrow(/normalQuantile requires/);
  });
});
