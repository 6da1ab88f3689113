import { describe, expect, it } from "vitest";
import {
  csvRow,
  easternOffsetHours,
  hubspotDateTime,
  money,
  parseCsv,
  salesforceId18,
  salesforceReportDate,
} from "../../sample-data/format.js";

describe("salesforceId18(id15)", () => {
  // Known pairs published with Salesforce's case-safe id algorithm (reused in many test suites).
  it.each([
    ["001A0000006Vm9r", "001A0000006Vm9rIAC"],
    ["003A0000005QB3A", "003A0000005QB3AIAW"],
    ["003A0000008qb1s", "003A0000008qb1sIAA"],
  ])("%s → %s", (id15, id18) => {
    expect(salesforceId18(id15)).toBe(id18);
  });
});

describe("easternOffsetHours(t)", () => {
  it("switches to daylight time at 07:00 UTC on the second Sunday of March", () => {
    expect(easternOffsetHours(Date.UTC(2025, 2, 9, 6, 59))).toBe(-5);
    expect(easternOffsetHours(Date.UTC(2025, 2, 9, 7, 0))).toBe(-4);
  });
  it("switches back at 06:00 UTC on the first Sunday of November", () => {
    expect(easternOffsetHours(Date.UTC(2025, 10, 2, 5, 59))).toBe(-4);
    expect(easternOffsetHours(Date.UTC(2025, 10, 2, 6, 0))).toBe(-5);
  });
  it("agrees with the ICU time-zone data for every hour of 2024-2027", () => {
    const fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      timeZoneName: "shortOffset",
    });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000) {
      const name = fmt.formatToParts(t).find((p) => p.type === "timeZoneName")?.value;
      expect(`GMT${easternOffsetHours(t)}`, new Date(t).toISOString()).toBe(name);
    }
  });
});

describe("export formats", () => {
  it("hubspotDateTime shows portal-local minutes", () => {
    expect(hubspotDateTime(Date.UTC(2025, 2, 4, 19, 22, 40))).toBe("2025-03-04 14:22");
  });
  it("salesforceReportDate writes en_US month/day/year without zero padding", () => {
    expect(salesforceReportDate(Date.UTC(2025, 2, 4, 23, 0))).toBe("3/4/2025");
  });
  it("money groups thousands and keeps the sign", () => {
    expect(money(12500)).toBe("12,500.00");
    expect(money(-4500)).toBe("-4,500.00");
    expect(money(1234567.891)).toBe("1,234,567.89");
  });
  it("csvRow quotes what needs it, or everything", () => {
    expect(csvRow(["a", "b,c", " d ", 'e"f', undefined])).toBe('a,"b,c"," d ","e""f",');
    expect(csvRow(["a", 1], true)).toBe('"a","1"');
    expect(parseCsv('a,"b,c"," d ","e""f",\n"x\ny",z\n')).toEqual([
      ["a", "b,c", " d ", 'e"f', ""],
      ["x\ny", "z"],
    ]);
  });
});
