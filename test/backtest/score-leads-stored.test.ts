import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import { scoreLeadsStored } from "../../src/backtest/score-leads-stored.js";
import type { Db } from "../../src/db/index.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, insertActivities, insertLabels, insertLeads, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
  await insertLeads(db, [
    { lead_id: "a", country: "US" },
    { lead_id: "b", country: "FR" },
  ]);
  await insertLabels(db, [{ lead_id: "a" }, { lead_id: "b" }]);
  await insertActivities(db, [
    { lead_id: "a", at: at(1), type: "pricing_view" },
    { lead_id: "a", at: at(3), type: "pricing_view" },
    { lead_id: "b", at: at(2), type: "demo_request" },
    { lead_id: "b", at: at(9), type: "pricing_view" },
  ]);
  await population("outcome_window");
});
afterEach(() => db.close());

const population = (until: "outcome_window" | "decision") =>
  db.exec("backtest/population-from-labels", { until, as_of: null });

const text = (pricingPoints: number, header = "name: fitted\nthreshold: 50") =>
  `version: 1\n${header}\nfit_rules:\n  - { field: country, points: { US: 10, other: 2 } }\nintent_rules:\n  - { activity: pricing_view, points: ${pricingPoints}, cap: 15, half_life_days: 7 }\n  - { activity: demo_request, points: 40 }\n`;
const model = (pricingPoints: number, header?: string) =>
  parseModel(text(pricingPoints, header), "m.yaml");

/** The stored tables, in the shape of {@link stored}. */
async function kept() {
  return {
    records: await db.all(
      "SELECT lead_id, t, score_from, score FROM stored_score_record ORDER BY lead_id, t",
    ),
    leads: await db.all(
      "SELECT lead_id, created_at, score_until, fit_points, count_points, peak, gates_pass FROM stored_lead_score ORDER BY lead_id",
    ),
  };
}

/** What another process would find: the database without this connection's TEMP tables. */
async function newProcess() {
  for (const table of ["bt_score_key", "bt_lead_score", "bt_score_record"])
    await db.run(`DROP TABLE IF EXISTS ${table}`);
}

async function stored(key: string) {
  return {
    records: await db.all(
      "SELECT lead_id, t, score_from, score FROM bt_score_record WHERE model_key = $key ORDER BY lead_id, t",
      { key },
    ),
    leads: await db.all(
      "SELECT lead_id, created_at, score_until, fit_points, count_points, peak, gates_pass FROM bt_lead_score WHERE model_key = $key ORDER BY lead_id",
      { key },
    ),
  };
}

describe("scoreLeadsStored(db, model, key, { store })", () => {
  it("stores a model's records and gives them back, equal to scoreLeads', to the same model in a later call", async () => {
    const first = await scoreLeadsStored(db, model(10), "fit", { store: true });
    expect(first.reused).toBe(false);
    // the backtest's call: the written file (other name, threshold, metrics; same rules)
    const again = await scoreLeadsStored(db, model(10, "name: other\nthreshold: 20"), "model", {
      store: false,
    });
    expect(again.reused).toBe(true);
    await scoreLeads(db, model(10), "fresh");
    const fresh = await stored("fresh");
    expect(fresh.records.length).toBeGreaterThan(2);
    expect(await kept()).toEqual(fresh);
    expect(await stored("model")).toEqual(fresh);
    // storing leaves nothing in the TEMP tables
    expect((await stored("fit")).records).toEqual([]);
  });

  it("does not reuse the records of a model whose points were edited", async () => {
    await scoreLeadsStored(db, model(10), "fit", { store: true });
    const edited = await scoreLeadsStored(db, model(11), "model", { store: false });
    expect(edited.reused).toBe(false);
    await scoreLeads(db, model(11), "fresh");
    expect(await stored("model")).toEqual(await stored("fresh"));
    expect(await stored("model")).not.toEqual(await kept());
  });

  it("does not reuse records when the data changed", async () => {
    await scoreLeadsStored(db, model(10), "fit", { store: true });
    await insertActivities(db, [{ lead_id: "b", at: at(4), type: "pricing_view" }]);
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(false);
  });

  it("does not reuse records of another population (scored to another end)", async () => {
    await db.run("UPDATE lead_labels SET window_end = decision_at + INTERVAL 60 DAY");
    await population("outcome_window");
    await scoreLeadsStored(db, model(10), "fit", { store: true });
    await population("decision");
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(false);
  });

  it("keeps only what it was asked to store, and the latest stored model", async () => {
    await scoreLeadsStored(db, model(10), "fit", { store: false });
    await newProcess();
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(false);
    await scoreLeadsStored(db, model(10), "fit", { store: true });
    await scoreLeadsStored(db, model(12), "fit", { store: true });
    await newProcess();
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(false);
    expect((await scoreLeadsStored(db, model(12), "model", { store: false })).reused).toBe(true);
  });

  it("reuses in the process the scores another key holds for the same model and population", async () => {
    expect((await scoreLeadsStored(db, model(10), "current", { store: false })).reused).toBe(false);
    const again = await scoreLeadsStored(db, model(10, "name: other\nthreshold: 20"), "model", {
      store: false,
    });
    expect(again.reused).toBe(true);
    await scoreLeads(db, model(10), "fresh");
    expect(await stored("model")).toEqual(await stored("fresh"));
    expect(await stored("current")).toEqual(await stored("fresh"));
    // asked again under a key that already holds them: nothing to copy
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(true);
    expect(await stored("model")).toEqual(await stored("fresh"));
  });

  it("forgets what a key held once scoreLeads replaces its scores", async () => {
    await scoreLeadsStored(db, model(10), "current", { store: false });
    await scoreLeads(db, model(11), "current");
    const after = await scoreLeadsStored(db, model(10), "model", { store: false });
    expect(after.reused).toBe(false);
    await scoreLeads(db, model(10), "fresh");
    expect(await stored("model")).toEqual(await stored("fresh"));
    expect(await stored("current")).not.toEqual(await stored("fresh"));
  });

  it("does not reuse in the process the scores of another population or other rules", async () => {
    await db.run("UPDATE lead_labels SET window_end = decision_at + INTERVAL 60 DAY");
    await population("outcome_window");
    await scoreLeadsStored(db, model(10), "current", { store: false });
    expect((await scoreLeadsStored(db, model(11), "model", { store: false })).reused).toBe(false);
    await population("decision");
    expect((await scoreLeadsStored(db, model(10), "model", { store: false })).reused).toBe(false);
    await scoreLeads(db, model(10), "fresh");
    expect(await stored("model")).toEqual(await stored("fresh"));
  });
});
