import { describe, expect, it } from "vitest";
import { formatCell } from "../../src/report/index.js";

describe("formatCell(value, format, currency)", () => {
  it("formats int with en-US grouping, rounding", () => {
    expect(formatCell(1234567.6, "int", "USD")).toBe("1,234,568");
  });
  it("formats pct from a fraction with one decimal", () => {
    expect(formatCell(0.12345, "pct", "USD")).toBe("12.3%");
    expect(formatCell(0, "pct", "USD")).toBe("0.0%");
  });
  it("formats money in whole units of the report's currency", () => {
    expect(formatCell(184000.4, "money", "USD")).toBe("$184,000");
    expect(formatCell(410, "money", "EUR")).toBe("€410");
  });
  it("formats number with up to two decimals", () => {
    expect(formatCell(5.3333, "number", "USD")).toBe("5.33");
    expect(formatCell(9, undefined, "USD")).toBe("9");
  });
  it("shows missing values (null, undefined, NaN) as an em dash", () => {
    for (const missing of [null, undefined, Number.NaN])
      expect(formatCell(missing, "money", "USD")).toBe("—");
  });
  it("shows strings as given under any format, and dates as ISO", () => {
    expect(formatCell("n/a", "pct", "USD")).toBe("n/a");
    expect(formatCell(new Date("2024-03-01T00:00:00Z"), undefined, "USD")).toBe("2024-03-01");
    expect(formatCell(new Date("2024-03-01T13:45:00Z"), undefined, "USD")).toBe(
      "2024-03-01 13:45 UTC",
    );
  });
  it("converts bigint counts from DuckDB", () => {
    expect(formatCell(12345n, "int", "USD")).toBe("12,345");
  });
});
