import { describe, expect, it } from "vitest";
import { type DriftCountRow, summariseDrift } from "../../src/drift/summarise-drift.js";

/** Counts per bin for one feature in both periods: [leads, mature, won] each. */
function rows(
  feature: string,
  bins: { label: string; from: [number, number, number]; to: [number, number, number] }[],
): DriftCountRow[] {
  return bins.flatMap((b, i) => [
    {
      feature,
      bin: i + 1,
      label: b.label,
      period: "from" as const,
      leads: b.from[0],
      mature: b.from[1],
      won: b.from[2],
    },
    {
      feature,
      bin: i + 1,
      label: b.label,
      period: "to" as const,
      leads: b.to[0],
      mature: b.to[1],
      won: b.to[2],
    },
  ]);
}

// Hand-worked PSI. country: shares (.5, .3, .2) → (.4, .3, .3):
//   (.4 − .5)·ln(.4/.5) + 0 + (.3 − .2)·ln(.3/.2) = 0.0223144 + 0.0405465 = 0.0628609 (stable)
// size: (.9, .1) → (.5, .5): (−.4)·ln(5/9) + (.4)·ln(5) = 0.2351147 + 0.6437752 = 0.8788899 (shifted)
// score: (.6, .4) → (.45, .55): (−.15)·ln(.75) + (.15)·ln(1.375) = 0.0431523 + 0.0477681 = 0.0909204
const country = rows("country", [
  { label: "US", from: [50, 50, 5], to: [40, 40, 4] },
  { label: "GB", from: [30, 30, 3], to: [30, 30, 3] },
  { label: "other", from: [20, 20, 2], to: [30, 30, 3] },
]);
const size = rows("size_band", [
  { label: "1-10", from: [90, 90, 9], to: [50, 50, 5] },
  { label: "11-50", from: [10, 10, 1], to: [50, 50, 5] },
]);
const score = rows("score", [
  { label: "< 40", from: [60, 60, 3], to: [45, 45, 2] },
  { label: "≥ 40", from: [40, 40, 8], to: [55, 55, 11] },
]);

describe("summariseDrift(features, score, used, rule)", () => {
  it("computes PSI per feature and for the score on hand-worked tables, largest first", () => {
    const s = summariseDrift([...country, ...size], score, new Set(["country"]), {
      minRateLeads: 30,
    });
    expect(s.features.map((f) => [f.feature, f.band])).toEqual([
      ["size_band", "shifted"],
      ["country", "stable"],
    ]);
    expect(s.features[0]?.psi).toBeCloseTo(0.8788899, 6);
    expect(s.features[1]?.psi).toBeCloseTo(0.0628609, 6);
    expect(s.score?.psi).toBeCloseTo(0.0909204, 6);
    expect(s.features[1]?.bins[2]?.from.share).toBeCloseTo(0.2, 12);
    expect(s.features[1]?.bins[2]?.to.share).toBeCloseTo(0.3, 12);
  });

  it("judges only the features the model uses: a shifted unused feature is not due", () => {
    expect(
      summariseDrift([...country, ...size], score, new Set(["country"]), { minRateLeads: 30 })
        .verdict,
    ).toBe("not due");
    const due = summariseDrift([...country, ...size], score, new Set(["size_band"]), {
      minRateLeads: 30,
    });
    expect(due.verdict).toBe("due");
    expect(due.reasons).toEqual(["size_band has shifted (PSI 0.879)"]);
  });

  it("says watch when the score moves into the watch band", () => {
    const moved = rows("score", [
      { label: "< 40", from: [60, 60, 3], to: [40, 40, 2] },
      { label: "≥ 40", from: [40, 40, 8], to: [60, 60, 12] },
    ]);
    // (−.2)·ln(4/6) + (.2)·ln(6/4) = 0.1621860
    const s = summariseDrift(country, moved, new Set(["country"]), { minRateLeads: 30 });
    expect(s.score?.psi).toBeCloseTo(0.162186, 6);
    expect(s.verdict).toBe("watch");
  });

  it("flags a won rate that moved beyond both 95% intervals, only with enough mature leads", () => {
    const rates = rows("seniority", [
      { label: "VP", from: [100, 100, 5], to: [100, 100, 40] },
      { label: "Manager", from: [100, 100, 10], to: [100, 20, 10] },
    ]);
    const s = summariseDrift(rates, score, new Set(["seniority"]), { minRateLeads: 30 });
    const [vp, manager] = s.features[0]?.bins ?? [];
    expect(vp?.rate_change).toBeCloseTo(0.35, 12);
    expect(vp?.rate_moved).toBe(true); // 5% [2.2, 11.2] vs 40% [30.9, 49.8]
    expect(manager?.rate_judged).toBe(false); // 20 mature leads in the second period
    expect(manager?.rate_moved).toBe(false);
    expect(s.verdict).toBe("due");
    expect(s.reasons).toEqual([
      "seniority = VP: won rate 5.0% → 40.0% (95% intervals do not overlap)",
    ]);
  });
});
