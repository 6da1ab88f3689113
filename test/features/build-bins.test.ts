import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { Db } from "../../src/db/index.js";
import { type FeatureBin, type FeatureInfo, rangeBins } from "../../src/features/build-bins.js";
import { buildFeatures } from "../../src/features/build-features.js";
import { binCaseSql, fitPatternsSql, leadBinsSql } from "../../src/features/lead-bins-sql.js";
import { numericCutsSql } from "../../src/features/numeric-cuts-sql.js";
import { EDGE_AMOUNTS, EDGE_CATEGORIES, EDGE_CUTS } from "../helpers/bin-edge-cases.js";
import { canonicalDb, insertActivities, insertDeal, insertLeads } from "../helpers/canonical-db.js";

/**
 * The long-form definition of a lead's bin (what lead-bins.sql computed before lead_bins was
 * wide, and what drift computed until it was wide too): a join of every (lead, feature)
 * row of lead_features_long with feature_bins.
 */
const LONG_FORM_BINS = `
WITH f AS (
  SELECT f.* FROM lead_features_long f JOIN fit_sample s ON s.lead_id = f.lead_id
), special AS (
  SELECT feature,
         max(bin) FILTER (WHERE role = 'missing') AS missing_bin,
         max(bin) FILTER (WHERE role = 'other') AS other_bin
  FROM feature_bins GROUP BY feature
)
SELECT f.lead_id, f.feature,
       CASE WHEN f.cat IS NULL THEN sp.missing_bin ELSE coalesce(c.bin, sp.other_bin) END AS bin,
       NULL::DOUBLE AS num
FROM f
JOIN special sp ON sp.feature = f.feature
LEFT JOIN feature_bins c ON c.feature = f.feature AND c.role = 'category' AND c.category = f.cat
WHERE f.kind = 'categorical'
UNION ALL
SELECT f.lead_id, f.feature, sp.missing_bin, NULL
FROM f JOIN special sp ON sp.feature = f.feature
WHERE f.kind = 'numeric' AND (f.num IS NULL OR NOT isfinite(f.num))
UNION ALL
SELECT f.lead_id, f.feature, r.bin, f.num
FROM f JOIN feature_bins r ON r.feature = f.feature AND r.role = 'range' AND f.num >= r.lo AND f.num < r.hi
WHERE f.kind = 'numeric' AND isfinite(f.num)
ORDER BY lead_id, feature`;

describe("leadBinsSql(features, bins): the wide lead_bins", () => {
  let db: Db;
  beforeEach(async () => {
    db = await Db.open(":memory:");
  });
  afterEach(() => db.close());

  it("equals the long-form definition on a hand-made table (edges, NULL, NaN, infinity, quotes)", async () => {
    // values on each cut, just below and above it, NULL, NaN, ±infinity; categories with a
    // quote, a kept one, an unknown one, NULL, blank; a feature name that needs quoting
    const amounts = EDGE_AMOUNTS;
    const cats = EDGE_CATEGORIES;
    await db.run(
      `CREATE TABLE lead_features (lead_id VARCHAR, "intent.it's" DOUBLE, "country" VARCHAR)`,
    );
    for (const [i, x] of amounts.entries())
      await db.run("INSERT INTO lead_features VALUES ($id, CAST($x AS DOUBLE), $c)", {
        id: `l${String(i).padStart(2, "0")}`,
        x: x === null ? null : String(x),
        c: cats[i % cats.length] ?? null,
      });
    await db.run(
      `CREATE VIEW lead_features_long AS
       SELECT lead_id, unnest(['intent.it''s', 'country']) AS feature,
              unnest(['numeric', 'categorical']) AS kind,
              unnest([NULL, "country"]) AS cat, unnest(["intent.it's", NULL]) AS num
       FROM lead_features`,
    );
    await db.run(
      "CREATE TABLE fit_sample AS SELECT lead_id, 'train' AS split, true AS y FROM lead_features",
    );
    const features: FeatureInfo[] = [
      { feature: "country", family: "fit", kind: "categorical", trend: null },
      { feature: "intent.it's", family: "intent", kind: "numeric", trend: null },
    ];
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
      { ...category(2, "other"), role: "other", category: null },
      { ...category(3, "missing"), role: "missing", category: null },
      ...rangeBins("intent.it's", EDGE_CUTS),
    ];
    await db.exec("features/feature-bins", { bins: JSON.stringify(bins) });
    for (const sql of leadBinsSql(features, bins)) await db.run(sql);
    const wide = await db.all(
      "SELECT lead_id, feature, bin, num FROM lead_bins ORDER BY lead_id, feature",
    );
    const long = await db.all(LONG_FORM_BINS);
    expect(wide).toHaveLength(2 * amounts.length);
    expect(wide).toEqual(long);
    // every bin of the numeric feature is used: the edges are where they should be
    expect(new Set(wide.map((r) => `${r.feature}:${r.bin}`)).size).toBe(4 + 5);
    // the wide columns are small integers
    const types = await db.all<{ data_type: string }>(
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'lead_bins_wide' ORDER BY ordinal_position",
    );
    expect(types.map((t) => t.data_type)).toEqual(["VARCHAR", "SMALLINT", "SMALLINT"]);
  });

  it("refuses range bins that do not tile the line", () => {
    const f: FeatureInfo = { feature: "x", family: "intent", kind: "numeric", trend: null };
    const gap = rangeBins("x", [1, 2]).map((b) => (b.bin === 1 ? { ...b, lo: 1.5 } : b));
    expect(() => binCaseSql(f, gap, "x")).toThrow(/tile/);
  });
});

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("buildBins(db, options): the fit's wide lead_bins", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
  });
  afterEach(() => db.close());

  it("equals the long-form definition on the merged bins, and the counts are theirs", async () => {
    const rnd = random(7);
    const leads = [];
    const events: [string, string, string][] = [];
    for (let i = 0; i < 400; i++) {
      const month = 1 + (i % 6);
      const created = `2026-0${month}-01`;
      const pageViews = Math.floor(rnd() * 12);
      leads.push({
        lead_id: `l${i}`,
        created_at: created,
        employees: rnd() < 0.1 ? null : Math.floor(rnd() * 3000),
        country: ["US", "DE", "FR", "GB"][i % 4] ?? null,
        mql_at: `2026-0${month}-05`,
      });
      for (let e = 0; e < pageViews; e++)
        events.push([
          `l${i}`,
          `2026-0${month}-${String(2 + (e % 20)).padStart(2, "0")} 10:00:00`,
          "page_view",
        ]);
      if (rnd() < 0.5) events.push([`l${i}`, `2026-0${month}-03 09:00:00`, "webinar"]);
    }
    await insertLeads(db, leads);
    await insertActivities(db, events);
    // the won rate rises with page views, with noise: merging has adjacent bins to pool
    for (let i = 0; i < 400; i++) {
      const views = events.filter((e) => e[0] === `l${i}` && e[2] === "page_view").length;
      if (rnd() < 0.05 + views / 20) {
        const month = 1 + (i % 6);
        await insertDeal(db, {
          deal_id: `d${i}`,
          lead_ids: [`l${i}`],
          created_at: `2026-0${month}-10`,
          closed_at: `2026-0${month}-20`,
          is_won: true,
        });
      }
    }
    const config = configSchema.parse({
      windows: { decision: "created", scoring_days: 30, maturity_days: 90, as_of: "2026-12-31" },
      features: { numeric_bins: 8, min_bin_leads: 20 },
    });
    const result = await buildFeatures(db, config, { target: "won", purpose: "fit" });
    // the merging did move leads: fewer merged range bins than starting cuts for some feature
    const numeric = result.bins.features.filter((f) => f.kind === "numeric").map((f) => f.feature);
    const cuts = await db.all<{ feature: string; cut: number }>(numericCutsSql(numeric), {
      bins: 8,
    });
    const merged = result.bins.features.filter((f) => {
      const ranges = result.bins.bins.filter((b) => b.feature === f.feature && b.role === "range");
      return (
        f.kind === "numeric" &&
        ranges.length < cuts.filter((c) => c.feature === f.feature).length + 1
      );
    });
    expect(merged.length).toBeGreaterThan(2);

    const wide = await db.all(
      "SELECT lead_id, feature, bin, num FROM lead_bins ORDER BY lead_id, feature",
    );
    const fromScratch = await db.all(LONG_FORM_BINS);
    expect(wide.length).toBeGreaterThan(300 * 10);
    expect(wide).toEqual(fromScratch);
    // and the profile's counts are those of the bins from scratch
    const counts = await db.all<{ feature: string; bin: number; leads: number; events: number }>(
      `SELECT b.feature, b.bin, count(*)::INTEGER AS leads, count(*) FILTER (WHERE s.y)::INTEGER AS events
       FROM (${LONG_FORM_BINS}) b JOIN fit_sample s ON s.lead_id = b.lead_id AND s.split = 'train'
       GROUP BY b.feature, b.bin`,
    );
    for (const p of result.profiles)
      for (const b of p.bins) {
        const c = counts.find((x) => x.feature === p.feature && x.bin === b.bin);
        expect([p.feature, b.bin, b.leads, b.events]).toEqual([
          p.feature,
          b.bin,
          c?.leads,
          c?.events,
        ]);
      }
    // the training patterns: a GROUP BY over the bin columns equals the ordered list of each
    // lead's bins (the fit-patterns.sql it replaced) over the long-form bins
    const names = ["employees", "intent.page_view", "country", "engagement.active_days"];
    const grouped = await db.all(fitPatternsSql(names));
    const listed = await db.all(
      `WITH sel AS (
         SELECT unnest(from_json($f, '["VARCHAR"]')) AS feature,
                generate_subscripts(from_json($f, '["VARCHAR"]'), 1) AS position
       ), per_lead AS (
         SELECT s.lead_id, s.split, s.y, list(b.bin ORDER BY sel.position) AS pattern
         FROM fit_sample s JOIN (${LONG_FORM_BINS}) b ON b.lead_id = s.lead_id
         JOIN sel ON sel.feature = b.feature
         WHERE s.y IS NOT NULL
         GROUP BY s.lead_id, s.split, s.y
       )
       SELECT split, pattern, count(*) FILTER (WHERE y)::INTEGER AS events,
              count(*) FILTER (WHERE NOT y)::INTEGER AS non_events
       FROM per_lead GROUP BY split, pattern ORDER BY split, pattern`,
      { f: JSON.stringify(names) },
    );
    expect(grouped.length).toBeGreaterThan(20);
    expect(grouped).toEqual(listed);
  });
});
