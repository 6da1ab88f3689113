import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { currencyAffixes } from "../../src/report/index.js";

describe("currencyAffixes(currency)", () => {
  it("gives the sign before the amount for common currencies", () => {
    expect(currencyAffixes("USD")).toEqual(["$", ""]);
    expect(currencyAffixes("EUR")).toEqual(["€", ""]);
    expect(currencyAffixes("GBP")).toEqual(["£", ""]);
  });
  it("uses the code when en-US has no symbol, with a plain space", () => {
    expect(currencyAffixes("SEK")).toEqual(["SEK ", ""]);
  });
  it("rejects a code that is not ISO 4217, quoting it", () => {
    expect(() => currencyAffixes("dollars")).toThrow(UserError);
    expect(() => currencyAffixes("dollars")).toThrow('got "dollars"');
  });
});
