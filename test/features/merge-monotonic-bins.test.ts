import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeMonotonicBins, type RangeBin } from "../../src/features/merge-monotonic-bins.js";

const bin = (lo: number, hi: number, events: number, nonEvents: number): RangeBin => ({
  lo,
  hi,
  leads: events + nonEvents,
  events,
  nonEvents,
});

describe("mergeMonotonicBins(bins, minLeads)", () => {
  it("merges a violating pair into one bin so the rate only rises", () => {
    // rates 0.1, 0.3, 0.2, 0.5 -> bins 2 and 3 pool to 0.25
    const result = mergeMonotonicBins(
      [bin(-Infinity, 1, 10, 90), bin(1, 2, 30, 70), bin(2, 3, 20, 80), bin(3, Infinity, 50, 50)],
      1,
    );
    expect(result.trend).toBe("increasing");
    expect(result.bins).toEqual([
      bin(-Infinity, 1, 10, 90),
      bin(1, 3, 50, 150),
      bin(3, Infinity, 50, 50),
    ]);
  });

  it("pools backwards when a merge creates a new violation", () => {
    // 0.2, 0.4, 0.1 -> (0.4, 0.1) pool to 0.25 -> still >= 0.2, fine; then 0.3, 0.05 case
    const result = mergeMonotonicBins(
      [bin(-Infinity, 1, 30, 70), bin(1, 2, 40, 60), bin(2, Infinity, 0, 100)],
      1,
    );
    // increasing: (0.4, 0.0) -> 0.2, then (0.3, 0.2) -> 0.233: one bin. decreasing: (0.3, 0.4) -> 0.35 then 0.0: two bins
    expect(result.trend).toBe("decreasing");
    expect(result.bins).toEqual([bin(-Infinity, 2, 70, 130), bin(2, Infinity, 0, 100)]);
  });

  it("finds a decreasing trend", () => {
    const result = mergeMonotonicBins(
      [bin(-Infinity, 10, 40, 60), bin(10, 50, 20, 80), bin(50, Infinity, 5, 95)],
      1,
    );
    expect(result.trend).toBe("decreasing");
    expect(result.bins).toHaveLength(3);
  });

  it("merges bins below the minimum size into the neighbour with the closer rate", () => {
    const result = mergeMonotonicBins(
      [bin(-Infinity, 1, 10, 90), bin(1, 2, 1, 4), bin(2, Infinity, 40, 60)],
      10,
    );
    // the small bin (rate 0.2) is closer to 0.1 than to 0.4
    expect(result.bins[0]).toEqual(bin(-Infinity, 2, 11, 94));
    expect(result.bins).toHaveLength(2);
  });

  it("reports trend none when the minimum size leaves a single bin", () => {
    const result = mergeMonotonicBins([bin(-Infinity, 1, 1, 4), bin(1, Infinity, 2, 3)], 10);
    expect(result.trend).toBe("none");
    expect(result.bins).toEqual([bin(-Infinity, Infinity, 3, 7)]);
  });

  it("always returns bins whose rates are monotone when a trend is reported", () => {
    const rates = [0.05, 0.2, 0.1, 0.3, 0.25, 0.6, 0.4, 0.7];
    const bins = rates.map((r, i) =>
      bin(
        i === 0 ? -Infinity : i,
        i === rates.length - 1 ? Infinity : i + 1,
        r * 100,
        100 - r * 100,
      ),
    );
    const result = mergeMonotonicBins(bins, 1);
    expect(result.trend).toBe("increasing");
    const out = result.bins.map((b) => b.events / (b.events + b.nonEvents));
    for (let i = 1; i < out.length; i++)
      expect(out[i]).toBeGreaterThanOrEqual(out[i - 1] as number);
    expect(result.bins.reduce((s, b) => s + b.leads, 0)).toBe(800);
  });
});

describe("mergeMonotonicBins(bins, minLeads) properties", () => {
  it("keeps every lead, keeps the bins contiguous, and is monotone when it reports a trend", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 50 }),
        (cells, minLeads) => {
          const bins = cells.map(([e, n], i) =>
            bin(i === 0 ? -Infinity : i, i === cells.length - 1 ? Infinity : i + 1, e, n),
          );
          const result = mergeMonotonicBins(bins, minLeads);
          const total = (xs: RangeBin[]) => xs.reduce((s, b) => s + b.leads, 0);
          expect(total(result.bins)).toBe(total(bins));
          for (let i = 1; i < result.bins.length; i++)
            expect(result.bins[i]?.lo).toBe(result.bins[i - 1]?.hi);
          if (result.trend !== "none") {
            const rates = result.bins.map((b) => b.events / Math.max(1, b.events + b.nonEvents));
            const sign = result.trend === "increasing" ? 1 : -1;
            for (let i = 1; i < rates.length; i++)
              expect(
                sign * ((rates[i] as number) - (rates[i - 1] as number)),
              ).toBeGreaterThanOrEqual(-1e-12);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
