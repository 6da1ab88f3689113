import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/index.js";
import {
  type ParseOptions,
  parseBoolean,
  parseId,
  parseIdList,
  parseNumber,
  parseSize,
  parseTimestamp,
} from "../../src/load/parse-sql.js";
import { withConnection } from "../helpers/db.js";
import { US_UTC } from "./parse-options.js";

const base: ParseOptions = US_UTC;

async function evaluate(db: Db, expr: string, value: string, tz = "UTC"): Promise<unknown> {
  const rows = await db.all<{ v: unknown }>(`SELECT ${expr} AS v`, { v: value, tz });
  return rows[0]?.v;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

describe("parseTimestamp(text, options)", () => {
  const cases: [string, ParseOptions, string | null][] = [
    ["2025-03-04", base, "2025-03-04T00:00:00.000Z"],
    ["2025-03-04 14:22", base, "2025-03-04T14:22:00.000Z"],
    ["2025-03-04T14:22:05.123", base, "2025-03-04T14:22:05.123Z"],
    ["2025-03-04T14:22:00.000Z", base, "2025-03-04T14:22:00.000Z"],
    ["2025-03-04T14:22:00+02:00", base, "2025-03-04T12:22:00.000Z"],
    ["2025-03-04T14:22:00.000+0000", base, "2025-03-04T14:22:00.000Z"],
    ["04/08/2025 17:19", base, "2025-04-08T17:19:00.000Z"],
    ["04/08/2025 17:19", { ...base, dateOrder: "dmy" }, "2025-08-04T17:19:00.000Z"],
    ["4/8/2025 5:19 PM", base, "2025-04-08T17:19:00.000Z"],
    ["31.01.2025", base, "2025-01-31T00:00:00.000Z"],
    ["31.01.2025 08:30", base, "2025-01-31T08:30:00.000Z"],
    ["1741098120000", base, "2025-03-04T14:22:00.000Z"],
    ["1741098120", base, "2025-03-04T14:22:00.000Z"],
    ["Mar 2025", base, "2025-03-01T00:00:00.000Z"],
    ["2025-03", base, "2025-03-01T00:00:00.000Z"],
    ["March 4, 2025", base, "2025-03-04T00:00:00.000Z"],
    // two-digit years: 00–68 are 2000–2068, 69–99 are 1969–1999 (POSIX strptime's %y)
    ["3/13/25", base, "2025-03-13T00:00:00.000Z"],
    ["3/13/25 2:05 PM", base, "2025-03-13T14:05:00.000Z"],
    ["13/3/25", { ...base, dateOrder: "dmy" }, "2025-03-13T00:00:00.000Z"],
    ["13.03.25 08:30", base, "2025-03-13T08:30:00.000Z"],
    ["12/31/99", base, "1999-12-31T00:00:00.000Z"],
    ["3/13/0025", base, "0025-03-13T00:00:00.000Z"],
    ["not a date", base, null],
    ["2025-13-45", base, null],
    ["02/30/2025", base, null],
  ];
  it.each(cases)("reads %j", async (text, options, expected) => {
    await withConnection(async (db) => {
      expect(iso(await evaluate(db, parseTimestamp("$v", options), text))).toBe(expected);
    });
  });

  it("converts local times to UTC in the configured zone, across daylight saving", async () => {
    await withConnection(async (db) => {
      const local = { ...base, utc: false };
      // New York is UTC−5 in winter and UTC−4 in summer
      expect(
        iso(
          await evaluate(db, parseTimestamp("$v", local), "2025-01-15 10:00", "America/New_York"),
        ),
      ).toBe("2025-01-15T15:00:00.000Z");
      expect(
        iso(
          await evaluate(db, parseTimestamp("$v", local), "2025-07-15 10:00", "America/New_York"),
        ),
      ).toBe("2025-07-15T14:00:00.000Z");
      // an explicit offset wins over the zone
      expect(
        iso(
          await evaluate(
            db,
            parseTimestamp("$v", local),
            "2025-07-15T10:00:00Z",
            "America/New_York",
          ),
        ),
      ).toBe("2025-07-15T10:00:00.000Z");
    });
  });
});

describe("parseNumber(text, options)", () => {
  const cases: [string, "." | ",", number | null][] = [
    ["1234", ".", 1234],
    ["1,234.50", ".", 1234.5],
    ["$12,500.00", ".", 12500],
    ["USD 485,000.00", ".", 485000],
    ["€1,234.5", ".", 1234.5],
    ["(1,234)", ".", -1234],
    ["-5", ".", -5],
    ["1.05E+11", ".", 105000000000],
    ["1.234,56", ",", 1234.56],
    ["18 500,00 €", ",", 18500],
    ["18 500,00 €", ".", null],
    ["1,23", ".", null],
    ["abc", ".", null],
    ["12abc", ".", null],
  ];
  it.each(cases)("reads %j with decimal %j", async (text, decimal, expected) => {
    await withConnection(async (db) => {
      expect(await evaluate(db, parseNumber("$v", { ...base, decimal }), text)).toBe(expected);
    });
  });
});

describe("parseSize(text, options)", () => {
  it.each([
    ["250", 250],
    ["1,200", 1200],
    ["51-200", 51],
    ["1,000-5,000", 1000],
    ["1001 to 5000", 1001],
    ["10001+", 10001],
    ["lots", null],
  ] as const)("reads %j", async (text, expected) => {
    await withConnection(async (db) => {
      expect(await evaluate(db, parseSize("$v", base), text)).toBe(expected);
    });
  });
});

describe("parseBoolean(text)", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["1", true],
    ["false", false],
    ["no", false],
    ["0", false],
    ["maybe", null],
  ] as const)("reads %j", async (text, expected) => {
    await withConnection(async (db) => {
      expect(await evaluate(db, parseBoolean("$v"), text)).toBe(expected);
    });
  });
});

describe("parseId / parseIdList", () => {
  it("shortens 18-character Salesforce ids to their 15-character form", async () => {
    await withConnection(async (db) => {
      const sf = { ...base, salesforceIds: true };
      expect(await evaluate(db, parseId("$v", sf), "00Q5e00000AbCdEAAT")).toBe("00Q5e00000AbCdE");
      expect(await evaluate(db, parseId("$v", sf), "00Q5e00000AbCdE")).toBe("00Q5e00000AbCdE");
      expect(await evaluate(db, parseId("$v", base), "00Q5e00000AbCdEAAT")).toBe(
        "00Q5e00000AbCdEAAT",
      );
    });
  });
  it("splits HubSpot association lists on ; , and |", async () => {
    await withConnection(async (db) => {
      expect(await evaluate(db, parseIdList("$v", base), "101; 102,103 | 104;")).toEqual([
        "101",
        "102",
        "103",
        "104",
      ]);
    });
  });
});
