import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stageScoresAt } from "../../src/backtest/stage-scores-at.js";
import type { Db } from "../../src/db/index.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, insertActivities, insertLeads, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
});
afterEach(() => db.close());

const model = parseModel(
  `version: 1
threshold: 20
fit_rules:
  - { field: country, points: { US: 10, other: -30 } }
intent_rules:
  - { activity: pricing_view, points: 10, half_life_days: 7 }
gates:
  - { field: employees, min: 10 }
`,
  "m.yaml",
);

const tables = async () =>
  (
    await db.all<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE temporary ORDER BY table_name",
    )
  ).map((t) => t.name);

describe("stageScoresAt(db, model, { asOf })", () => {
  it("leaves the scores, reasons and failed gates keyed by place, and drops what it used", async () => {
    await insertLeads(db, [
      { lead_id: "a", country: "US", employees: 50 },
      { lead_id: "b", country: "FR", employees: 5 },
      { lead_id: "late", country: "US", created_at: at(30) },
    ]);
    await insertActivities(db, [{ lead_id: "a", at: at(1), type: "pricing_view" }]);
    const { leads, warnings } = await stageScoresAt(db, model, { asOf: at(1) });
    expect({ leads, warnings }).toEqual({ leads: 2, warnings: [] });
    expect(await tables()).toEqual([
      "bt_lead_base",
      "bt_population",
      "bt_score_at",
      "bt_score_gate_failed",
      "bt_score_reason",
    ]);
    expect(await db.all("SELECT ord, lead_id, score, mql FROM bt_score_at ORDER BY ord")).toEqual([
      { ord: 1, lead_id: "a", score: 20, mql: true },
      { ord: 2, lead_id: "b", score: -30, mql: false },
    ]);
    expect(await db.all("SELECT ord, text FROM bt_score_reason ORDER BY ord, text")).toEqual([
      { ord: 1, text: "+10 country US" },
      { ord: 1, text: "+10 pricing view ×1" },
      { ord: 2, text: "−30 country FR (not listed)" },
    ]);
    expect(await db.all("SELECT ord, text FROM bt_score_gate_failed")).toEqual([
      { ord: 2, text: "employees (employees = 5)" },
    ]);
  });
});
