import { describe, expect, it } from "vitest";
import { IV_LEAKAGE_THRESHOLD, ivBand } from "../../src/stats/iv-band.js";

describe("ivBand(iv)", () => {
  // Bands from Siddiqi, Credit Risk Scorecards (2006): <0.02, 0.02–0.1, 0.1–0.3, >0.3.
  it.each([
    [0, "none"],
    [0.0199, "none"],
    [0.02, "weak"],
    [0.0999, "weak"],
    [0.1, "medium"],
    [0.3, "medium"],
    [0.3001, "strong"],
    [2, "strong"],
  ] as const)("puts %f in %s", (iv, band) => {
    expect(ivBand(iv)).toBe(band);
  });

  it("treats an infinite IV (unsmoothed empty cell) as strong", () => {
    expect(ivBand(Number.POSITIVE_INFINITY)).toBe("strong");
  });

  it("flags leakage above 0.5", () => {
    expect(IV_LEAKAGE_THRESHOLD).toBe(0.5);
  });

  it("rejects negative and NaN values", () => {
    expect(() => ivBand(-0.1)).toThrow("ivBand requires an information value ≥ 0: got -0.1");
    expect(() => ivBand(Number.NaN)).toThrow(/ivBand requires/);
  });
});
