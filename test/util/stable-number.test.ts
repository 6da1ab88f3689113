import { describe, expect, it } from "vitest";
import { jsonReplacer } from "../../src/cli/output.js";
import { stableJson, stableNumber } from "../../src/util/stable-number.js";

describe("stableNumber(value)", () => {
  it("rounds to 9 significant digits, so last-bit differences of a parallel sum vanish", () => {
    expect(stableNumber(0.026492744657599345)).toBe(0.0264927447);
    expect(stableNumber(0.02649274465759933)).toBe(0.0264927447);
    expect(stableNumber(123456789012)).toBe(123456789000);
    expect(stableNumber(-1.23456789012e-7)).toBe(-1.23456789e-7);
  });

  it("leaves integers of up to 9 digits, zero, non-finite values and non-numbers alone", () => {
    expect(stableNumber(29)).toBe(29);
    expect(stableNumber(0)).toBe(0);
    expect(stableNumber(Number.NaN)).toBeNaN();
    expect(stableNumber(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(stableNumber("0.026492744657599345")).toBe("0.026492744657599345");
    expect(stableNumber(null)).toBeNull();
  });
});

describe("stableJson(value)", () => {
  it("rounds every number, however deep", () => {
    expect(stableJson({ a: [0.1 + 0.2, { b: 2 / 3 }], c: "x" }, 0)).toBe(
      '{"a":[0.3,{"b":0.666666667}],"c":"x"}',
    );
  });
});

describe("jsonReplacer(key, value)", () => {
  it("prints --json numbers rounded and bigints as numbers", () => {
    expect(JSON.stringify({ auc: 0.87512345678901, n: 12n }, jsonReplacer)).toBe(
      '{"auc":0.875123457,"n":12}',
    );
  });
});
