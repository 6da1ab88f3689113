import { describe, expect, it } from "vitest";
import type { BinCount, FeatureBin, FeatureInfo } from "../../src/features/build-bins.js";
import { profileFeatures } from "../../src/features/profile-features.js";

const info = (feature: string): FeatureInfo => ({
  feature,
  family: "fit",
  kind: "categorical",
  trend: null,
});
const bin = (feature: string, i: number, label: string): FeatureBin => ({
  feature,
  bin: i,
  label,
  role: "category",
  category: label,
  lo: null,
  hi: null,
});
const count = (feature: string, i: number, leads: number, won: number): BinCount => ({
  feature,
  bin: i,
  leads,
  won,
  handed: leads / 2,
  sql: Math.min(won, leads / 2),
  events: won,
  non_events: leads - won,
  mean_num: null,
  max_num: null,
});

describe("profileFeatures(features, bins, counts, options)", () => {
  // Hand-worked: A 100 leads 20 won, B 300 leads 20 won. Base rate 40/400 = 0.1.
  // Event shares 0.5 / 0.5, non-event shares 80/360 and 280/360.
  // WoE A = ln(0.5 / 0.2222) = 0.81093, WoE B = ln(0.5 / 0.7778) = -0.44183.
  // IV = (0.5 - 0.2222)·0.81093 + (0.5 - 0.7778)·(-0.44183) = 0.22526 + 0.12273 = 0.34799.
  const profiles = profileFeatures(
    [info("weak"), info("seniority")],
    [bin("seniority", 0, "A"), bin("seniority", 1, "B"), bin("weak", 0, "x"), bin("weak", 1, "y")],
    [
      count("seniority", 0, 100, 20),
      count("seniority", 1, 300, 20),
      count("weak", 0, 200, 20),
      count("weak", 1, 200, 21),
    ],
    { target: "won", minBinOutcomes: 5 },
  );
  const s = profiles[0];

  it("sorts features by information value", () => {
    expect(profiles.map((p) => p.feature)).toEqual(["seniority", "weak"]);
  });

  it("computes WoE, IV and lift on a hand-worked table", () => {
    expect(s?.bins.map((b) => b.woe)).toEqual([
      expect.closeTo(0.81093, 5),
      expect.closeTo(-0.44183, 5),
    ]);
    expect(s?.iv).toBeCloseTo(0.34799, 5);
    expect(s?.band).toBe("strong");
    expect(s?.bins.map((b) => b.lift)).toEqual([expect.closeTo(2, 12), expect.closeTo(2 / 3, 12)]);
  });

  it("gives won and SQL rates with Wilson intervals", () => {
    // Wilson 95% for 20 / 100: 0.13333 to 0.28887 (R: prop.test(20, 100, correct = FALSE))
    expect(s?.bins[0]?.wonRate).toBe(0.2);
    expect(s?.bins[0]?.wonLow).toBeCloseTo(0.13333, 4);
    expect(s?.bins[0]?.wonHigh).toBeCloseTo(0.28887, 4);
    expect(s?.bins[0]?.sqlRate).toBeCloseTo(0.4, 12); // 20 of 50 handed to sales
  });

  it("flags thin bins and IV above 0.5", () => {
    const p = profileFeatures(
      [info("leaky")],
      [bin("leaky", 0, "yes"), bin("leaky", 1, "no")],
      [count("leaky", 0, 50, 48), count("leaky", 1, 950, 4)],
      { target: "won", minBinOutcomes: 5 },
    )[0];
    expect(p?.bins.map((b) => b.thin)).toEqual([true, true]);
    expect(p?.warnings[0]).toMatch(/^IV \d+\.\d\d is above 0.5: .*possible leakage/);
    expect(p?.warnings[1]).toMatch(
      /2 bins with fewer than 5 won outcomes or non-outcomes \(yes, no\)/,
    );
  });
});
