import { describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import {
  type BacksolveData,
  backsolveVolume,
  readBacksolveData,
} from "../../src/funnel/volume-backsolve.js";
import { AS_OF, loadBase, MATURITY_DAYS } from "./fixture.js";

const DATA: BacksolveData = {
  mature_mqls: 200,
  mature_sqls: 50,
  mature_won: 10,
  won_deals: 10,
  avg_won_deal_size: 24000,
  run_rate_mqls: 90,
  run_rate_months: 3,
  run_rate_from: new Date("2025-04-01T00:00:00Z"),
  run_rate_to: new Date("2025-07-01T00:00:00Z"),
};

describe("backsolveVolume(targets, data)", () => {
  it("solves the funnel in reverse from the given targets", () => {
    // 1 200 000 / 20 000 = 60 deals; / 0.25 win rate = 240 SQLs; / 0.2 MQL→SQL = 1 200 MQLs a year
    // = 100 a month; actual 90 MQLs in 3 months = 30 a month ⇒ short by 70 a month.
    const b = backsolveVolume(
      { new_arr: 1_200_000, avg_deal_size: 20_000, win_rate: 0.25, mql_to_sql: 0.2 },
      DATA,
    );
    expect([
      b.dealsNeeded,
      b.sqlsNeeded,
      b.mqlsNeeded,
      b.mqlsNeededPerMonth,
      b.actualMqlsPerMonth,
      b.gapPerMonth,
    ]).toEqual([60, 240, 1200, 100, 30, 70]);
    expect([
      b.inputs.avgDealSize.source,
      b.inputs.winRate.source,
      b.inputs.mqlToSql.source,
    ]).toEqual(["config", "config", "config"]);
  });

  it("defaults deal size, win rate and MQL → SQL to the data", () => {
    // Data: deal size 24 000, win rate 10/50 = 0.2, MQL→SQL 50/200 = 0.25.
    // 1 200 000 / 24 000 = 50 deals; / 0.2 = 250 SQLs; / 0.25 = 1 000 MQLs; / 12 = 83.33 a month.
    const b = backsolveVolume({ new_arr: 1_200_000 }, DATA);
    expect(b.dealsNeeded).toBe(50);
    expect(b.sqlsNeeded).toBeCloseTo(250, 10);
    expect(b.mqlsNeeded).toBeCloseTo(1000, 10);
    expect(b.mqlsNeededPerMonth).toBeCloseTo(83.333333, 5);
    expect([
      b.inputs.winRate.source,
      b.inputs.winRate.data.successes,
      b.inputs.winRate.data.n,
    ]).toEqual(["data", 10, 50]);
  });

  it("is not computed without a new-ARR target, and says so", () => {
    const b = backsolveVolume({}, DATA);
    expect([b.mqlsNeeded, b.actualMqlsPerMonth]).toEqual([null, 30]);
    expect(b.missing).toMatch(/new-ARR target/);
  });

  it("is not computed when the data has no won SQL to take a win rate from", () => {
    const b = backsolveVolume({ new_arr: 1_000_000 }, { ...DATA, mature_won: 0 });
    expect(b.missing).toMatch(/win rate/);
  });
});

describe("readBacksolveData(db, options)", () => {
  it("reads the mature MQLs' conversion, deal size and the last three months' MQLs", async () => {
    const db = await Db.open(":memory:");
    try {
      await loadBase(db);
      await prepareLeadStages(db);
      const data = await readBacksolveData(db, { asOf: AS_OF, maturityDays: MATURITY_DAYS });
      // Mature MQLs (created by 06-01): L1 L2 L3 L6 L7 L8 = 6; SQL L1 L2 L3 L6 L7 = 5; won L1 L6 L7 = 3;
      // won deals D1 (10 000), D3 (20 000) ⇒ average 15 000.
      // Run rate: MQLs in April, May, June 2025 (the 3 complete months before 07-01): L9, L10 = 2.
      expect(data).toEqual({
        mature_mqls: 6,
        mature_sqls: 5,
        mature_won: 3,
        won_deals: 2,
        avg_won_deal_size: 15000,
        run_rate_mqls: 2,
        run_rate_months: 3,
        run_rate_from: new Date("2025-04-01T00:00:00Z"),
        run_rate_to: new Date("2025-07-01T00:00:00Z"),
      });
    } finally {
      db.close();
    }
  });
});
