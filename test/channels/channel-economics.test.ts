import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChannelEconomics,
  type ChannelRow,
  channelEconomics,
} from "../../src/channels/channel-economics.js";
import { Db } from "../../src/db/index.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import { AS_OF, MATURITY_DAYS } from "../funnel/fixture.js";
import { loadChannels } from "./fixture.js";

// Data: test/funnel/fixture.ts plus ./fixture.ts (spend S1–S6, leads L11 L12, deal D5).
// Leads per channel: ppc L1 L2 (Jan), L6 L7 (Mar), L12 (Apr), L9 L10 (Jun); seo L3 L4 L5 (Jan);
// events L8 (Mar); paid_search L11 (Jan). Won deals and their first lead: D1 → L1, D5 → L2
// (both account A1), D3 → L6 (L7 is also linked, created later; account A3).
let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await loadChannels(db);
  await prepareLeadStages(db);
});
afterAll(() => db.close());

const row = (
  result: ChannelEconomics,
  channel: string,
  periodStart: string | null,
  total = false,
): ChannelRow => {
  const found = result.rows.find(
    (r) =>
      r.channel === channel &&
      r.is_total === total &&
      (periodStart === null
        ? r.period_start === null
        : r.period_start?.toISOString().slice(0, 10) === periodStart),
  );
  if (!found) throw new Error(`no row ${channel} ${periodStart}`);
  return found;
};

describe("channelEconomics(db, { period: 'month' })", () => {
  let result: ChannelEconomics;
  beforeAll(async () => {
    result = await channelEconomics(db, {
      period: "month",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
  });

  it("costs a matched month: ppc January", () => {
    // Spend 1 000; leads L1 L2 = 2, both MQL and SQL; won deals D1 + D5 = 2 for one customer (A1),
    // revenue 10 000 + 5 000 = 15 000. Cost per lead / MQL / SQL 1 000 / 2 = 500; per won deal
    // 1 000 / 2 = 500; CAC 1 000 / 1 customer = 1 000; revenue per unit of spend 15 000 / 1 000 = 15.
    const jan = row(result, "ppc", "2025-01-01");
    expect([
      jan.status,
      jan.spend,
      jan.leads,
      jan.mqls,
      jan.sqls,
      jan.won_deals,
      jan.won_customers,
      jan.won_revenue,
    ]).toEqual(["matched", 1000, 2, 2, 2, 2, 1, 15000]);
    expect([
      jan.cost_per_lead,
      jan.cost_per_mql,
      jan.cost_per_sql,
      jan.cost_per_won_deal,
      jan.cac,
      jan.revenue_per_spend,
    ]).toEqual([500, 500, 500, 500, 1000, 15]);
  });

  it("spreads a spend row over the months it covers in proportion to days", () => {
    // S2: 3 000 over 02-15..03-16 = 30 days: 14 in February ⇒ 1 400, 16 in March ⇒ 1 600.
    expect(row(result, "ppc", "2025-02-01").spend).toBeCloseTo(1400, 9);
    expect(row(result, "ppc", "2025-03-01").spend).toBeCloseTo(1600, 9);
  });

  it("credits a won deal with two leads once, to its first lead", () => {
    // D3 (20 000) is linked to L6 and L7, both ppc March: 1 won deal, 20 000; cost per won deal 1 600.
    const mar = row(result, "ppc", "2025-03-01");
    expect([mar.won_deals, mar.won_revenue, mar.cost_per_won_deal, mar.revenue_per_spend]).toEqual([
      1, 20000, 1600, 12.5,
    ]);
  });

  it("lists a month with spend and no leads as such", () => {
    // ppc February: 1 400 of spend, no lead.
    const feb = row(result, "ppc", "2025-02-01");
    expect([feb.status, feb.leads, feb.cost_per_lead]).toEqual(["spend_without_leads", 0, null]);
  });

  it("lists a month with leads and no spend as such", () => {
    // ppc April: L12, no spend.
    const apr = row(result, "ppc", "2025-04-01");
    expect([apr.status, apr.spend, apr.leads]).toEqual(["leads_without_spend", null, 1]);
  });

  it("marks a period immature when its end plus the maturity window is after as-of", () => {
    // June ends 06-30; 07-01 + 30 days > as_of 07-01. May would not be: 06-01 + 30 ≤ 07-01.
    expect(row(result, "ppc", "2025-06-01").mature).toBe(false);
    expect(row(result, "ppc", "2025-01-01").mature).toBe(true);
  });

  it("totals a channel over its mature periods with spend", () => {
    // ppc: Jan + Feb + Mar (Jun immature; Apr has no spend): spend 1 000 + 1 400 + 1 600 = 4 000;
    // leads 2 + 0 + 2 = 4, all MQL and SQL; MQLs won: L1 L2 L6 L7 = 4; won deals D1 D5 D3 = 3 for
    // customers A1 A3 = 2; revenue 35 000. Cost per lead 1 000; per won deal 4 000 / 3 = 1 333.33;
    // CAC 4 000 / 2 = 2 000; revenue per unit of spend 35 000 / 4 000 = 8.75.
    const total = row(result, "ppc", null, true);
    expect([
      total.spend,
      total.leads,
      total.mqls,
      total.sqls,
      total.mql_won,
      total.won_deals,
      total.won_customers,
      total.won_revenue,
    ]).toEqual([4000, 4, 4, 4, 4, 3, 2, 35000]);
    expect(total.spend).toBeCloseTo(4000, 9);
    expect(total.cost_per_lead).toBeCloseTo(1000, 9);
    expect(total.cost_per_won_deal).toBeCloseTo(4000 / 3, 9);
    expect(total.cac).toBeCloseTo(2000, 9);
    expect(total.revenue_per_spend).toBeCloseTo(8.75, 9);
  });

  it("gives MQL → SQL and MQL → won by channel with Wilson intervals", () => {
    // ppc total: 4 of 4 MQLs reached SQL and were won: Wilson 95% (0.5101, 1).
    const { rates } = row(result, "ppc", null, true);
    expect([
      rates.mqlToSql.successes,
      rates.mqlToSql.n,
      rates.mqlToWon.successes,
      rates.mqlToWon.n,
    ]).toEqual([4, 4, 4, 4]);
    expect(rates.mqlToWon.low).toBeCloseTo(0.510109, 5);
    expect(rates.mqlToWon.high).toBe(1);
  });

  it("lists channels with spend but no leads, without merging them into anything", () => {
    // display (800) and "Paid Search" (200): the leads' "paid_search" is another spelling, kept apart.
    expect(result.spendWithoutLeads).toEqual([
      { channel: "Paid Search", spend: 200 },
      { channel: "display", spend: 800 },
    ]);
  });

  it("lists lead sources with no spend", () => {
    // paid_search L11; seo L3 L4 L5.
    expect(result.leadsWithoutSpend).toEqual([
      { channel: "paid_search", leads: 1 },
      { channel: "seo", leads: 3 },
    ]);
  });
});

describe("channelEconomics(db, { period: 'spend' })", () => {
  let result: ChannelEconomics;
  beforeAll(async () => {
    result = await channelEconomics(db, {
      period: "spend",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
  });

  it("uses the spend file's own periods, unsplit", () => {
    // S2 02-15..03-16: 3 000; leads created in it: L6 (03-03), L7 (03-05); won deal D3 ⇒ 3 000 per won deal.
    const s2 = row(result, "ppc", "2025-02-15");
    expect([
      s2.period_end?.toISOString().slice(0, 10),
      s2.spend,
      s2.leads,
      s2.won_deals,
      s2.cost_per_lead,
      s2.cost_per_won_deal,
    ]).toEqual(["2025-03-16", 3000, 2, 1, 1500, 3000]);
  });

  it("puts a lead outside every spend period of its source in a row of its own", () => {
    // L12 (ppc, 04-10) falls in no ppc spend period.
    const outside = row(result, "ppc", null);
    expect([outside.status, outside.leads, outside.spend, outside.mature]).toEqual([
      "leads_without_spend",
      1,
      null,
      null,
    ]);
  });

  it("gives the same channel total spend as the monthly view", () => {
    // Jan 1 000 + S2 3 000 (Jun immature) = 4 000.
    expect(row(result, "ppc", null, true).spend).toBe(4000);
  });

  it("sums spend exactly, whatever order the rows are added in", async () => {
    const cents = await Db.open(":memory:");
    try {
      await loadChannels(cents);
      // ten rows of 0.1 in one period: a DOUBLE sum gives 0.9999999999999999 (or another last
      // bit, depending on the order threads add in); the DECIMAL sum gives exactly 1
      for (let i = 0; i < 10; i++)
        await cents.run(
          "INSERT INTO spend VALUES ('2025-08-01', '2025-08-31', 'cents', 'cents', NULL, 0.1, 'spend.csv', $line)",
          { line: 100 + i },
        );
      await prepareLeadStages(cents);
      const r = await channelEconomics(cents, {
        period: "spend",
        asOf: AS_OF,
        maturityDays: MATURITY_DAYS,
      });
      expect(row(r, "cents", "2025-08-01").spend).toBe(1);
    } finally {
      cents.close();
    }
  });

  it("assigns a lead in overlapping spend periods to the latest-starting one", async () => {
    const overlap = await Db.open(":memory:");
    try {
      await loadChannels(overlap);
      await overlap.run(
        "INSERT INTO spend VALUES ('2025-03-01', '2025-03-31', 'ppc', 'ppc', NULL, 310, 'spend.csv', 7)",
      );
      await prepareLeadStages(overlap);
      const r = await channelEconomics(overlap, {
        period: "spend",
        asOf: AS_OF,
        maturityDays: MATURITY_DAYS,
      });
      // L6 (03-03) and L7 (03-05) are in both 02-15..03-16 and 03-01..03-31: the March period wins.
      expect([row(r, "ppc", "2025-03-01").leads, row(r, "ppc", "2025-02-15").leads]).toEqual([
        2, 0,
      ]);
    } finally {
      overlap.close();
    }
  });
});
