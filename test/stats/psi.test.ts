import { describe, expect, it } from "vitest";
import { psi } from "../../src/stats/psi.js";
import { psiBand } from "../../src/stats/psi-band.js";
import { statsReference } from "./reference.js";

describe("psi(expected, actual, options)", () => {
  it("computes a hand-worked table", () => {
    // Shares: expected 0.5, 0.3, 0.2; actual 0.4, 0.3, 0.3.
    // (0.4 − 0.5)·ln(0.4/0.5) + 0 + (0.3 − 0.2)·ln(0.3/0.2) = 0.1·ln 1.25 + 0.1·ln 1.5
    expect(psi([50, 30, 20], [40, 30, 30])).toBeCloseTo(
      0.1 * Math.log(1.25) + 0.1 * Math.log(1.5),
      15,
    );
    expect(psi([50, 30, 20], [40, 30, 30])).toBeCloseTo(0.0628609, 7);
  });

  it("works on counts, not shares: scaling either side changes nothing", () => {
    expect(psi([5, 3, 2], [400, 300, 300])).toBeCloseTo(psi([50, 30, 20], [40, 30, 30]), 15);
  });

  it("gives an empty bin a share of epsilon (default 1e-4)", () => {
    // Expected shares 0.5, 0 → 1e-4, 0.5; actual 0.5, 0.1, 0.4.
    const want = (0.1 - 1e-4) * Math.log(0.1 / 1e-4) + -0.1 * Math.log(0.4 / 0.5);
    expect(psi([50, 0, 50], [50, 10, 40])).toBeCloseTo(want, 14);
    const wantWide = (0.1 - 1e-2) * Math.log(0.1 / 1e-2) + -0.1 * Math.log(0.4 / 0.5);
    expect(psi([50, 0, 50], [50, 10, 40], { epsilon: 1e-2 })).toBeCloseTo(wantWide, 14);
  });

  it("is 0 for identical distributions", () => {
    expect(psi([10, 20, 0, 70], [1, 2, 0, 7])).toBe(0);
  });

  // Reference: numpy, test/fixtures/reference/stats_reference.py.
  it.each(statsReference.psi)("matches numpy: $name", (ref) => {
    expect(psi(ref.expected, ref.actual, { epsilon: ref.epsilon })).toBeCloseTo(ref.psi, 12);
  });

  it("rejects mismatched bins, negative counts, zero totals and a bad epsilon", () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(
      "psi requires the same bins in both distributions: got 2 expected and 3 actual counts",
    );
    expect(() => psi([1, -2], [1, 2])).toThrow(
      "psi requires finite, non-negative counts: expected[1] is -2",
    );
    expect(() => psi([1, 2], [0, 0])).toThrow(
      "psi requires a positive total: all actual counts are 0",
    );
    expect(() => psi([1], [1], { epsilon: 0 })).toThrow("psi requires an epsilon in (0, 1): got 0");
    expect(() => psi([], [])).toThrow("psi requires at least one bin");
  });
});

describe("psiBand(psi)", () => {
  // Bands from Siddiqi (2006) and Yurdakul (2018): <0.1 stable, 0.1–0.25 watch, >0.25 shifted.
  it.each([
    [0, "stable"],
    [0.0999, "stable"],
    [0.1, "watch"],
    [0.25, "watch"],
    [0.2501, "shifted"],
    [Number.POSITIVE_INFINITY, "shifted"],
  ] as const)("puts %f in %s", (value, band) => {
    expect(psiBand(value)).toBe(band);
  });

  it("rejects negative and NaN values", () => {
    expect(() => psiBand(-1)).toThrow("psiBand requires a population stability index ≥ 0: got -1");
    expect(() => psiBand(Number.NaN)).toThrow(/psiBand requires/);
  });
});
