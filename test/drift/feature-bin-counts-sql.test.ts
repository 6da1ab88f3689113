import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { featureBinCountsSql } from "../../src/drift/feature-bin-counts-sql.js";
import { storedBins } from "../../src/drift/stored-bins.js";
import { type FeatureBin, rangeBins } from "../../src/features/build-bins.js";
import { EDGE_AMOUNTS, EDGE_CATEGORIES, EDGE_CUTS } from "../helpers/bin-edge-cases.js";

/**
 * The long-form definition drift used before lead_features was read wide
 * (queries/drift/feature-bin-counts.sql before it was generated wide, kept as the oracle): every
 * (lead, feature) row of lead_features_long joined with feature_bins.
 */
const LONG_FORM = readFileSync(
  new URL("./fixtures/feature-bin-counts-long.sql", import.meta.url),
  "utf8",
);

describe("featureBinCountsSql(features, bins)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await Db.open(":memory:");
  });
  afterEach(() => db.close());

  it("equals the long-form counts on a hand-made table (edges, NULL, NaN, infinity, quotes, a third period)", async () => {
    const amounts = EDGE_AMOUNTS;
    const cats = EDGE_CATEGORIES;
    const periods = ["2026Q1", "2026Q2", "2025Q4"];
    await db.run(
      `CREATE TABLE lead_features (lead_id VARCHAR, "intent.it's" DOUBLE, "country" VARCHAR, "unbinned" DOUBLE)`,
    );
    await db.run(
      "CREATE TABLE lead_labels (lead_id VARCHAR, period VARCHAR, mature BOOLEAN, won BOOLEAN)",
    );
    let n = 0;
    for (let copy = 0; copy < 3; copy++)
      for (const [i, x] of amounts.entries()) {
        const id = `l${String(n++).padStart(3, "0")}`;
        await db.run("INSERT INTO lead_features VALUES ($id, CAST($x AS DOUBLE), $c, 1)", {
          id,
          x: x === null ? null : String(x),
          c: cats[(i + copy) % cats.length] ?? null,
        });
        await db.run("INSERT INTO lead_labels VALUES ($id, $p, $m, $w)", {
          id,
          p: periods[(i + copy) % periods.length] ?? null,
          m: i % 4 !== 0,
          w: i % 3 === 0,
        });
      }
    await db.run(
      `CREATE VIEW lead_features_long AS
       SELECT lead_id, unnest(['intent.it''s', 'country', 'unbinned']) AS feature,
              unnest(['numeric', 'categorical', 'numeric']) AS kind,
              unnest([NULL, "country", NULL]) AS cat, unnest(["intent.it's", NULL, "unbinned"]) AS num
       FROM lead_features`,
    );
    await db.run(
      `CREATE TABLE lead_feature_catalog AS SELECT * FROM (VALUES
         ('country', 'fit', 'categorical'), ('intent.it''s', 'intent', 'numeric'), ('unbinned', 'intent', 'numeric')
       ) t(feature, family, kind)`,
    );
    const category = (bin: number, value: string): FeatureBin => ({
      feature: "country",
      bin,
      label: value,
      role: "category",
      category: value,
      lo: null,
      hi: null,
    });
    const bins: FeatureBin[] = [
      category(0, "O'Neil"),
      category(1, "US"),
      category(2, "never seen"),
      { ...category(3, "other"), role: "other", category: null },
      { ...category(4, "missing"), role: "missing", category: null },
      ...rangeBins("intent.it's", [...EDGE_CUTS, 1e301]),
    ];
    await db.exec("features/feature-bins", { bins: JSON.stringify(bins) });

    const { features, bins: stored } = await storedBins(db);
    expect(features.map((f) => f.feature)).toEqual(["country", "intent.it's"]);
    const periodsOf = { from: "2026Q1", to: "2026Q2" };
    const wide = await db.all(featureBinCountsSql(features, stored), periodsOf);
    const long = await db.all(LONG_FORM, periodsOf);
    expect(wide).toEqual(long);
    // every bin of both features, both periods, the empty ones too
    expect(wide).toHaveLength(2 * (5 + 6));
    expect(wide.some((r) => r.leads === 0)).toBe(true);
    expect(wide.reduce((s, r) => s + (r.feature === "country" ? (r.leads as number) : 0), 0)).toBe(
      28,
    );
  });

  it("gives no rows without features", async () => {
    expect(await db.all(featureBinCountsSql([], []), { from: "2026Q1", to: "2026Q2" })).toEqual([]);
  });
});
