import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { binRemap, rangeBins } from "../../src/features/build-bins.js";
import { buildFeatures } from "../../src/features/build-features.js";
import { canonicalDb, insertActivities, insertDeal, insertLeads } from "../helpers/canonical-db.js";

describe("binRemap(initial, final)", () => {
  it("sends each starting range to the merged range that contains it, and missing to missing", () => {
    // starting: (-inf,1) [1,2) [2,3) [3,inf) missing=4; merged: (-inf,2) [2,inf) missing=2
    const moves = binRemap(rangeBins("x", [1, 2, 3]), rangeBins("x", [2]));
    expect(moves).toEqual([
      { feature: "x", from_bin: 1, to_bin: 0 },
      { feature: "x", from_bin: 2, to_bin: 1 },
      { feature: "x", from_bin: 3, to_bin: 1 },
      { feature: "x", from_bin: 4, to_bin: 2 },
    ]);
  });

  it("lists nothing when the bins are unchanged", () => {
    expect(binRemap(rangeBins("x", [1, 5]), rangeBins("x", [1, 5]))).toEqual([]);
  });

  it("throws when a merged bin cuts through a starting bin", () => {
    expect(() => binRemap(rangeBins("x", [1, 2]), rangeBins("x", [1.5]))).toThrow(/no merged bin/);
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

describe("buildBins: the merged lead_bins", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
  });
  afterEach(() => db.close());

  it("equals placing every lead in the merged bins from scratch (lead-bins.sql)", async () => {
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
    const result = await buildFeatures(db, config, { target: "won", purpose: "profile" });
    // the merging did move leads: fewer merged range bins than starting cuts for some feature
    const cuts = await db.query<{ feature: string; cut: number }>("features/numeric-cuts", {
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

    const sorted = "SELECT lead_id, feature, bin, num FROM lead_bins ORDER BY lead_id, feature";
    const remapped = await db.all(sorted);
    await db.exec("features/lead-bins");
    const fromScratch = await db.all(sorted);
    expect(remapped.length).toBe(400 * 10);
    expect(remapped).toEqual(fromScratch);
    // and the profile's counts are those of the bins from scratch
    const counts = await db.query<{ feature: string; bin: number; leads: number; events: number }>(
      "features/bin-counts",
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
  });
});
