import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import { scoreLeadsAt } from "../../src/backtest/score-leads-at.js";
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
threshold: 50
fit_rules:
  - { field: country, points: { US: 10, other: -30, missing: -5 } }
  - { field: seniority, points: { Director: 15, other: 0 } }
intent_rules:
  - { activity: pricing_view, points: 10, cap: 25, half_life_days: 7 }
  - { activity: demo_request, points: 40 }
  - { activity: unsubscribe, points: -20 }
gates:
  - { field: employees, min: 10, label: at least 10 employees }
`,
  "m.yaml",
);

async function fixture() {
  await insertLeads(db, [
    { lead_id: "a", country: "US", title: "Director of Marketing", employees: 50 },
    { lead_id: "b", country: "FR", title: "VP Sales", employees: 500 },
    { lead_id: "c", country: "US", title: "Marketing Director", employees: 5 },
    { lead_id: "d", country: "US", title: "Director, IT", employees: 50 },
    { lead_id: "e", country: "US", created_at: at(30) },
    { lead_id: "f", country: null, employees: 20 },
  ]);
  await insertActivities(db, [
    { lead_id: "a", at: at(0), type: "pricing_view" },
    { lead_id: "a", at: at(7), type: "pricing_view" },
    { lead_id: "a", at: at(14), type: "pricing_view" },
    { lead_id: "b", at: at(1), type: "demo_request" },
    { lead_id: "b", at: at(2), type: "unsubscribe" },
    ...[1, 2, 3, 4].map(() => ({ lead_id: "b", at: at(20), type: "pricing_view" })),
    { lead_id: "b", at: at(22), type: "demo_request" }, // after the instant: not seen
    { lead_id: "c", at: at(3), type: "demo_request" },
    { lead_id: "d", at: at(3), type: "demo_request" },
  ]);
}

const byId = async (asOf: Date) => {
  const { rows } = await scoreLeadsAt(db, model, { asOf, reasons: 3 });
  return new Map(rows.map((r) => [r.lead_id, r]));
};

describe("scoreLeadsAt(db, model, { asOf, reasons })", () => {
  it("decays intent to the instant and explains a non-MQL's points short", async () => {
    await fixture();
    const a = (await byId(at(21))).get("a");
    // pricing views on days 0, 7, 14 (half-life 7): 10·(¼ + ½ + 1) = 17.5 on day 14, 8.75 on day 21
    expect(a?.score).toBeCloseTo(10 + 15 + 8.75, 10);
    expect(a?.fit_points).toBe(25);
    expect(a?.intent_points).toBeCloseTo(8.75, 10);
    // highest on day 14: 25 + 17.5 (cap 25 not reached)
    expect(a?.peak).toBeCloseTo(42.5, 10);
    expect(a?.mql).toBe(false);
    expect(a?.points_short).toBeCloseTo(50 - 33.75, 10);
    expect(a?.reasons).toEqual([
      "+15 seniority Director",
      "+10 country US",
      "+9 pricing view ×3 (decayed)",
    ]);
  });

  it("caps, counts negative points and sorts reasons by |points|, keeping the top ones", async () => {
    await fixture();
    const b = (await byId(at(21))).get("b");
    // four views on day 20: 40 · 2^(−1/7) = 36.3 on day 21, capped at 25; demo +40 (day 22 unseen);
    // unsubscribe −20 (no decay); country FR → other −30; VP → other 0 (left out)
    expect(b?.score).toBeCloseTo(-30 + 40 + 25 - 20, 10);
    expect(b?.reasons).toEqual([
      "+40 demo request ×1",
      "−30 country FR (not listed)",
      "+25 pricing view ×4 (capped)",
    ]);
    expect(b?.contributions.map((c) => c.text)).toEqual([
      "+40 demo request ×1",
      "−30 country FR (not listed)",
      "+25 pricing view ×4 (capped)",
      "−20 unsubscribe ×1",
    ]);
    expect(b?.points_short).toBeCloseTo(35, 10);
  });

  it("flags MQLs from the first crossing, and holds back leads that fail a gate", async () => {
    await fixture();
    const rows = await byId(at(21));
    const d = rows.get("d");
    expect(d?.mql).toBe(true);
    expect(d?.mql_at?.getTime()).toBe(at(3).getTime());
    expect(d?.points_short).toBeNull();
    const c = rows.get("c");
    expect(c?.score).toBe(65);
    expect(c?.mql).toBe(false);
    expect(c?.points_short).toBe(0);
    expect(c?.gates_failed).toEqual(["at least 10 employees (employees = 5)"]);
    expect(c?.mql_at).toBeNull();
  });

  it("scores only leads created by the instant, and missing values in words", async () => {
    await fixture();
    const rows = await byId(at(21));
    expect([...rows.keys()].sort()).toEqual(["a", "b", "c", "d", "f"]);
    expect(rows.get("f")?.reasons).toEqual(["−5 country missing"]);
    expect(rows.get("f")?.score).toBe(-5);
  });

  it("sees only events up to the instant", async () => {
    await fixture();
    const a = (await byId(at(10))).get("a");
    // views on days 0 and 7: 10·(½ + 1) = 15 on day 7, 15 · 2^(−3/7) on day 10
    expect(a?.score).toBeCloseTo(25 + 15 * 2 ** (-3 / 7), 10);
    // 11.05 points: now ahead of the country's 10
    expect(a?.reasons).toEqual([
      "+15 seniority Director",
      `+${Math.round(15 * 2 ** (-3 / 7))} pricing view ×2 (decayed)`,
      "+10 country US",
    ]);
  });

  it("at an event's instant gives the backtest engine's score record for that moment", async () => {
    await fixture();
    // lead a's record on day 14 (its new high): 25 fit + 17.5 pricing
    const { rows } = await scoreLeadsAt(db, model, { asOf: at(14), reasons: 3 });
    // the backtest engine on the same population (scoreLeadsAt leaves bt_population in place;
    // it no longer copies its records into bt_score_record)
    await scoreLeads(db, model, "engine");
    const record = await db.all<{ score: number }>(
      "SELECT score FROM bt_score_record WHERE model_key = 'engine' AND lead_id = 'a' AND t = $t::TIMESTAMP",
      { t: at(14).toISOString() },
    );
    expect(record[0]?.score).toBeCloseTo(42.5, 10);
    expect(rows.find((r) => r.lead_id === "a")?.score).toBeCloseTo(record[0]?.score as number, 10);
  });
});
