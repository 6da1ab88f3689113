import { describe, expect, it } from "vitest";
import { pointsFor, probabilityFor } from "../../src/model/scale-points.js";

describe("pointsFor(beta, pdo)", () => {
  it("gives PDO points to a coefficient that doubles the odds", () => {
    expect(pointsFor(Math.LN2, 20)).toBe(20);
    expect(pointsFor(-Math.LN2, 20)).toBe(-20);
    expect(pointsFor(2 * Math.LN2, 15)).toBe(30);
  });
  it("rounds β · PDO / ln 2 to the nearest whole point", () => {
    // 0.5 · 20 / 0.693147 = 14.427
    expect(pointsFor(0.5, 20)).toBe(14);
    // 0.02 · 20 / ln 2 = 0.577 -> 1; 0.01 -> 0.289 -> 0 (not -0)
    expect(pointsFor(0.02, 20)).toBe(1);
    expect(Object.is(pointsFor(-0.01, 20), 0)).toBe(true);
  });
  it("rejects a non-positive PDO", () => {
    expect(() => pointsFor(1, 0)).toThrow(/points_to_double_odds/);
  });
});

describe("probabilityFor(points, baseOdds, pdo)", () => {
  it("doubles the odds every PDO points from the base odds at 0 points", () => {
    expect(probabilityFor(0, 0.25, 20)).toBeCloseTo(0.2, 12);
    expect(probabilityFor(20, 0.25, 20)).toBeCloseTo(1 / 3, 12);
    expect(probabilityFor(-20, 0.25, 20)).toBeCloseTo(0.125 / 1.125, 12);
  });
  it("inverts the scaling: points from β give back the model's probability", () => {
    const b0 = -2;
    const b1 = 0.8;
    const p = 1 / (1 + Math.exp(-(b0 + b1)));
    expect(probabilityFor((b1 * 20) / Math.LN2, Math.exp(b0), 20)).toBeCloseTo(p, 12);
  });
});
