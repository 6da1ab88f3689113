import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sweepThresholds } from "../../src/backtest/sweep-thresholds.js";
import { walkForward } from "../../src/backtest/walk-forward.js";
import type { Db } from "../../src/db/index.js";
import type { BruteLead } from "./brute-force-sweep.js";
import { at, DAY, insertScored, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
});
afterEach(() => db.close());

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const Q2 = d("2026-04-01");

/** A lead scored once at creation (peak = score), scoring window 30 days. */
function lead(
  id: string,
  created: string,
  score: number,
  over: Partial<BruteLead> = {},
): BruteLead {
  const c = d(created);
  return {
    lead_id: id,
    created_at: c,
    decision_at: new Date(c.getTime() + 30 * DAY),
    gates_pass: true,
    records: [{ t: c, score }],
    sql: true,
    sql_at: new Date(c.getTime() + 5 * DAY),
    won: false,
    won_at: null,
    won_amount: null,
    mature: true,
    ...over,
  };
}

const options = {
  model: "model",
  grid: { from: 10, to: 90, step: 10 },
  constraints: { objective: "won_revenue" as const, minSqlRate: 0 },
  bands: { too_loose_below: 0.1, too_strict_above: 0.4 },
  maturityDays: 30,
};

// Q1 leads seen from the start of Q2, maturity 30 days (decision = created + 30 days):
const boundaryLeads = [
  // window closed 2026-02-09, mature by 2026-03-11, won 2026-03-01: known before Q2
  lead("a-known", "2026-01-10", 55, { won: true, won_at: d("2026-03-01"), won_amount: 1000 }),
  // decision exactly at Q2's start (2026-04-01): its window has closed, it trains (immature)
  lead("b-edge", "2026-03-02", 65),
  // decision 2026-04-19, inside Q2: its events run into Q2, so it must not train at all
  lead("c-open", "2026-03-20", 85, { won: true, won_at: d("2026-03-25"), won_amount: 9000 }),
  // mature before Q2 but won inside Q2: trains, but as not won
  lead("d-late-win", "2026-01-05", 35, { won: true, won_at: d("2026-04-05"), won_amount: 5000 }),
  // mature as of Q2 only if decision + 30 <= 2026-04-01: decision 2026-03-02 → exactly mature
  lead("e-just-mature", "2026-01-31", 45, { won: true, won_at: d("2026-02-20"), won_amount: 300 }),
  // created in Q2: evaluation only
  lead("f-q2", "2026-04-01", 75, { won: true, won_at: d("2026-05-01"), won_amount: 7000 }),
  lead("g-q2", "2026-05-10", 25, { won: true, won_at: d("2026-06-01"), won_amount: 100 }),
];

describe("walkForward(db, options)", () => {
  it("trains only on what was known at the quarter's start", async () => {
    await insertScored(db, boundaryLeads);
    const train = await sweepThresholds(db, {
      model: "model",
      grid: options.grid,
      createdTo: Q2,
      censorAt: Q2,
      maturityDays: 30,
    });
    const ids = await db.all<{ lead_id: string; mature: boolean; won: boolean }>(
      "SELECT lead_id, mature, won FROM bt_sweep_lead ORDER BY lead_id",
    );
    expect(ids).toEqual([
      { lead_id: "a-known", mature: true, won: true },
      { lead_id: "b-edge", mature: false, won: false },
      { lead_id: "d-late-win", mature: true, won: false },
      { lead_id: "e-just-mature", mature: true, won: true },
    ]);
    expect(train.counts[0]).toMatchObject({
      leads: 4,
      leads_mature: 3,
      won_total: 2,
      won_amount_total: 1300,
    });
  });

  it("chooses on the past, evaluates on the quarter, and reports regret", async () => {
    await insertScored(db, boundaryLeads);
    const result = await walkForward(db, options);
    expect(result.quarters.map((q) => q.quarter)).toEqual(["2026Q2"]);
    const q2 = result.quarters[0];
    // before Q2 the wins known were at peaks 55 and 45: 40 keeps both with the fewest MQLs
    expect(q2?.chosen).toBe(40);
    expect(q2?.train).toMatchObject({ leads: 4, mature: 3, won: 2 });
    // volumes per week over the training leads' own creation span (Jan 5 – Mar 2: 57 days)
    expect(q2?.train.weeks).toBeCloseTo(57 / 7, 12);
    // on Q2 itself the wins sit at 75 and 25: threshold 40 captures 7000 of 7100
    expect(q2?.evaluated).toEqual({ leads: 2, mature: 2, won: 2 });
    expect(q2?.chosen_value).toBe(7000);
    expect(q2?.hindsight).toBe(20);
    expect(q2?.hindsight_value).toBe(7100);
    expect(q2?.regret).toBe(100);
    expect(result.total_regret).toBe(100);
    expect(result.captured_share).toBeCloseTo(7000 / 7100, 12);
  });

  it("does not let a lead created in the quarter change the choice for it", async () => {
    await insertScored(db, boundaryLeads);
    const before = await walkForward(db, options);
    // a huge win in Q2 at a low score would pull a leaky choice down to 10
    await insertScored(db, [
      ...boundaryLeads,
      lead("h-q2-whale", "2026-04-02", 12, { won: true, won_at: d("2026-04-20"), won_amount: 1e6 }),
    ]);
    const after = await walkForward(db, options);
    expect(after.quarters[0]?.chosen).toBe(before.quarters[0]?.chosen);
    expect(after.quarters[0]?.hindsight).toBe(10);
  });

  it("says when there is nothing mature to choose on", async () => {
    await insertScored(db, [
      lead("a", "2026-03-25", 50, { mature: false }),
      lead("b", "2026-04-10", 50),
    ]);
    const result = await walkForward(db, options);
    expect(result.quarters[0]?.chosen).toBeNull();
    expect(result.quarters[0]?.note).toContain("nothing to choose on");
  });

  it("gives every split the counts and span of its own censored sweep (random leads)", async () => {
    // leads over about two years (8–9 quarters), with hours so boundaries fall mid-day, some
    // scoring windows ending early or unknown, SQLs without a date, and outcomes on both
    // sides of quarter starts
    const leadArb = (i: number) =>
      fc
        .record({
          createdHour: fc.oneof(
            fc.integer({ min: 0, max: 760 * 24 }),
            // on a day a quarter start, or 30 / 60 days before one, so creation, the end of
            // scoring, maturity, SQL and win land exactly on split boundaries
            fc
              .tuple(
                fc.constantFrom(90, 181, 273, 365, 455, 546, 638, 730),
                fc.constantFrom(0, -1, -30, -60),
              )
              .map(([day, offset]) => (day + offset) * 24),
          ),
          scoredHours: fc.option(
            fc.oneof(fc.integer({ min: 0, max: 40 * 24 }), fc.constantFrom(0, 30 * 24, 60 * 24)),
            { nil: null },
          ),
          peak: fc.integer({ min: -10, max: 110 }),
          gates: fc.boolean(),
          handed: fc.boolean(),
          sql: fc.boolean(),
          sqlDay: fc.option(fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(30, 60)), {
            nil: null,
          }),
          won: fc.boolean(),
          wonDay: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(30, 60)),
          amount: fc.integer({ min: 0, max: 100_000 }),
          mature: fc.boolean(),
        })
        .map((r) => {
          const created = new Date(at(0).getTime() + r.createdHour * 3_600_000);
          const sql = r.handed ? r.sql : null;
          return {
            scoredHours: r.scoredHours,
            lead: {
              lead_id: `L${i}`,
              created_at: created,
              decision_at: new Date(created.getTime() + 30 * DAY),
              gates_pass: r.gates,
              records: [{ t: created, score: r.peak }],
              sql,
              sql_at:
                sql && r.sqlDay !== null ? new Date(created.getTime() + r.sqlDay * DAY) : null,
              won: r.won,
              won_at: r.won ? new Date(created.getTime() + r.wonDay * DAY) : null,
              won_amount: r.won ? r.amount : null,
              mature: r.mature,
            } satisfies BruteLead,
          };
        });
    const leadsArb = fc
      .integer({ min: 1, max: 60 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => leadArb(i))));
    await fc.assert(
      fc.asyncProperty(
        leadsArb,
        fc.oneof(fc.constantFrom(0, 30), fc.integer({ min: 0, max: 60 })),
        async (leads, maturityDays) => {
          await insertScored(
            db,
            leads.map((l) => l.lead),
          );
          for (const { lead: l, scoredHours } of leads) {
            if (scoredHours === null) continue;
            await db.run(
              "UPDATE bt_lead_score SET score_until = $until::TIMESTAMP WHERE lead_id = $id",
              {
                id: l.lead_id,
                until: new Date(l.created_at.getTime() + scoredHours * 3_600_000).toISOString(),
              },
            );
          }
          const grid = { from: 0, to: 100, step: 5 };
          await db.exec("backtest/walk-forward-quarters");
          const quarters = await db.all<{ k: number; start: Date; end: Date }>(
            'SELECT k, start, "end" FROM bt_wf_quarter ORDER BY k',
          );
          const rows = await db.query<Record<string, unknown>>("backtest/walk-forward-sweep", {
            model: "model",
            maturity_days: maturityDays,
            ...grid,
          });
          expect(rows).toHaveLength(2 * (quarters.length - 1) * 21);
          for (const q of quarters.slice(1)) {
            for (const role of ["train", "eval"] as const) {
              const own = await sweepThresholds(db, {
                model: "model",
                grid,
                ...(role === "train"
                  ? { createdTo: q.start, censorAt: q.start, maturityDays }
                  : { createdFrom: q.start, createdTo: q.end }),
              });
              const span = await db.query<{ first_day: Date | null; last_day: Date | null }>(
                "backtest/sweep-span",
              );
              const got = rows
                .filter((r) => r.role === role && r.k === q.k)
                .map(({ role: _r, k: _k, first_day, last_day, ...counts }) => {
                  expect({ first_day, last_day }).toEqual({
                    first_day: span[0]?.first_day,
                    last_day: span[0]?.last_day,
                  });
                  return counts;
                });
              expect(got).toEqual(own.counts);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
