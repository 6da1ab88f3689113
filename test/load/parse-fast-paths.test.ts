import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/index.js";
import {
  cleanText,
  cleanTextGeneral,
  isoShape,
  type ParseOptions,
  parseNumber,
  parseNumberGeneral,
  parseTimestamp,
  parseTimestampGeneral,
} from "../../src/load/parse-sql.js";
import { withConnection } from "../helpers/db.js";
import { US_UTC } from "./parse-options.js";

/**
 * The parse expressions' fast paths (parse-sql.ts) must give exactly what the general
 * expressions give, for every value: these tests evaluate both on hand-picked edge cases and
 * on random strings built from the characters dates and numbers are made of.
 */

const base: ParseOptions = US_UTC;

/** Values where `fast(v)` and `general(v)` differ (IS DISTINCT FROM), as [value, fast, general]. */
async function disagreements(
  db: Db,
  fast: string,
  general: string,
  values: (string | null)[],
  tz = "UTC",
): Promise<unknown[][]> {
  const rows = await db.all<{ v: string | null; f: unknown; g: unknown }>(
    `SELECT v, ${fast} AS f, ${general} AS g
     FROM (SELECT unnest(from_json($values, '["VARCHAR"]')) AS v)
     WHERE ${fast} IS DISTINCT FROM ${general}`,
    { values: JSON.stringify(values), tz },
  );
  return rows.map((r) => [r.v, r.f, r.g]);
}

const dateChars = fc.constantFrom(
  ..."0123456789012345678901234567890123456789--::  T/.Z+aP\t\u00a0".split(""),
);
const dateLike = fc.oneof(
  fc.string({ unit: dateChars, maxLength: 24 }),
  // mostly well-formed ISO values with one character changed
  fc
    .tuple(
      fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
      fc.nat(18),
      dateChars,
      fc.boolean(),
    )
    .map(([d, i, ch, dateOnly]) => {
      const text = d
        .toISOString()
        .slice(0, dateOnly ? 10 : 19)
        .replace("T", " ");
      return text.slice(0, i) + ch + text.slice(i + 1);
    }),
);

const hostileDates = [
  "2025-03-04",
  "2025-03-04 14:22:05",
  "2025-13-45",
  "2025-02-30 10:00:00",
  "2025-03-04 24:00:00",
  "2025-03-04 14:22:60",
  "0000-01-01",
  "9999-12-31 23:59:59",
  "2025-03-04T14:22:05",
  "2025-03-04 14:22:05Z",
  "2025-03-04 14:22:05+02:00",
  "2025-3-4",
  "1741098120000",
  "1741098120",
  "03/04/2025",
  "",
  " 2025-03-04",
  null,
];

describe("isoShape(text)", () => {
  const regex = String.raw`regexp_full_match(v, '\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?')`;

  it("matches exactly the values the ISO regex matches, on edge cases", async () => {
    await withConnection(async (db) => {
      const values = [
        ...hostileDates,
        "２０２５-03-04", // full-width digits
        "٢٠٢٥-٠٣-٠٤", // Arabic-Indic digits
        "2025-03-04 14:22:05 ",
        "2025-03-04  14:22:05",
        "2025-03-04\t14:22:05",
        "2025-03-0",
        "2025-03-044",
        "2025-03-04 14:22",
        "a025-03-04",
      ];
      expect(await disagreements(db, isoShape("v"), regex, values)).toEqual([]);
      const matched = await db.all<{ v: string }>(
        `SELECT v FROM (SELECT unnest(from_json($values, '["VARCHAR"]')) AS v) WHERE ${isoShape("v")} ORDER BY v`,
        { values: JSON.stringify(values) },
      );
      expect(matched.map((r) => r.v)).toEqual([
        "0000-01-01",
        "2025-02-30 10:00:00",
        "2025-03-04",
        "2025-03-04 14:22:05",
        "2025-03-04 14:22:60",
        "2025-03-04 24:00:00",
        "2025-13-45",
        "9999-12-31 23:59:59",
      ]);
    });
  });

  it("matches exactly the values the ISO regex matches, on random date-like strings", async () => {
    await withConnection(async (db) => {
      await fc.assert(
        fc.asyncProperty(fc.array(dateLike, { minLength: 50, maxLength: 200 }), async (values) => {
          expect(await disagreements(db, isoShape("v"), regex, values)).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  });
});

describe("parseTimestamp(text, options) fast path", () => {
  it("agrees with the general expression on edge cases, in UTC and in a local zone", async () => {
    await withConnection(async (db) => {
      for (const options of [base, { ...base, utc: false }, { ...base, dateOrder: "dmy" as const }])
        expect(
          await disagreements(
            db,
            parseTimestamp("v", options),
            parseTimestampGeneral("v", options),
            hostileDates,
            "America/New_York",
          ),
        ).toEqual([]);
    });
  });

  it("agrees with the general expression on random date-like strings", async () => {
    await withConnection(async (db) => {
      await fc.assert(
        fc.asyncProperty(fc.array(dateLike, { minLength: 50, maxLength: 200 }), async (values) => {
          expect(
            await disagreements(
              db,
              parseTimestamp("v", base),
              parseTimestampGeneral("v", base),
              values,
            ),
          ).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  });
});

const numberChars = fc.constantFrom(
  ..."0123456789012345678901234567890123456789.,-+ ()$€eE%".split(""),
);

describe("parseNumber(text, options) fast path", () => {
  it("agrees with the general expression on random number-like strings, for both decimals", async () => {
    await withConnection(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.string({ unit: numberChars, maxLength: 16 }), {
            minLength: 50,
            maxLength: 200,
          }),
          fc.constantFrom<"." | ",">(".", ","),
          async (values, decimal) => {
            const options = { ...base, decimal };
            expect(
              await disagreements(db, parseNumber("v", options), parseNumberGeneral("v", options), [
                ...values,
                "10702.31",
                "-0",
                "007",
                "1.5",
                "12,5",
                "99999999999999999999999",
              ]),
            ).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});

const textChars = fc.constantFrom(..."ab \t\n\r\u00a0\u2003x".split(""));

describe("cleanText(expr) fast path", () => {
  it("agrees with trim-then-nullif on random strings of letters and white space", async () => {
    await withConnection(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.option(fc.string({ unit: textChars, maxLength: 8 })), {
            minLength: 50,
            maxLength: 200,
          }),
          async (values) => {
            expect(
              await disagreements(db, cleanText("v"), cleanTextGeneral("v"), [
                ...values,
                "",
                " ",
                null,
              ]),
            ).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
