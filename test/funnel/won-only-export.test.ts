import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { observabilityOf, readExportShape } from "../../src/funnel/export-shape.js";
import { buildFunnelReport, type FunnelReport } from "../../src/funnel/funnel-report.js";
import { renderFunnel } from "../../src/funnel/render-funnel.js";
import { insertRows } from "./fixture.js";

// A flat export as some CRMs give it: every lead is an MQL, the deals file lists won deals only,
// no SQL dates, no activities, no first-touch dates.
//   W1 2025-01-05 mql 01-06   won E1 (opened 02-01, closed 03-01, 8 000)
//   W2 2025-01-10 mql 01-12
//   W3 2025-01-20 mql 01-21
//   W4 2025-02-03 mql 02-04   won E2 (opened 02-20, closed 03-20, 12 000)
// as_of 2025-06-30, maturity 30 days: both cohorts mature.
const lead = (lead_id: string, created_at: string, mql_at: string) => ({
  lead_id,
  created_at,
  mql_at,
  source: "ppc",
  source_file: "contacts.csv",
  source_line: 0,
});
const deal = (deal_id: string, created_at: string, closed_at: string, amount: number) => ({
  deal_id,
  created_at,
  closed_at,
  amount,
  is_closed: true,
  is_won: true,
  source_file: "deals.csv",
  source_line: 0,
});

let db: Db;
let report: FunnelReport;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await db.exec("load/schema");
  await insertRows(db, "leads", [
    lead("W1", "2025-01-05", "2025-01-06"),
    lead("W2", "2025-01-10", "2025-01-12"),
    lead("W3", "2025-01-20", "2025-01-21"),
    lead("W4", "2025-02-03", "2025-02-04"),
  ]);
  await insertRows(db, "deals", [
    deal("E1", "2025-02-01", "2025-03-01", 8000),
    deal("E2", "2025-02-20", "2025-03-20", 12000),
  ]);
  await insertRows(db, "deal_leads", [
    { deal_id: "E1", lead_id: "W1", via: "deal" },
    { deal_id: "E2", lead_id: "W4", via: "deal" },
  ]);
  report = await buildFunnelReport(db, {
    grain: "month",
    by: undefined,
    slaHours: 48,
    touchTypes: ["call", "meeting"],
    formTypes: ["form_submit", "content_download"],
    intentTypes: ["demo_request"],
    sessionMinEvents: 3,
    timezone: "UTC",
    targets: {},
    icp: undefined,
    windows: { decision: "created", scoring_days: 30, maturity_days: 30, as_of: "2025-06-30" },
  });
});
afterAll(() => db.close());

describe("observabilityOf(shape) on a won-only, MQL-only export", () => {
  it("says Lead → MQL is not observable when every lead is an MQL", async () => {
    const obs = observabilityOf(await readExportShape(db));
    expect(obs.leadToMql).toMatch(/every one of the 4 leads has an MQL date/);
  });

  it("says Opportunity is not observable when the deals file lists won deals only", async () => {
    expect(observabilityOf(await readExportShape(db)).opportunity).toMatch(/only won deals/);
  });

  it("says SQL comes only from opportunities when no lead has SQL information", async () => {
    expect(observabilityOf(await readExportShape(db)).sql).toMatch(/lower bound/);
  });

  it("observes all three on an export with non-MQL leads, lost deals and SQL dates", () => {
    const obs = observabilityOf({
      leads: 10,
      leads_with_created_at: 10,
      mqls: 6,
      leads_with_sql_info: 3,
      leads_with_opportunity_at: 0,
      deals: 4,
      won_deals: 2,
      other_deals: 2,
      linked_leads: 4,
      activities: 0,
      leads_with_first_touch: 0,
      leads_disqualified: 0,
      spend_rows: 0,
    });
    expect([obs.leadToMql, obs.sql, obs.opportunity, obs.notes]).toEqual([null, null, null, []]);
  });
});

describe("buildFunnelReport(db, settings) on a won-only, MQL-only export", () => {
  it("still counts the funnel: won leads reach SQL and Opportunity through their deal", () => {
    // Jan: W1 W2 W3 ⇒ 3 leads, 3 MQLs, SQL = Opp = Won = W1 ⇒ 1; Feb: W4 ⇒ 1 of each.
    expect(
      report.cohorts
        .filter((r) => !r.is_total)
        .map((r) => [r.leads, r.mqls, r.sqls, r.opportunities, r.won]),
    ).toEqual([
      [3, 3, 1, 1, 1],
      [1, 1, 1, 1, 1],
    ]);
  });

  it("gives MQL → Won end to end: 2 of 4", () => {
    const total = report.cohorts.find((r) => r.is_total);
    expect([total?.rates.mqlToWon.successes, total?.rates.mqlToWon.n]).toEqual([2, 4]);
  });

  it("does not print 100% for Lead → MQL or for Opportunity → Won", () => {
    const text = renderFunnel(report);
    const jan = text.split("\n").find((line) => line.startsWith("2025-01 "));
    expect(jan).toBeDefined();
    expect(jan).not.toMatch(/100\.0%/);
    expect(jan?.match(/n\/o/g)?.length).toBe(4); // Opp count, Lead→MQL, SQL→Opp, Opp→Won
    expect(text).toMatch(/Lead → MQL is not observable/);
  });

  it("says the SLA cannot be computed without first-touch dates or activities", () => {
    expect(report.sla).toEqual({
      notComputable:
        "the SLA needs a first-touch date on leads (first_touch_at) or an activities file with sales touches",
    });
  });

  it("says which MQL failure modes cannot be computed", () => {
    expect(report.failureModes.filter((r) => !r.computable).map((r) => r.mode)).toEqual([
      "form_fill_only",
      "single_session",
      "persona_mismatch",
      "recycled",
    ]);
  });
});

describe("buildFunnelReport(db, settings) on an export without create dates", () => {
  it("stops with a message that says what is missing and how to fix it", async () => {
    const flat = await Db.open(":memory:");
    try {
      await flat.exec("load/schema");
      await insertRows(flat, "leads", [
        { lead_id: "F1", source_file: "contacts.csv", source_line: 2 },
      ]);
      await expect(
        buildFunnelReport(flat, {
          grain: "month",
          by: undefined,
          slaHours: 48,
          touchTypes: ["call"],
          formTypes: ["form_submit"],
          intentTypes: [],
          sessionMinEvents: 3,
          timezone: "UTC",
          targets: {},
          icp: undefined,
          windows: { decision: "created", scoring_days: 30, maturity_days: 30 },
        }),
      ).rejects.toThrow(
        /no lead has a create date, so creation cohorts cannot be formed: map the create-date column/,
      );
    } finally {
      flat.close();
    }
  });
});
