import { describe, expect, it } from "vitest";
import { recommendThreshold } from "../../src/backtest/recommend-threshold.js";
import type { SweepRow } from "../../src/backtest/summarise-sweep.js";

/** A sweep line with just what the recommendation reads. */
function row(
  threshold: number,
  mqlPerWeek: number,
  sqlRate: number | null,
  revenue: number,
  deals = 0,
): SweepRow {
  return {
    threshold,
    mql_per_week: mqlPerWeek,
    sql_rate: sqlRate,
    won_amount: revenue,
    mql_won: deals,
  } as SweepRow;
}

// Lower thresholds: more MQLs, lower quality, more captured (the usual shape).
const sweep = [
  row(20, 300, 0.06, 1_000_000, 50),
  row(30, 200, 0.09, 950_000, 48),
  row(40, 120, 0.14, 900_000, 45),
  row(50, 80, 0.22, 900_000, 45),
  row(60, 50, 0.31, 700_000, 36),
  row(70, 20, 0.45, 400_000, 20),
];

describe("recommendThreshold(rows, constraints)", () => {
  it("picks the most revenue within capacity and names capacity as binding", () => {
    const r = recommendThreshold(sweep, {
      objective: "won_revenue",
      weeklyCapacity: 150,
      minSqlRate: 0.05,
    });
    // 40 and 50 tie on revenue: the higher one has fewer MQLs for the same revenue
    expect(r.threshold).toBe(50);
    expect(r.objective_value).toBe(900_000);
    expect(r.next_better?.threshold).toBe(30);
    expect(r.binding?.map((v) => v.constraint)).toEqual(["weekly_capacity"]);
    expect(r.reason).toContain(
      "threshold 30 would capture more but breaks the weekly capacity (200.0 MQLs/week > 150)",
    );
  });

  it("names the minimum MQL→SQL rate when it binds before capacity", () => {
    const r = recommendThreshold(sweep, {
      objective: "won_revenue",
      weeklyCapacity: 1000,
      minSqlRate: 0.1,
    });
    expect(r.threshold).toBe(50);
    expect(r.binding?.map((v) => v.constraint)).toEqual(["min_mql_to_sql"]);
  });

  it("reports both constraints when the next better threshold breaks both", () => {
    const r = recommendThreshold(sweep, {
      objective: "won_revenue",
      weeklyCapacity: 100,
      minSqlRate: 0.1,
    });
    expect(r.threshold).toBe(50);
    expect(r.next_better?.threshold).toBe(30);
    expect(r.binding?.map((v) => v.constraint)).toEqual(["weekly_capacity", "min_mql_to_sql"]);
  });

  it("says nothing binds when the unconstrained optimum is feasible", () => {
    const r = recommendThreshold(sweep, { objective: "won_revenue", minSqlRate: 0 });
    expect(r.threshold).toBe(20);
    expect(r.binding).toBeNull();
    expect(r.reason).toContain("captures the most won revenue of any threshold");
  });

  it("optimises won deals when asked", () => {
    const deals = [row(20, 10, 0.5, 100, 5), row(30, 10, 0.5, 500, 4)];
    expect(recommendThreshold(deals, { objective: "won_deals", minSqlRate: 0 }).threshold).toBe(20);
    expect(recommendThreshold(deals, { objective: "won_revenue", minSqlRate: 0 }).threshold).toBe(
      30,
    );
  });

  it("lists runners-up with their trade-offs against the choice", () => {
    const r = recommendThreshold(sweep, {
      objective: "won_revenue",
      weeklyCapacity: 150,
      minSqlRate: 0.05,
    });
    expect(r.runners_up.map((c) => c.threshold)).toEqual([40, 60, 70]);
    expect(r.runners_up[0]).toMatchObject({ delta_objective: 0, delta_mql_per_week: 40 });
    expect(r.runners_up[1]?.delta_objective).toBe(-200_000);
    expect(r.runners_up[1]?.delta_sql_rate).toBeCloseTo(0.09, 10);
  });

  it("leaves out runners-up that select the same leads as the choice", () => {
    const flat = [row(30, 10, 0.2, 500), row(35, 10, 0.2, 500), row(40, 5, 0.3, 300)];
    const r = recommendThreshold(flat, { objective: "won_revenue", minSqlRate: 0 });
    expect(r.threshold).toBe(35);
    expect(r.runners_up.map((c) => c.threshold)).toEqual([40]);
  });

  it("recommends nothing, and says why, when no threshold is feasible", () => {
    const r = recommendThreshold(sweep, {
      objective: "won_revenue",
      weeklyCapacity: 10,
      minSqlRate: 0.5,
    });
    expect(r.threshold).toBeNull();
    expect(r.reason).toContain("no threshold in the grid meets every constraint");
    expect(r.reason).toContain("weekly_capacity");
  });

  it("treats a threshold without observed SQL outcomes as failing the minimum rate", () => {
    const r = recommendThreshold([row(10, 5, null, 10), row(20, 5, 0.3, 5)], {
      objective: "won_revenue",
      minSqlRate: 0.1,
    });
    expect(r.threshold).toBe(20);
    expect(r.binding?.[0]?.detail).toContain("no MQL with an observed outcome");
  });
});
