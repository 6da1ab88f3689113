import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, quoteIdent, quoteStringList } from "../../src/db/index.js";
import { numericCutsSql } from "../../src/features/numeric-cuts-sql.js";

/** The cuts as numericCutsSql defines them, by brute force: every value placed in its ntile. */
function referenceCuts(values: number[], bins: number): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const lo = v[0] as number;
  const spiked = v.filter((x) => x === lo).length >= v.length / bins;
  const rest = spiked ? v.filter((x) => x > lo) : v;
  const n = rest.length;
  const q = Math.floor(n / bins);
  const r = n % bins;
  const firstOfTile = new Map<number, number>();
  rest.forEach((x, i) => {
    const tile = i < r * (q + 1) ? Math.floor(i / (q + 1)) : r + Math.floor((i - r * (q + 1)) / q);
    if (!firstOfTile.has(tile)) firstOfTile.set(tile, x);
  });
  return [...new Set(firstOfTile.values())].sort((a, b) => a - b);
}

/** The query numericCutsSql (and numeric-cuts.sql before it) replaced: DuckDB's own ntile window over every value. */
const NTILE_CUTS = `
WITH v AS (
  SELECT f.feature, f.num FROM lead_features_long f JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
  WHERE f.kind = 'numeric' AND f.num IS NOT NULL AND isfinite(f.num)
), lows AS (SELECT feature, min(num) AS lo, count(*) AS n FROM v GROUP BY feature
), spikes AS (
  SELECT v.feature, l.lo, count(*) FILTER (WHERE v.num = l.lo) >= l.n / $bins AS spiked
  FROM v JOIN lows l ON l.feature = v.feature GROUP BY v.feature, l.lo, l.n
), rest AS (
  SELECT v.feature, v.num, ntile($bins) OVER (PARTITION BY v.feature ORDER BY v.num) AS tile
  FROM v JOIN spikes s ON s.feature = v.feature WHERE NOT s.spiked OR v.num > s.lo
)
SELECT DISTINCT feature, min(num) OVER (PARTITION BY feature, tile) AS cut FROM rest ORDER BY feature, cut`;

describe("numericCutsSql(features)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(":memory:");
  });
  afterAll(() => db.close());

  async function cuts(
    features: Record<string, (number | null)[]>,
    bins: number,
    sql?: string,
  ): Promise<Record<string, number[]>> {
    // wide lead_features (a DOUBLE column per feature, NULL past a feature's values) and the
    // long view the ntile reference reads
    const names = Object.keys(features);
    await db.run("DROP VIEW IF EXISTS lead_features_long");
    await db.run(
      `CREATE OR REPLACE TABLE lead_features (lead_id VARCHAR${names.map((n) => `, ${quoteIdent(n)} DOUBLE`).join("")})`,
    );
    await db.run("CREATE OR REPLACE TABLE fit_sample (lead_id VARCHAR, split VARCHAR)");
    const leads = Math.max(0, ...Object.values(features).map((v) => v.length));
    await db.run(
      "INSERT INTO fit_sample SELECT 'l' || i, CASE WHEN i % 7 = 6 THEN 'validation' ELSE 'train' END FROM range($n) t(i)",
      { n: leads },
    );
    for (let i = 0; i < leads; i++)
      await db.run(
        `INSERT INTO lead_features VALUES ($id${names.map((_, j) => `, $v${j}`).join("")})`,
        Object.fromEntries([
          ["id", `l${i}`],
          ...names.map((n, j) => [`v${j}`, features[n]?.[i] ?? null]),
        ]),
      );
    await db.run(
      `CREATE VIEW lead_features_long AS SELECT lead_id, unnest(${quoteStringList(names)}) AS feature,
         'numeric' AS kind, unnest([${names.map(quoteIdent).join(", ")}]) AS num FROM lead_features`,
    );
    const out = await db.all<{ feature: string; cut: number }>(sql ?? numericCutsSql(names), {
      bins,
    });
    const grouped: Record<string, number[]> = {};
    for (const r of out) {
      const cuts = grouped[r.feature] ?? [];
      cuts.push(r.cut);
      grouped[r.feature] = cuts;
    }
    return grouped;
  }

  it("gives a spike at the minimum its own bin and splits the rest into equal-count groups", async () => {
    // leads 6 and 13 validate; training: 9 zeros (a spike: >= 18 / 5) and 1 2 3 5 6 7 8 9 10,
    // 9 values in 5 groups of 2, 2, 2, 2, 1 -> cuts 1, 3, 6, 8, 10
    const values = [...Array(10).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(await cuts({ x: values }, 5)).toEqual({ x: [1, 3, 6, 8, 10] });
  });

  it("uses training leads only and ignores NULLs", async () => {
    // leads l6, l13 validate (i % 7 = 6): their 100s are not seen
    const values = [1, 2, 3, 4, 5, 6, 100, 7, 8, null, 9, 10, 11, 100];
    expect(await cuts({ x: values }, 2)).toEqual({ x: [1, 7] });
  });

  it("equals a brute-force ntile and DuckDB's ntile window on random data", async () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
      fc.constant(0),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(value, { minLength: 1, maxLength: 60 }),
        fc.array(value, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 9 }),
        async (a, b, bins) => {
          const got = await cuts({ a, b }, bins);
          const train = (xs: number[]) => xs.filter((_, i) => i % 7 !== 6);
          const expected: Record<string, number[]> = {};
          for (const [name, xs] of Object.entries({ a, b })) {
            const c = referenceCuts(train(xs), bins);
            if (c.length > 0) expected[name] = c;
          }
          expect(got).toEqual(expected);
          expect(got).toEqual(await cuts({ a, b }, bins, NTILE_CUTS));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});
