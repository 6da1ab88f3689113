import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import type { Db } from "../../src/db/index.js";
import { UserError } from "../../src/errors.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, insertActivities, insertLabels, insertLeads, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
});
afterEach(() => db.close());

const model = (yaml: string) => parseModel(`version: 1\nthreshold: 50\n${yaml}`, "m.yaml");

async function records(key = "model") {
  return db.all<{ lead_id: string; t: Date | null; score_from: number | null; score: number }>(
    "SELECT lead_id, t, score_from, score FROM bt_score_record WHERE model_key = $key ORDER BY lead_id, t",
    { key },
  );
}
async function leadScores(key = "model") {
  return db.all<{ lead_id: string; peak: number; fit_points: number; gates_pass: boolean }>(
    "SELECT lead_id, peak, fit_points, count_points, gates_pass FROM bt_lead_score WHERE model_key = $key ORDER BY lead_id",
    { key },
  );
}

async function score(yaml: string, key = "model") {
  await db.exec("backtest/population-from-labels");
  return scoreLeads(db, model(yaml), key);
}

const pricing = `intent_rules:
  - { activity: pricing_view, points: 10, cap: 15, half_life_days: 7 }
  - { activity: demo_request, points: 40 }
fit_rules:
  - { field: country, points: { US: 10, other: 2, missing: -5 } }
`;

describe("scoreLeads(db, model, key)", () => {
  it("decays, caps and adds points on a hand-worked timeline", async () => {
    // created day 0; pricing views on days 0, 7, 14; a demo request on day 20; window 30 days
    await insertLeads(db, [{ lead_id: "a", country: "US" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    await insertActivities(db, [
      { lead_id: "a", at: at(0), type: "pricing_view" },
      { lead_id: "a", at: at(7), type: "pricing_view" },
      { lead_id: "a", at: at(14), type: "pricing_view" },
      { lead_id: "a", at: at(20), type: "demo_request" },
      { lead_id: "a", at: at(31), type: "demo_request" }, // after the decision time: ignored
    ]);
    await score(pricing);
    // day 0: 10 fit + 10 = 20; day 7: 10 + (10/2 + 10 = 15, cap 15) = 25;
    // day 14: 15/2 + 10 = 17.5 → capped 15: 25, no new high;
    // day 20: 17.5 · 2^(−6/7) decayed pricing + 40 demo + 10 fit
    const day20 = 10 + 17.5 * 2 ** (-6 / 7) + 40;
    const rows = await records();
    expect(rows.map((r) => [r.t?.getTime(), r.score_from, r.score])).toEqual([
      [at(0).getTime(), null, 20],
      [at(7).getTime(), 20, 25],
      [at(20).getTime(), 25, expect.closeTo(day20, 10)],
    ]);
    expect((await leadScores())[0]?.peak).toBeCloseTo(day20, 10);
  });

  it("starts from the fit points at creation and counts events before it from their own time", async () => {
    await insertLeads(db, [
      { lead_id: "a", country: "DE" },
      { lead_id: "b", country: null, created_at: at(0) },
    ]);
    await insertLabels(db, [{ lead_id: "a" }, { lead_id: "b" }]);
    await insertActivities(db, [{ lead_id: "b", at: at(-2), type: "pricing_view" }]);
    await score(pricing);
    const rows = await records();
    expect(rows).toEqual([
      { lead_id: "a", t: at(0), score_from: null, score: 2 },
      {
        lead_id: "b",
        t: at(0),
        score_from: null,
        score: expect.closeTo(-5 + 10 * 2 ** (-2 / 7), 10),
      },
    ]);
  });

  it("sums events at the same moment before comparing with the threshold", async () => {
    await insertLeads(db, [{ lead_id: "a", country: "US" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    await insertActivities(db, [
      { lead_id: "a", at: at(3), type: "pricing_view" },
      { lead_id: "a", at: at(3), type: "pricing_view" },
      { lead_id: "a", at: at(3), type: "pricing_view" },
    ]);
    await score(`intent_rules:\n  - { activity: pricing_view, points: 10, half_life_days: 7 }\n`);
    expect((await records()).map((r) => r.score)).toEqual([0, 30]);
  });

  it("keeps the sum exact across thousands of half-lives (no overflow)", async () => {
    await insertLeads(db, [{ lead_id: "a" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    // half-life 0.01 days: day 29 is 2,900 half-lives after creation (2^2900 overflows a double)
    await insertActivities(db, [
      { lead_id: "a", at: at(0), type: "pricing_view" },
      { lead_id: "a", at: at(29), type: "pricing_view" },
      { lead_id: "a", at: at(29.01), type: "pricing_view" },
      { lead_id: "a", at: at(29.02), type: "pricing_view" },
    ]);
    await score(`intent_rules:\n  - { activity: pricing_view, points: 8, half_life_days: 0.01 }\n`);
    const rows = await records();
    // 8 at day 0; later 8; then 8 + 4 = 12; then 8 + 6 = 14 (the day-0 event is long gone)
    expect(rows.map((r) => r.score)).toEqual([8, expect.closeTo(12, 9), expect.closeTo(14, 9)]);
    expect(rows.every((r) => Number.isFinite(r.score))).toBe(true);
  });

  it("lets negative points lower the score without making a new high", async () => {
    await insertLeads(db, [{ lead_id: "a", country: "US" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    await insertActivities(db, [
      { lead_id: "a", at: at(1), type: "unsubscribe" },
      { lead_id: "a", at: at(2), type: "demo_request" },
    ]);
    await score(`intent_rules:
  - { activity: demo_request, points: 40 }
  - { activity: unsubscribe, points: -20, cap: 15 }
`);
    // day 0: 0; day 1: −20 capped at −15; day 2: −15 + 40 = 25
    expect((await records()).map((r) => [r.score_from, r.score])).toEqual([
      [null, 0],
      [0, 25],
    ]);
  });

  it("scores numeric bins, missing values and flat-export count columns", async () => {
    await insertLeads(db, [
      { lead_id: "a", employees: 9, count_page_view: 3 },
      { lead_id: "b", employees: 10, count_page_view: 100 },
      { lead_id: "c", employees: null, count_page_view: null },
      { lead_id: "d", employees: 5000 },
    ]);
    await insertLabels(
      db,
      ["a", "b", "c", "d"].map((lead_id) => ({ lead_id })),
    );
    await score(`fit_rules:
  - field: employees
    bins: [{ max: 10, points: -20 }, { min: 10, max: 200, points: 5 }, { min: 1000, points: 15 }]
    missing: -3
intent_rules:
  - { count_column: count_page_view, points: 0.5, cap: 20 }
`);
    expect((await leadScores()).map((r) => [r.lead_id, r.fit_points, r.peak])).toEqual([
      ["a", -20, -18.5],
      ["b", 5, 25],
      ["c", -3, -3],
      ["d", 15, 15],
    ]);
  });

  it("applies gates: in, not_in, min and max, with missing values", async () => {
    await insertLeads(db, [
      { lead_id: "us-big", country: "US", employees: 50 },
      { lead_id: "us-small", country: "US", employees: 9 },
      { lead_id: "kp", country: "KP", employees: 50 },
      { lead_id: "no-country", country: null, employees: 50 },
      { lead_id: "no-size", country: "US", employees: null },
    ]);
    await insertLabels(
      db,
      ["us-big", "us-small", "kp", "no-country", "no-size"].map((lead_id) => ({ lead_id })),
    );
    await score(`gates:
  - { field: country, not_in: [KP, IR] }
  - { field: employees, min: 10, max: 50 }
`);
    const pass = Object.fromEntries((await leadScores()).map((r) => [r.lead_id, r.gates_pass]));
    expect(pass).toEqual({
      kp: false,
      "no-country": true, // a missing value passes a not_in gate
      "no-size": false, // and fails a min / max gate
      "us-big": true,
      "us-small": false,
    });
    await score(`gates:\n  - { field: country, in: [US] }\n`, "other");
    const other = Object.fromEntries(
      (await leadScores("other")).map((r) => [r.lead_id, r.gates_pass]),
    );
    expect(other["no-country"]).toBe(false);
    expect(other.kp).toBe(false);
    expect(other["us-small"]).toBe(true);
  });

  it("scores derived fields through the features stage's macros (seniority from title)", async () => {
    await insertLeads(db, [
      { lead_id: "a", title: "VP Marketing", seniority: "Junior" },
      { lead_id: "b", title: "Chief Financial Officer" },
      { lead_id: "c", title: null, employees: 7 },
    ]);
    await insertLabels(
      db,
      ["a", "b", "c"].map((lead_id) => ({ lead_id })),
    );
    await score(`fit_rules:
  - { field: seniority, points: { C-level: 20, VP: 15, other: 1, unknown: -5 } }
  - { field: size_band, points: { 1-10: -10, other: 0 } }
`);
    // the derived seniority (from title), not the exported column "Junior"
    expect((await leadScores()).map((r) => [r.lead_id, r.fit_points])).toEqual([
      ["a", 15],
      ["b", 20],
      ["c", -15],
    ]);
  });

  it("names a field that is not a column of leads", async () => {
    await insertLeads(db, [{ lead_id: "a" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    await expect(score(`fit_rules:\n  - { field: region, points: { EU: 1 } }\n`)).rejects.toThrow(
      UserError,
    );
    await expect(score(`fit_rules:\n  - { field: region, points: { EU: 1 } }\n`)).rejects.toThrow(
      'model field "region" is not a column of leads',
    );
  });

  it("replaces a model key's earlier scores when scored again", async () => {
    await insertLeads(db, [{ lead_id: "a", country: "US" }]);
    await insertLabels(db, [{ lead_id: "a" }]);
    await score(pricing);
    await score(`fit_rules:\n  - { field: country, points: { US: 3 } }\n`);
    expect(await records()).toEqual([{ lead_id: "a", t: at(0), score_from: null, score: 3 }]);
  });
});
