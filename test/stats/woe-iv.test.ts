import { describe, expect, it } from "vitest";
import { woeIv } from "../../src/stats/woe-iv.js";
import { statsReference } from "./reference.js";

describe("woeIv(bins, options)", () => {
  it("computes a hand-worked table (100 events, 400 non-events)", () => {
    // Shares by hand: events 50/100, 30/100, 20/100; non-events 100/400, 100/400, 200/400.
    const result = woeIv([
      { events: 50, nonEvents: 100 },
      { events: 30, nonEvents: 100 },
      { events: 20, nonEvents: 200 },
    ]);
    const expected = [
      { eventShare: 0.5, nonEventShare: 0.25, woe: Math.log(2), iv: 0.25 * Math.log(2) },
      { eventShare: 0.3, nonEventShare: 0.25, woe: Math.log(1.2), iv: 0.05 * Math.log(1.2) },
      { eventShare: 0.2, nonEventShare: 0.5, woe: Math.log(0.4), iv: 0.3 * Math.log(2.5) },
    ];
    result.bins.forEach((bin, i) => {
      const want = expected[i];
      expect(bin.eventShare).toBeCloseTo(want?.eventShare ?? Number.NaN, 14);
      expect(bin.nonEventShare).toBeCloseTo(want?.nonEventShare ?? Number.NaN, 14);
      expect(bin.woe).toBeCloseTo(want?.woe ?? Number.NaN, 14);
      expect(bin.iv).toBeCloseTo(want?.iv ?? Number.NaN, 14);
    });
    // 0.25·ln 2 + 0.05·ln 1.2 + 0.3·ln 2.5 = 0.45729…
    expect(result.iv).toBeCloseTo(
      0.25 * Math.log(2) + 0.05 * Math.log(1.2) + 0.3 * Math.log(2.5),
      14,
    );
    expect(result.iv).toBeCloseTo(0.45729, 6);
  });

  it("gives positive WoE to bins where events are over-represented", () => {
    const { bins } = woeIv([
      { events: 9, nonEvents: 1 },
      { events: 1, nonEvents: 9 },
    ]);
    expect(bins[0]?.woe).toBeGreaterThan(0);
    expect(bins[1]?.woe).toBeLessThan(0);
  });

  it("adds the smoothing to both cells of a bin with a zero cell, and only there", () => {
    // Bin 1 becomes 0.5 / 10.5; bin 2 is untouched. Totals: 10.5 events, 20.5 non-events.
    const { bins } = woeIv([
      { events: 0, nonEvents: 10 },
      { events: 10, nonEvents: 10 },
    ]);
    expect(bins[0]?.eventShare).toBeCloseTo(0.5 / 10.5, 14);
    expect(bins[0]?.nonEventShare).toBeCloseTo(10.5 / 20.5, 14);
    expect(bins[0]?.woe).toBeCloseTo(Math.log(0.5 / 10.5 / (10.5 / 20.5)), 14);
    expect(bins[1]?.eventShare).toBeCloseTo(10 / 10.5, 14);
    expect(bins[1]?.woe).toBeCloseTo(Math.log(10 / 10.5 / (10 / 20.5)), 14);
  });

  it("gives an infinite WoE for a zero cell when smoothing is 0", () => {
    const result = woeIv(
      [
        { events: 0, nonEvents: 10 },
        { events: 10, nonEvents: 10 },
      ],
      { smoothing: 0 },
    );
    expect(result.bins[0]?.woe).toBe(Number.NEGATIVE_INFINITY);
    expect(result.iv).toBe(Number.POSITIVE_INFINITY);
  });

  it("gives IV 0 when every bin has the same event rate", () => {
    const result = woeIv([
      { events: 5, nonEvents: 20 },
      { events: 10, nonEvents: 40 },
    ]);
    expect(result.iv).toBeCloseTo(0, 15);
  });

  // Reference: numpy shares and scipy.special.rel_entr (IV as the Jeffreys divergence
  // KL(events‖non-events) + KL(non-events‖events)), test/fixtures/reference/stats_reference.py.
  it.each(statsReference.woeIv)("matches numpy/scipy: $name", (ref) => {
    const result = woeIv(
      ref.events.map((events, i) => ({ events, nonEvents: ref.nonEvents[i] as number })),
      { smoothing: ref.smoothing },
    );
    expect(result.iv).toBeCloseTo(ref.iv, 12);
    result.bins.forEach((bin, i) => {
      expect(bin.woe).toBeCloseTo(ref.woe[i] as number, 12);
      expect(bin.iv).toBeCloseTo(ref.ivBins[i] as number, 12);
      expect(bin.eventShare).toBeCloseTo(ref.eventShare[i] as number, 14);
      expect(bin.nonEventShare).toBeCloseTo(ref.nonEventShare[i] as number, 14);
    });
  });

  it("rejects negative counts, naming the bin", () => {
    expect(() => woeIv([{ events: -1, nonEvents: 3 }])).toThrow(
      "woeIv requires finite, non-negative counts: bins[0] is { events: -1, nonEvents: 3 }",
    );
  });

  it("rejects a table without events or without non-events", () => {
    expect(() => woeIv([{ events: 0, nonEvents: 3 }])).toThrow(
      "woeIv requires at least one event and one non-event: got 0 events and 3 non-events",
    );
    expect(() => woeIv([])).toThrow("woeIv requires at least one bin");
  });

  it("rejects a negative smoothing", () => {
    expect(() => woeIv([{ events: 1, nonEvents: 3 }], { smoothing: -0.5 })).toThrow(
      "woeIv requires a finite smoothing ≥ 0: got -0.5",
    );
  });
});
