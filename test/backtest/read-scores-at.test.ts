import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flattenModel } from "../../src/backtest/flatten-model.js";
import { readScoresAt, readScoresAtBatches } from "../../src/backtest/read-scores-at.js";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import type { LeadScoreAt } from "../../src/backtest/score-leads-at.js";
import { stageScoresAt } from "../../src/backtest/stage-scores-at.js";
import type { Db } from "../../src/db/index.js";
import { type Model, parseModel } from "../../src/model/model-file.js";
import { at, DAY, insertActivities, insertLeads, openFixtureDb, T0 } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
});
afterEach(() => db.close());

const model = parseModel(
  `version: 1
threshold: 30
fit_rules:
  - { field: country, points: { US: 10, DE: 10, other: -30, missing: -5 } }
  - { field: seniority, points: { Director: 15, VP: 15, other: 0 } }
  - { field: employees, bins: [{ max: 50, points: -5 }, { min: 50, points: 4 }], label: company size }
intent_rules:
  - { activity: pricing_view, points: 10, cap: 25, half_life_days: 7 }
  - { activity: demo_request, points: 40, label: asked for a demo }
  - { activity: unsubscribe, points: -20 }
gates:
  - { field: employees, min: 10, label: at least 10 employees }
  - { field: country, not_in: [KP], label: sanctioned country }
`,
  "m.yaml",
);

/**
 * The pre-rewrite queries (test/backtest/reference/) on the population stageScoresAt left, after
 * the backtest engine's scoring (the tables they read; stageScoresAt drops them once used).
 */
async function referenceRows(m: Model, top: number): Promise<LeadScoreAt[]> {
  await scoreLeads(db, m, "reference");
  const ref = (name: string) =>
    readFileSync(new URL(`./reference/${name}.sql`, import.meta.url), "utf8").replaceAll(
      "bt_intent_at",
      "bt_intent_at_ref",
    );
  const rows = flattenModel(m);
  await db.run(ref("rule-events"), { intent_rules: rows.intent_rules });
  await db.run(ref("intent-points-at"), { intent_rules: rows.intent_rules });
  return db.all<LeadScoreAt>(ref("lead-scores-at"), {
    threshold: m.threshold,
    top,
    rule_labels: rows.rule_labels,
  });
}

async function allRows(leads: number, top: number, batch: number): Promise<LeadScoreAt[]> {
  const rows: LeadScoreAt[] = [];
  for await (const b of readScoresAtBatches(db, { leads, reasons: top, batch })) rows.push(...b);
  return rows;
}

/** Same leads in the same order, same words, numbers to 1e-9. */
function expectSameRows(now: LeadScoreAt[], ref: LeadScoreAt[]): void {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);
  const shape = (r: LeadScoreAt) => ({
    ...r,
    score: round(r.score),
    intent_points: round(r.intent_points),
    peak: round(r.peak),
    points_short: round(r.points_short),
    contributions: r.contributions.map((c) => ({ ...c, points: round(c.points) })),
  });
  expect(now.map(shape)).toEqual(ref.map(shape));
}

async function fixture() {
  await insertLeads(db, [
    { lead_id: "a", country: "US", title: "Director of Marketing", employees: 50 },
    { lead_id: "b", country: "FR", title: "VP Sales", employees: 500 },
    { lead_id: "c", country: "US", title: "Marketing Director", employees: 5 },
    { lead_id: "d", country: "KP", title: "Director, IT", employees: 5 },
    { lead_id: "e", country: "US", created_at: at(30) },
    { lead_id: "f", country: null, employees: 20 },
    { lead_id: "g", country: "DE", title: "VP Marketing", employees: 80 },
  ]);
  await insertActivities(db, [
    ...[0, 7, 14].map((d) => ({ lead_id: "a", at: at(d), type: "pricing_view" })),
    { lead_id: "b", at: at(1), type: "demo_request" },
    { lead_id: "b", at: at(2), type: "unsubscribe" },
    ...[1, 2, 3, 4].map(() => ({ lead_id: "b", at: at(20), type: "pricing_view" })),
    { lead_id: "c", at: at(-3), type: "demo_request" },
    { lead_id: "d", at: at(3), type: "demo_request" },
    { lead_id: "g", at: at(5), type: "unsubscribe" },
  ]);
}

describe("readScoresAt(db, { offset, limit, reasons, contributions })", () => {
  it("gives the pre-rewrite query's rows: order, scores, MQL flags, reasons, gates", async () => {
    await fixture();
    const { leads } = await stageScoresAt(db, model, { asOf: at(21) });
    expect(leads).toBe(6);
    const now = await readScoresAt(db, { offset: 0, limit: leads, reasons: 2 });
    expectSameRows(now, await referenceRows(model, 2));
    // c 60, a 37.75, b 34, d 20, g 9, f −10 (e is created after the instant)
    expect(now.map((r) => r.lead_id)).toEqual(["c", "a", "b", "d", "g", "f"]);
    expect(now.find((r) => r.lead_id === "d")?.gates_failed).toEqual([
      "at least 10 employees (employees = 5)",
      "sanctioned country (country = KP)",
    ]);
    expect(now.find((r) => r.lead_id === "c")?.reasons).toEqual([
      "+40 asked for a demo ×1",
      "+15 seniority Director",
    ]);
  });

  it("reads a range of places, and nothing past the last lead", async () => {
    await fixture();
    const { leads } = await stageScoresAt(db, model, { asOf: at(21) });
    const all = await readScoresAt(db, { offset: 0, limit: leads, reasons: 3 });
    expect(await readScoresAt(db, { offset: 2, limit: 3, reasons: 3 })).toEqual(all.slice(2, 5));
    expect(await readScoresAt(db, { offset: 5, limit: 10, reasons: 3 })).toEqual(all.slice(5));
    expect(await readScoresAt(db, { offset: 6, limit: 10, reasons: 3 })).toEqual([]);
    expect(await readScoresAt(db, { offset: 0, limit: 0, reasons: 3 })).toEqual([]);
    await expect(readScoresAt(db, { offset: -1, limit: 2, reasons: 3 })).rejects.toThrow(/offset/);
  });

  it("leaves the contributions out when asked, and nothing else", async () => {
    await fixture();
    const { leads } = await stageScoresAt(db, model, { asOf: at(21) });
    const full = await readScoresAt(db, { offset: 0, limit: leads, reasons: 3 });
    const lean = await readScoresAt(db, {
      offset: 0,
      limit: leads,
      reasons: 3,
      contributions: false,
    });
    expect(full.some((r) => r.contributions.length > 1)).toBe(true);
    expect(lean).toEqual(full.map((r) => ({ ...r, contributions: [] })));
  });
});

describe("readScoresAtBatches(db, { leads, reasons, batch })", () => {
  it("gives every lead once, in order, whatever the batch size", async () => {
    await fixture();
    const { leads } = await stageScoresAt(db, model, { asOf: at(21) });
    const whole = await readScoresAt(db, { offset: 0, limit: leads, reasons: 3 });
    for (const batch of [1, 2, 4, 5, 6, 7, 100]) {
      const sizes: number[] = [];
      const rows: LeadScoreAt[] = [];
      for await (const b of readScoresAtBatches(db, { leads, reasons: 3, batch })) {
        sizes.push(b.length);
        rows.push(...b);
      }
      expect(rows).toEqual(whole);
      expect(sizes.slice(0, -1).every((n) => n === batch)).toBe(true);
    }
  });

  it("gives no batch when no lead was scored", async () => {
    const { leads } = await stageScoresAt(db, model, { asOf: at(21) });
    expect(leads).toBe(0);
    expect(await allRows(leads, 3, 2)).toEqual([]);
  });

  it("agrees with the pre-rewrite query on generated leads and events", async () => {
    const lead = fc.record({
      country: fc.constantFrom("US", "DE", "FR", "KP", null),
      title: fc.constantFrom("Director", "VP Sales", "Engineer", null),
      employees: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
      created: fc.integer({ min: -5, max: 25 }),
      events: fc.array(
        fc.record({
          hour: fc.integer({ min: -10 * 24, max: 30 * 24 }),
          type: fc.constantFrom("pricing_view", "demo_request", "unsubscribe", "webinar"),
        }),
        { maxLength: 8 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(lead, { maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (leads, top) => {
          await db.run("DELETE FROM leads");
          await db.run("DELETE FROM activities");
          await insertLeads(
            db,
            leads.map((l, i) => ({
              lead_id: `L${i}`,
              country: l.country,
              title: l.title,
              employees: l.employees,
              created_at: at(l.created),
            })),
          );
          await insertActivities(
            db,
            leads.flatMap((l, i) =>
              l.events.map((e) => ({
                lead_id: `L${i}`,
                at: new Date(T0 + (e.hour / 24) * DAY),
                type: e.type,
              })),
            ),
          );
          const { leads: n } = await stageScoresAt(db, model, { asOf: at(21) });
          expectSameRows(await allRows(n, top, 2), await referenceRows(model, top));
        },
      ),
      { numRuns: 25 },
    );
  });
});
