import { describe, expect, it } from "vitest";
import {
  bandOfInterval,
  bandOfRange,
  moneyShort,
  pointsChange,
  quarterLabel,
  relativeChange,
} from "../../../src/report/pages/page-helpers.js";

describe("moneyShort(value, currency)", () => {
  it("shortens thousands and millions for headline cards", () => {
    expect(moneyShort(857_000, "USD")).toBe("$857K");
    expect(moneyShort(2_312_800, "USD")).toBe("$2.3M");
    expect(moneyShort(12_400, "EUR")).toBe("€12.4K");
    expect(moneyShort(950, "USD")).toBe("$950");
  });
});

describe("relativeChange(now, before) and pointsChange(now, before)", () => {
  it("sign the change with a true minus and round it", () => {
    expect(relativeChange(174, 186)).toBe("−6%");
    expect(relativeChange(400, 186)).toBe("+115%");
    expect(relativeChange(5, 0)).toBe("up from 0");
    expect(pointsChange(0.263, 0.394)).toBe("−13.1 pts");
    expect(pointsChange(0.2, 0.2)).toBe("0.0 pts");
  });
});

describe("bandOfRange(value, lower, upper) and bandOfInterval(high, reference)", () => {
  it("band a rate by the healthy range and by its interval against a reference", () => {
    expect(bandOfRange(0.26, 0.1, 0.4)).toBe("good");
    expect(bandOfRange(0.46, 0.1, 0.4)).toBe("bad");
    expect(bandOfInterval(0.134, 0.144)).toBe("watch");
    expect(bandOfInterval(0.2, 0.144)).toBe("good");
  });
});

describe("quarterLabel(start)", () => {
  it("names a quarter by its first day in UTC", () => {
    expect(quarterLabel(new Date("2026-07-01T00:00:00Z"))).toBe("2026 Q3");
    expect(quarterLabel(new Date("2024-10-01T00:00:00Z"))).toBe("2024 Q4");
  });
});
