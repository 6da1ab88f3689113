import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sweepThresholds } from "../../src/backtest/sweep-thresholds.js";
import { gridThresholds } from "../../src/backtest/threshold-grid.js";
import type { Db } from "../../src/db/index.js";
import { type BruteLead, bruteForceSweep } from "./brute-force-sweep.js";
import { at, DAY, insertScored, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
  await db.exec("backtest/score-tables");
});
afterEach(() => db.close());

/** Random leads: scores on a half-point lattice so peaks land exactly on thresholds. */
const leadArb = (i: number) =>
  fc
    .record({
      createdDay: fc.integer({ min: 0, max: 200 }),
      gates: fc.boolean(),
      steps: fc.array(
        fc.record({
          dt: fc.integer({ min: 0, max: 30 * 24 }),
          ds: fc.integer({ min: 1, max: 40 }),
        }),
        { maxLength: 5 },
      ),
      base: fc.integer({ min: -40, max: 120 }),
      handed: fc.boolean(),
      sql: fc.boolean(),
      sqlDay: fc.integer({ min: -5, max: 90 }),
      won: fc.boolean(),
      wonDay: fc.integer({ min: 0, max: 200 }),
      amount: fc.integer({ min: 0, max: 100_000 }),
      mature: fc.boolean(),
    })
    .map((r): BruteLead => {
      const created = at(r.createdDay);
      const records = [{ t: created, score: r.base / 2 }];
      let t = created.getTime();
      let score = r.base / 2;
      for (const step of r.steps) {
        t += step.dt * 3_600_000;
        score += step.ds / 2;
        records.push({ t: new Date(t), score });
      }
      const sql = r.handed ? r.sql : null;
      return {
        lead_id: `L${i}`,
        created_at: created,
        decision_at: new Date(created.getTime() + 30 * DAY),
        gates_pass: r.gates,
        records,
        sql,
        sql_at: sql ? new Date(created.getTime() + r.sqlDay * DAY) : null,
        won: r.won,
        won_at: r.won ? new Date(created.getTime() + r.wonDay * DAY) : null,
        won_amount: r.won ? r.amount : null,
        mature: r.mature,
      };
    });

const leadsArb = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => leadArb(i))));

describe("sweepThresholds(db, options)", () => {
  it("agrees exactly with brute force on random leads, every threshold", async () => {
    await fc.assert(
      fc.asyncProperty(
        leadsArb,
        fc.integer({ min: -20, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: -30, max: 150 }), { nil: undefined }),
        async (leads, from, step, extra) => {
          await insertScored(db, leads);
          const grid = { from, to: from + 25 * step, step };
          const got = await sweepThresholds(db, { model: "model", grid, extra });
          const want = bruteForceSweep(leads, { thresholds: gridThresholds(grid, extra) });
          expect(got.counts).toEqual(want.counts);
          expect(got.delays).toEqual(want.delays);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("agrees with brute force when censored at a moment and limited to a creation window", async () => {
    await fc.assert(
      fc.asyncProperty(
        leadsArb,
        fc.integer({ min: 0, max: 250 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 90 }),
        async (leads, censorDay, fromDay, maturityDays) => {
          await insertScored(db, leads);
          const grid = { from: 0, to: 100, step: 5 };
          const options = {
            createdFrom: at(fromDay),
            createdTo: at(censorDay),
            censorAt: at(censorDay),
            maturityDays,
          };
          const got = await sweepThresholds(db, { model: "model", grid, ...options });
          const want = bruteForceSweep(leads, { thresholds: gridThresholds(grid), ...options });
          expect(got.counts).toEqual(want.counts);
          expect(got.delays).toEqual(want.delays);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("counts a lead whose peak equals the threshold, and not one just below", async () => {
    const lead = (id: string, score: number): BruteLead => ({
      lead_id: id,
      created_at: at(0),
      decision_at: at(30),
      gates_pass: true,
      records: [{ t: at(0), score }],
      sql: true,
      sql_at: at(3),
      won: false,
      won_at: null,
      won_amount: null,
      mature: true,
    });
    await insertScored(db, [lead("a", 50), lead("b", 49.5)]);
    const { counts } = await sweepThresholds(db, {
      model: "model",
      grid: { from: 49, to: 51, step: 1 },
    });
    expect(counts.map((c) => [c.threshold, c.mql])).toEqual([
      [49, 2],
      [50, 1],
      [51, 0],
    ]);
  });
});
