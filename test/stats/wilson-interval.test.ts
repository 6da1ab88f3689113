import { describe, expect, it } from "vitest";
import { wilsonInterval, Z_95 } from "../../src/stats/wilson-interval.js";
import { statsReference } from "./reference.js";

describe("wilsonInterval(successes, n, z)", () => {
  // Reference: statsmodels proportion_confint(successes, n, alpha, method="wilson"),
  // test/fixtures/reference/stats_reference.py.
  it.each(statsReference.wilsonInterval)(
    "matches statsmodels for $successes / $n at z = $z",
    ({ successes, n, z, estimate, low, high }) => {
      const interval = wilsonInterval(successes, n, z);
      expect(interval.estimate).toBeCloseTo(estimate, 14);
      expect(interval.low).toBeCloseTo(low, 12);
      expect(interval.high).toBeCloseTo(high, 12);
    },
  );

  it("uses z = 1.959963984540054 (95%) by default", () => {
    expect(Z_95).toBe(1.959963984540054);
    expect(wilsonInterval(37, 412)).toEqual(wilsonInterval(37, 412, Z_95));
  });

  it("is narrower for a smaller z", () => {
    const wide = wilsonInterval(30, 100, 2.576);
    const narrow = wilsonInterval(30, 100, 1.645);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it("returns NaN for everything when n = 0", () => {
    const interval = wilsonInterval(0, 0);
    expect(interval.estimate).toBeNaN();
    expect(interval.low).toBeNaN();
    expect(interval.high).toBeNaN();
  });

  it("keeps the bounds exactly at 0 and 1 for 0% and 100%", () => {
    expect(wilsonInterval(0, 7).low).toBe(0);
    expect(wilsonInterval(7, 7).high).toBe(1);
  });

  it("rejects successes outside [0, n]", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(
      "wilsonInterval requires 0 ≤ successes ≤ n: got successes=11, n=10",
    );
    expect(() => wilsonInterval(-1, 10)).toThrow(/0 ≤ successes ≤ n/);
  });

  it("rejects a negative or non-finite n and a non-positive z", () => {
    expect(() => wilsonInterval(0, -1)).toThrow(/n ≥ 0/);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(/finite counts/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow("wilsonInterval requires a finite z > 0: got 0");
  });
});
