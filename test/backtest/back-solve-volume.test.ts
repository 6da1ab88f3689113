import { describe, expect, it } from "vitest";
import { backSolveVolume } from "../../src/backtest/back-solve-volume.js";

describe("backSolveVolume(input)", () => {
  it("works back from the ARR target to MQLs (hand-worked)", () => {
    // $1.2M / $30k = 40 wins; 40 / 0.25 = 160 SQLs; 160 / 0.2 = 800 MQLs; 50/week × 13 = 650
    const r = backSolveVolume({
      new_arr: 1_200_000,
      average_deal_size: 30_000,
      win_rate: 0.25,
      mql_to_sql: 0.2,
      mql_per_week: 50,
    });
    expect(r).toEqual({
      weeks: 13,
      wins_needed: 40,
      sqls_needed: 160,
      mqls_needed: 800,
      mqls_needed_per_week: 800 / 13,
      mqls_produced: 650,
      gap: -150,
      coverage: 650 / 800,
    });
  });

  it("rounds wins up: a part of a deal is a deal", () => {
    expect(
      backSolveVolume({
        new_arr: 100_001,
        average_deal_size: 50_000,
        win_rate: 1,
        mql_to_sql: 1,
        mql_per_week: 1,
      }).wins_needed,
    ).toBe(3);
  });

  it("refuses a zero rate, naming it", () => {
    expect(() =>
      backSolveVolume({
        new_arr: 1,
        average_deal_size: 1,
        win_rate: 0,
        mql_to_sql: 0.2,
        mql_per_week: 1,
      }),
    ).toThrow("backSolveVolume requires win_rate > 0: got 0");
  });
});
