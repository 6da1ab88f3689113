import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import type { Db } from "../../src/db/index.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, DAY, insertActivities, insertLeads, openFixtureDb, T0 } from "./fixtures.js";

let db: Db;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

interface Peak {
  lead_id: string;
  peak: number;
  first_at: Date | null;
}

/** bt_score_peak (keep "peaks") and the same figures from the backtest's records (keep "temp"). */
async function peaksBothWays(modelText: string): Promise<{ now: Peak[]; records: Peak[] }> {
  const model = parseModel(modelText, "m.yaml");
  await db.exec("backtest/population-at", { as_of: at(30).toISOString() });
  await scoreLeads(db, model, "records");
  const records = await db.all<Peak>(
    `SELECT lead_id, max(score) AS peak, min(t) FILTER (WHERE score >= $threshold) AS first_at
     FROM bt_record_new GROUP BY lead_id ORDER BY lead_id`,
    { threshold: model.threshold },
  );
  await scoreLeads(db, model, "peaks", { keep: "peaks" });
  const now = await db.all<Peak>("SELECT * FROM bt_score_peak ORDER BY lead_id");
  return { now, records };
}

describe("scorePeaksSql(model, withEvents, spanDays) via scoreLeads(…, { keep: 'peaks' })", () => {
  it("gives each lead's peak and first moment at or above the line, as its records do", async () => {
    await db.run("DELETE FROM leads");
    await db.run("DELETE FROM activities");
    await insertLeads(db, [
      { lead_id: "a", country: "US" },
      { lead_id: "b", country: "FR" },
    ]);
    await insertActivities(db, [
      // a: 10 + 3 × 10 at one moment (day 2) reaches 40 exactly; b never reaches it
      ...[1, 2, 3].map(() => ({ lead_id: "a", at: at(2), type: "pricing_view" })),
      { lead_id: "a", at: at(9), type: "pricing_view" },
      { lead_id: "b", at: at(1), type: "pricing_view" },
    ]);
    const { now, records } = await peaksBothWays(`version: 1
threshold: 40
fit_rules:
  - { field: country, points: { US: 10, other: 0 } }
intent_rules:
  - { activity: pricing_view, points: 10, half_life_days: 7 }
`);
    expect(now).toEqual([
      { lead_id: "a", peak: 40, first_at: at(2) },
      { lead_id: "b", peak: 10, first_at: null },
    ]);
    expect(now).toEqual(records);
  });

  it("agrees with the records on generated events, thresholds at a score included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.record({ hour: fc.integer({ min: -48, max: 40 * 24 }), type: fc.nat(2) }), {
            maxLength: 10,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: -10, max: 60 }),
        fc.constantFrom("half_life_days: 2", "cap: 25", "cap: 25, half_life_days: 0.5", ""),
        async (leads, threshold, decay) => {
          await db.run("DELETE FROM leads");
          await db.run("DELETE FROM activities");
          await insertLeads(
            db,
            leads.map((_, i) => ({
              lead_id: `L${i}`,
              country: i % 2 ? "US" : "FR",
              created_at: at(i),
            })),
          );
          await insertActivities(
            db,
            leads.flatMap((events, i) =>
              events.map((e) => ({
                lead_id: `L${i}`,
                at: new Date(T0 + (e.hour / 24) * DAY),
                type: `t${e.type}`,
              })),
            ),
          );
          const { now, records } = await peaksBothWays(`version: 1
threshold: ${threshold}
fit_rules:
  - { field: country, points: { US: 10, other: 0 } }
intent_rules:
  - { activity: t0, points: 10${decay ? `, ${decay}` : ""} }
  - { activity: t1, points: 5 }
  - { activity: t2, points: -10 }
`);
          expect(now).toEqual(records);
        },
      ),
      { numRuns: 40 },
    );
  });
});
