import { describe, expect, it } from "vitest";
import { summariseSweep, verdictOf } from "../../src/backtest/summarise-sweep.js";
import type { SweepCounts } from "../../src/backtest/sweep-thresholds.js";
import { wilsonInterval } from "../../src/stats/index.js";

const counts = (threshold: number, over: Partial<SweepCounts>): SweepCounts => ({
  threshold,
  mql: 0,
  mql_mature: 0,
  mql_immature: 0,
  mql_observed: 0,
  mql_sql: 0,
  mql_won: 0,
  won_amount: 0,
  mql_unobserved: 0,
  leads: 100,
  leads_mature: 90,
  won_total: 10,
  won_amount_total: 500_000,
  ...over,
});

const bands = { too_loose_below: 0.1, too_strict_above: 0.4 };

describe("summariseSweep(sweep, context)", () => {
  const rows = summariseSweep(
    {
      counts: [
        counts(40, {
          mql: 60,
          mql_mature: 50,
          mql_observed: 40,
          mql_sql: 12,
          mql_won: 8,
          won_amount: 400_000,
        }),
        counts(80, {
          mql: 10,
          mql_mature: 10,
          mql_observed: 10,
          mql_sql: 5,
          mql_won: 3,
          won_amount: 150_000,
        }),
        counts(90, {}),
      ],
      delays: [
        { threshold: 40, outcome: "sql", n: 12, median_days: 4.5 },
        { threshold: 40, outcome: "won", n: 8, median_days: 61 },
        { threshold: 80, outcome: "won", n: 3, median_days: 40 },
      ],
    },
    { weeks: 10, spend: 30_000, reps: 4, bands },
  );

  it("gives rates with Wilson intervals over observed and mature MQLs", () => {
    const r = rows[0];
    expect(r?.sql_rate).toBe(12 / 40);
    expect([r?.sql_rate_low, r?.sql_rate_high]).toEqual([
      wilsonInterval(12, 40).low,
      wilsonInterval(12, 40).high,
    ]);
    expect(r?.won_rate).toBe(8 / 50);
  });

  it("gives volumes per week and per rep, cost per MQL, and what is missed", () => {
    expect(rows[0]).toMatchObject({
      mql_per_week: 6,
      mql_per_rep_week: 1.5,
      cost_per_mql: 500,
      won_missed: 2,
      won_amount_missed: 100_000,
    });
  });

  it("joins the median delays per threshold, null where there are none", () => {
    expect(rows.map((r) => [r.median_days_to_sql, r.median_days_to_won])).toEqual([
      [4.5, 61],
      [null, 40],
      [null, null],
    ]);
  });

  it("fills an outcome no MQL reached with nulls", () => {
    const only = summariseSweep(
      {
        counts: [counts(10, {})],
        delays: [{ threshold: 10, outcome: "won", n: 1, median_days: 3 }],
      },
      { weeks: null, spend: null, bands },
    );
    expect(only.map((r) => [r.median_days_to_sql, r.median_days_to_won, r.mql_per_week])).toEqual([
      [null, 3, null],
    ]);
    const none = summariseSweep(
      { counts: [counts(10, {})], delays: [] },
      { weeks: 1, spend: null, bands },
    );
    expect(none[0]?.median_days_to_sql).toBeNull();
  });

  it("gives each threshold a verdict, and none without outcomes", () => {
    expect(rows.map((r) => r.verdict)).toEqual(["healthy", "too strict", "no outcomes"]);
    expect(rows[2]?.sql_rate).toBeNull();
    expect(rows[2]?.cost_per_mql).toBeNull();
  });
});

describe("verdictOf(sqlRate, bands)", () => {
  it("keeps the band edges healthy", () => {
    expect(verdictOf(0.1, bands)).toBe("healthy");
    expect(verdictOf(0.4, bands)).toBe("healthy");
    expect(verdictOf(0.0999, bands)).toBe("too loose");
    expect(verdictOf(0.4001, bands)).toBe("too strict");
  });
});
