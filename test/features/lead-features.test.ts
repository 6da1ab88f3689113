import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { buildFeatures } from "../../src/features/build-features.js";
import { buildLabels } from "../../src/features/build-labels.js";
import { profileResultKey } from "../../src/features/fit-result-key.js";
import { writeLeadFeatures } from "../../src/features/write-lead-features.js";
import { canonicalDb, insertActivities, insertLeads } from "../helpers/canonical-db.js";

const SALES = { salesTypes: ["meeting", "call"], exclude: [] };
const windows = {
  decision: "created" as const,
  scoring_days: 30,
  maturity_days: 90,
  as_of: "2026-12-31",
};

/** One lead's row of the wide lead_features, without lead_id: feature → value. */
async function features(db: Db, lead: string): Promise<Record<string, number | string | null>> {
  const [row] = await db.all<Record<string, number | string | null>>(
    "SELECT * EXCLUDE (lead_id) FROM lead_features WHERE lead_id = $lead",
    { lead },
  );
  return row ?? {};
}

describe("writeLeadFeatures(db, options) (as of decision time)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
  });
  afterEach(() => db.close());

  it("sees an event at decision time and not one a second after it", async () => {
    // created 2026-01-01 00:00 -> decision 2026-01-31 00:00
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01 00:00:00" }]);
    await insertActivities(db, [
      ["a", "2026-01-31 00:00:00", "pricing_view"],
      ["a", "2026-01-31 00:00:01", "pricing_view"],
      ["a", "2026-01-31 00:00:01", "demo_request"],
    ]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "a");
    expect(f["events.pricing_view"]).toBe(1);
    expect(f["events.demo_request"]).toBe(0);
    expect(f["intent.pricing_view"]).toBe(1); // age 0: full weight
    expect(f["intent.demo_request"]).toBe(0);
  });

  it("decays each event by 0.5^(age / half-life) on a hand-worked timeline", async () => {
    // decision 2026-01-31. Events aged 0, 10, 20 and 40 days; half-life 10 days:
    // 1 + 0.5 + 0.25 + 0.0625 = 1.8125. Recency 0 days; active days 4.
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01 00:00:00" }]);
    await insertActivities(db, [
      ["a", "2026-01-31 00:00:00", "webinar"],
      ["a", "2026-01-21 00:00:00", "webinar"],
      ["a", "2026-01-11 00:00:00", "email_click"],
      ["a", "2025-12-22 00:00:00", "webinar"],
    ]);
    await buildLabels(db, windows, 10);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "a");
    expect(f["intent.webinar"]).toBeCloseTo(1 + 0.5 + 0.0625, 12);
    expect(f["intent.email_click"]).toBeCloseTo(0.25, 12);
    expect(f["engagement.decayed_total"]).toBeCloseTo(1.8125, 12);
    expect(f["engagement.recency_days"]).toBe(0);
    expect(f["engagement.active_days"]).toBe(4);
  });

  it("gives a lead without activity zero counts and an unknown recency", async () => {
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01" },
      { lead_id: "b", created_at: "2026-01-01" },
    ]);
    await insertActivities(db, [["a", "2026-01-02", "webinar"]]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "b");
    expect([f["intent.webinar"], f["events.webinar"], f["engagement.recency_days"]]).toEqual([
      0,
      0,
      null,
    ]);
  });

  it("leaves sales' own activities (meeting, call) out of every feature", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    await insertActivities(db, [
      ["a", "2026-01-10", "meeting"],
      ["a", "2026-01-11", "call"],
      ["a", "2026-01-12", "webinar"],
    ]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "a");
    expect(Object.keys(f).filter((k) => /meeting|call/.test(k))).toEqual([]);
    expect([f["events.webinar"], f["engagement.active_days"]]).toEqual([1, 1]);
  });

  it("uses the flat count columns only when there are no activities (they are lifetime totals)", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    await db.run("UPDATE leads SET count_page_view = 7");
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    expect((await features(db, "a")).count_page_view).toBe(7);
    await insertActivities(db, [["a", "2026-01-12", "webinar"]]);
    await writeLeadFeatures(db, SALES);
    expect(Object.keys(await features(db, "a"))).not.toContain("count_page_view");
  });

  it("derives seniority and size band and leaves out fields that are empty for every lead", async () => {
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01", title: "VP Sales", employees: 120 },
    ]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "a");
    expect([f.seniority, f.size_band, f.employees]).toEqual(["VP", "51-200", 120]);
    expect(Object.keys(f)).not.toContain("industry");
    expect(Object.keys(f)).not.toContain("count_page_view");
  });

  it("writes one typed column per feature and lists them with family and kind (ENUMs)", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01", employees: 120 }]);
    await insertActivities(db, [["a", "2026-01-02", "pricing_view"]]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const types = new Map((await db.tableColumns("lead_features")).map((c) => [c.name, c.type]));
    expect(Object.fromEntries(types)).toEqual({
      lead_id: "VARCHAR",
      size_band: "VARCHAR",
      employees: "DOUBLE",
      "intent.pricing_view": "DOUBLE",
      "events.pricing_view": "DOUBLE",
      "engagement.recency_days": "DOUBLE",
      "engagement.active_days": "DOUBLE",
      "engagement.decayed_total": "DOUBLE",
    });
    const catalog = new Map(
      (await db.tableColumns("lead_feature_catalog")).map((c) => [c.name, c.type]),
    );
    expect(catalog.get("family")).toBe("ENUM('fit', 'intent', 'engagement')");
    expect(catalog.get("kind")).toBe("ENUM('categorical', 'numeric')");
    expect(
      await db.all("SELECT feature, family, kind FROM lead_feature_catalog ORDER BY feature"),
    ).toEqual([
      { feature: "employees", family: "fit", kind: "numeric" },
      { feature: "engagement.active_days", family: "engagement", kind: "numeric" },
      { feature: "engagement.decayed_total", family: "engagement", kind: "numeric" },
      { feature: "engagement.recency_days", family: "engagement", kind: "numeric" },
      { feature: "events.pricing_view", family: "engagement", kind: "numeric" },
      { feature: "intent.pricing_view", family: "intent", kind: "numeric" },
      { feature: "size_band", family: "fit", kind: "categorical" },
    ]);
    await expect(
      db.run("INSERT INTO lead_feature_catalog VALUES ('x', 'fit', 'ordinal')"),
    ).rejects.toThrow();
  });

  it("quotes activity types that are not plain names, in column names and in values", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    await insertActivities(db, [
      ["a", "2026-01-02", `it's "odd".type`],
      ["a", "2026-01-03", `it's "odd".type`],
      ["a", "2026-01-03", "plain"],
    ]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    const f = await features(db, "a");
    expect(f[`events.it's "odd".type`]).toBe(2);
    expect(f["events.plain"]).toBe(1);
  });

  it("adds extra export columns as columns and drops excluded features", async () => {
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01", country: "US" },
      { lead_id: "b", created_at: "2026-01-01", country: "FR" },
    ]);
    await db.run('ALTER TABLE leads ADD COLUMN "plan tier" VARCHAR');
    await db.run("ALTER TABLE leads ADD COLUMN seats INTEGER");
    await db.run("ALTER TABLE leads ADD COLUMN empty_one VARCHAR");
    await db.run(
      `UPDATE leads SET "plan tier" = CASE lead_id WHEN 'a' THEN ' Pro ' ELSE '' END, seats = 5 WHERE true`,
    );
    await db.run(
      `INSERT INTO column_catalog (kind, column_name, header, role, data_type)
       VALUES ('leads', 'plan tier', 'Plan Tier', 'extra', 'VARCHAR'),
              ('leads', 'seats', 'Seats', 'extra', 'INTEGER'),
              ('leads', 'empty_one', 'Empty', 'extra', 'VARCHAR')`,
    );
    await buildLabels(db, windows, 30);
    const extras = await writeLeadFeatures(db, { salesTypes: [], exclude: ["country"] });
    expect(extras).toEqual(["plan tier", "seats"]);
    expect([await features(db, "a"), await features(db, "b")]).toEqual([
      { "plan tier": "Pro", seats: 5 },
      { "plan tier": null, seats: 5 },
    ]);
    expect(
      (await db.all<{ feature: string }>("SELECT feature FROM lead_feature_catalog")).map(
        (r) => r.feature,
      ),
    ).toEqual(["plan tier", "seats"]);
  });

  it("reads back in long form through the view lead_features_long", async () => {
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01", country: "US", employees: 7 },
    ]);
    await buildLabels(db, windows, 30);
    await writeLeadFeatures(db, SALES);
    expect(
      await db.all(
        "SELECT feature, family, kind, cat, num FROM lead_features_long WHERE lead_id = 'a' ORDER BY feature",
      ),
    ).toEqual([
      { feature: "country", family: "fit", kind: "categorical", cat: "US", num: null },
      { feature: "employees", family: "fit", kind: "numeric", cat: null, num: 7 },
      { feature: "size_band", family: "fit", kind: "categorical", cat: "1-10", num: null },
    ]);
  });
});

describe("buildFeatures(db, config, options)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
  });
  afterEach(() => db.close());

  it("profiles mature leads only and reports immature and never-handed counts", async () => {
    const leads = [];
    for (let i = 0; i < 40; i++) {
      leads.push({
        lead_id: `m${i}`,
        created_at: "2026-01-01",
        country: i % 2 === 0 ? "US" : "FR",
        mql_at: i % 4 === 0 ? "2026-01-05" : null,
      });
    }
    leads.push({ lead_id: "young", created_at: "2026-12-01", country: "US", mql_at: null });
    await insertLeads(db, leads);
    const config = configSchema.parse({ windows, features: { min_bin_leads: 5 } });
    const result = await buildFeatures(db, config, { target: "won", purpose: "profile" });
    expect(result.labels).toMatchObject({ leads: 41, mature: 40, immature: 1, neverHanded: 30 });
    const country = result.profiles.find((p) => p.feature === "country");
    expect(country?.bins.map((b) => [b.label, b.leads])).toEqual([
      ["FR", 20],
      ["US", 20],
    ]);
    expect(country?.bins.reduce((s, b) => s + b.handed, 0)).toBe(10);
  });

  describe("reusing lead_features", () => {
    const leads = Array.from({ length: 12 }, (_, i) => ({
      lead_id: `r${i}`,
      created_at: `2026-0${1 + (i % 6)}-01`,
      country: i % 3 === 0 ? "US" : "DE",
    }));
    const events = leads.flatMap((l, i): [string, string, string][] => [
      [l.lead_id, `${l.created_at} 10:00:00`, "webinar"],
      [l.lead_id, `${l.created_at} 1${i % 10}:00:00`, i % 2 === 0 ? "pricing_view" : "call"],
    ]);
    const snapshot = (d: Db) => d.all("SELECT * FROM lead_features ORDER BY lead_id");

    it("reuses it when built with the same settings on the same data, for fit too", async () => {
      await insertLeads(db, leads);
      await insertActivities(db, events);
      const config = configSchema.parse({ windows, features: { min_bin_leads: 1 } });
      const first = await buildFeatures(db, config, { target: "won", purpose: "profile" });
      expect(first.reusedLeadFeatures).toBe(false);
      const built = await snapshot(db);
      // a marker row: a rebuild would drop it
      await db.run("INSERT INTO lead_features (lead_id) VALUES ('marker')");
      const again = await buildFeatures(db, config, { target: "won", purpose: "fit" });
      expect(again.reusedLeadFeatures).toBe(true);
      expect(again.extras).toEqual(first.extras);
      expect(await db.all("SELECT * FROM lead_features WHERE lead_id = 'marker'")).toHaveLength(1);
      await db.run("DELETE FROM lead_features WHERE lead_id = 'marker'");
      expect(await snapshot(db)).toEqual(built);
    });

    it("rebuilds it when a setting it depends on or the data changed", async () => {
      await insertLeads(db, leads);
      await insertActivities(db, events);
      const base = { windows, features: { min_bin_leads: 1 } };
      const config = configSchema.parse(base);
      await buildFeatures(db, config, { target: "won", purpose: "profile" });
      const changes: [string, () => Promise<unknown>][] = [
        [
          "half-life",
          () =>
            buildFeatures(
              db,
              configSchema.parse({ ...base, features: { ...base.features, half_life_days: 7 } }),
              { target: "won", purpose: "fit" },
            ),
        ],
        [
          "sales activity types",
          () =>
            buildFeatures(
              db,
              configSchema.parse({
                ...base,
                features: { ...base.features, sales_activity_types: ["meeting"] },
              }),
              { target: "won", purpose: "fit" },
            ),
        ],
        [
          "scoring window",
          () =>
            buildFeatures(
              db,
              configSchema.parse({ ...base, windows: { ...windows, scoring_days: 10 } }),
              {
                target: "won",
                purpose: "fit",
              },
            ),
        ],
        [
          "exclusions",
          () =>
            buildFeatures(
              db,
              configSchema.parse({ ...base, features: { ...base.features, exclude: ["country"] } }),
              { target: "won", purpose: "fit" },
            ),
        ],
        [
          "a load",
          async () => {
            await db.run(
              "INSERT INTO load_log VALUES (99, 'leads', '/x.csv', 'abc', 1, 'canonical', 'unchanged', 0, 0, 0, 0, now()::TIMESTAMP)",
            );
            return buildFeatures(db, config, { target: "won", purpose: "fit" });
          },
        ],
        [
          "rows added",
          async () => {
            await insertActivities(db, [["r1", "2026-01-01 09:00:00", "webinar"]]);
            return buildFeatures(db, config, { target: "won", purpose: "fit" });
          },
        ],
      ];
      for (const [what, rerun] of changes) {
        // back to the base settings first, so each change is the only difference
        await buildFeatures(db, config, { target: "won", purpose: "profile" });
        await db.run("INSERT INTO lead_features (lead_id) VALUES ('marker')");
        const result = (await rerun()) as { reusedLeadFeatures?: boolean };
        expect({ what, reused: result.reusedLeadFeatures }).toEqual({ what, reused: false });
        expect(await db.all("SELECT * FROM lead_features WHERE lead_id = 'marker'")).toEqual([]);
      }
    });
  });

  it("profileResultKey(db, config, target, windows) exists only while lead_features is that build", async () => {
    await insertLeads(db, [
      { lead_id: "p1", created_at: "2026-01-01", country: "US" },
      { lead_id: "p2", created_at: "2026-02-01", country: "DE" },
    ]);
    const config = configSchema.parse({ windows, features: { min_bin_leads: 1 } });
    const { windows: resolved } = await buildLabels(db, config.windows, 30);
    // nothing built yet
    expect(await profileResultKey(db, config, "won", resolved)).toBeNull();
    const result = await buildFeatures(db, config, { target: "won", purpose: "profile" });
    const key = await profileResultKey(db, config, "won", result.windows);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await profileResultKey(db, config, "sql", result.windows)).not.toBe(key);
    // lead_features built under other settings: the profile cannot be reused against it
    const other = configSchema.parse({
      windows,
      features: { min_bin_leads: 1, half_life_days: 7 },
    });
    await buildFeatures(db, other, { target: "won", purpose: "profile" });
    expect(await profileResultKey(db, config, "won", result.windows)).toBeNull();
    // the data changed since: neither
    await buildFeatures(db, config, { target: "won", purpose: "profile" });
    expect(await profileResultKey(db, config, "won", result.windows)).toBe(key);
    await insertLeads(db, [{ lead_id: "p3", created_at: "2026-03-01", country: "US" }]);
    expect(await profileResultKey(db, config, "won", result.windows)).toBeNull();
  });
});
