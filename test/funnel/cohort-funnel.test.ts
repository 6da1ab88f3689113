import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { type CohortFunnelRow, cohortFunnel } from "../../src/funnel/cohort-funnel.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import { AS_OF, loadBase, MATURITY_DAYS } from "./fixture.js";

// The data set and its stages are in ./fixture.ts. Stage membership per lead:
//   L1 MQL SQL Opp(D1) Won(D1)     L2 MQL SQL(accepted)     L3 MQL SQL Opp(D2 lost, opportunity_at)
//   L4 —   L5 SQL without MQL      L6 MQL SQL Opp(D3) Won   L7 MQL, D3 ⇒ SQL Opp Won (cumulative)
//   L8 MQL   L9 MQL   L10 MQL
let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await loadBase(db);
  await prepareLeadStages(db);
});
afterAll(() => db.close());

const month = (rows: CohortFunnelRow[], start: string | null, segment = "(all)") => {
  const row = rows.find(
    (r) =>
      r.segment === segment &&
      (start === null ? r.is_total : r.cohort_start?.toISOString().slice(0, 10) === start),
  );
  if (!row) throw new Error(`no row ${segment} ${start}`);
  return row;
};

describe("cohortFunnel(db, { grain: 'month' })", () => {
  let rows: CohortFunnelRow[];
  beforeAll(async () => {
    rows = await cohortFunnel(db, {
      grain: "month",
      by: undefined,
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
  });

  it("returns one row per cohort with leads, in order, then the total", () => {
    expect(
      rows.map((r) => [r.cohort_start?.toISOString().slice(0, 10) ?? "total", r.is_total]),
    ).toEqual([
      ["2025-01-01", false],
      ["2025-03-01", false],
      ["2025-06-01", false],
      ["total", true],
    ]);
  });

  it("counts the January cohort stage by stage", () => {
    // Jan: L1..L5 = 5 leads; MQLs L1 L2 L3 = 3; SQL among MQLs: L1 (sql_at), L2 (accepted), L3 = 3;
    // Opportunity: L1 (deal D1), L3 (opportunity_at + D2) = 2; Won: L1 = 1; L5 reached SQL without MQL.
    const jan = month(rows, "2025-01-01");
    expect([
      jan.leads,
      jan.mqls,
      jan.sqls,
      jan.opportunities,
      jan.won,
      jan.sql_without_mql,
    ]).toEqual([5, 3, 3, 2, 1, 1]);
  });

  it("counts a won deal's leads as SQL and Opportunity even without those dates", () => {
    // Mar: L6 L7 L8; L7 has no sql_at but is linked to won D3 ⇒ SQL, Opp and Won: sqls = opps = won = 2.
    const mar = month(rows, "2025-03-01");
    expect([mar.leads, mar.mqls, mar.sqls, mar.opportunities, mar.won]).toEqual([3, 3, 2, 2, 2]);
  });

  it("takes medians of days between stages over MQLs with both dates", () => {
    // Jan lead→MQL: L1 3, L2 3, L3 1 ⇒ 3. MQL→SQL: L1 01-05→01-10 = 5, L3 01-11→01-13 = 2 ⇒ 3.5.
    // SQL→Opp: L1 01-10→01-20 (D1 opened) = 10, L3 01-13→01-23 = 10 ⇒ 10. Opp→Won: L1 01-20→02-19 = 30.
    // MQL→Won: L1 01-05→02-19 = 45.
    const jan = month(rows, "2025-01-01");
    expect([
      jan.days_lead_to_mql,
      jan.days_mql_to_sql,
      jan.days_sql_to_opportunity,
      jan.days_opportunity_to_won,
      jan.days_mql_to_won,
    ]).toEqual([3, 3.5, 10, 30, 45]);
  });

  it("measures part days: March MQL→Won median of 29.5 and 27 days is 28.25", () => {
    // L6 mql 03-03 12:00 → D3 closed 04-02 = 29.5 days; L7 03-06 → 04-02 = 27 days.
    expect(month(rows, "2025-03-01").days_mql_to_won).toBe(28.25);
  });

  it("counts a deal credited to two leads once in the won deal size", () => {
    // D3 (20 000) is linked to L6 and L7: 1 won deal, 20 000, not 2 and 40 000.
    const mar = month(rows, "2025-03-01");
    expect([mar.won_deals, mar.won_revenue, mar.avg_won_deal_size]).toEqual([1, 20000, 20000]);
  });

  it("marks a cohort whose end plus the maturity window is after as-of immature", () => {
    // Jun cohort ends 07-01; 07-01 + 30 days = 07-31 > as_of 07-01 ⇒ immature. Mar: 04-01 + 30 ≤ 07-01.
    expect([
      month(rows, "2025-01-01").mature,
      month(rows, "2025-03-01").mature,
      month(rows, "2025-06-01").mature,
    ]).toEqual([true, true, false]);
  });

  it("totals the mature cohorts only", () => {
    // Jan + Mar: leads 5+3 = 8, MQLs 3+3 = 6, SQL 3+2 = 5, Opp 2+2 = 4, Won 1+2 = 3; Jun (2 leads) left out.
    const total = month(rows, null);
    expect([
      total.leads,
      total.mqls,
      total.sqls,
      total.opportunities,
      total.won,
      total.sql_without_mql,
    ]).toEqual([8, 6, 5, 4, 3, 1]);
    // Won deals D1 (10 000) and D3 (20 000): 2 deals, 30 000, average 15 000.
    expect([total.won_deals, total.won_revenue, total.avg_won_deal_size]).toEqual([
      2, 30000, 15000,
    ]);
  });

  it("takes the total's medians over the pooled leads, not the cohorts' medians", () => {
    // lead→MQL {3,3,1,0.5,1,1} ⇒ 1; MQL→SQL {5,2,0.5} ⇒ 2; SQL→Opp {10,10,6} ⇒ 10;
    // Opp→Won {30,23,23} ⇒ 23; MQL→Won {45,29.5,27} ⇒ 29.5.
    const total = month(rows, null);
    expect([
      total.days_lead_to_mql,
      total.days_mql_to_sql,
      total.days_sql_to_opportunity,
      total.days_opportunity_to_won,
      total.days_mql_to_won,
    ]).toEqual([1, 2, 10, 23, 29.5]);
  });

  it("gives stage-to-stage and end-to-end rates with 95% Wilson intervals", () => {
    const { rates } = month(rows, null);
    expect(
      [rates.leadToMql, rates.mqlToSql, rates.sqlToOpportunity, rates.opportunityToWon].map((r) => [
        r.successes,
        r.n,
      ]),
    ).toEqual([
      [6, 8],
      [5, 6],
      [4, 5],
      [3, 4],
    ]);
    expect([
      rates.leadToWon.successes,
      rates.leadToWon.n,
      rates.mqlToWon.successes,
      rates.mqlToWon.n,
    ]).toEqual([3, 8, 3, 6]);
    // MQL→Won 3/6: Wilson 95% (0.18762, 0.81238), as statsmodels proportion_confint(3, 6, method="wilson").
    expect(rates.mqlToWon.estimate).toBe(0.5);
    expect(rates.mqlToWon.low).toBeCloseTo(0.187616, 5);
    expect(rates.mqlToWon.high).toBeCloseTo(0.812384, 5);
  });
});

describe("cohortFunnel(db, { maturityDays }) at the boundary", () => {
  // March cohort ends 2025-04-01 (exclusive); as_of is 2025-07-01: 91 days later.
  it("is mature when cohort end + maturity equals as-of", async () => {
    const rows = await cohortFunnel(db, {
      grain: "month",
      by: undefined,
      asOf: AS_OF,
      maturityDays: 91,
    });
    expect(month(rows, "2025-03-01").mature).toBe(true);
  });
  it("is immature one day later, and leaves the total", async () => {
    const rows = await cohortFunnel(db, {
      grain: "month",
      by: undefined,
      asOf: AS_OF,
      maturityDays: 92,
    });
    expect(month(rows, "2025-03-01").mature).toBe(false);
    // Only January (92 days after 02-01 is 05-04 ≤ 07-01) is left in the total: 5 leads.
    expect(month(rows, null).leads).toBe(5);
  });
});

describe("cohortFunnel(db, { grain })", () => {
  it("groups quarters: Q1 holds January and March, Q2 June", async () => {
    const rows = await cohortFunnel(db, {
      grain: "quarter",
      by: undefined,
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
    // Q1: 5 + 3 = 8 leads, ends 04-01 (mature); Q2: L9 L10, ends 07-01 + 30 > as_of (immature).
    expect(
      rows.map((r) => [r.cohort_start?.toISOString().slice(0, 10) ?? "total", r.leads, r.mature]),
    ).toEqual([
      ["2025-01-01", 8, true],
      ["2025-04-01", 2, false],
      ["total", 8, true],
    ]);
  });

  it("starts weeks on Monday", async () => {
    const rows = await cohortFunnel(db, {
      grain: "week",
      by: undefined,
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
    // L1 (Thu 2025-01-02) and L2 (Fri 01-03) fall in the week of Mon 2024-12-30, which ends 2025-01-06.
    const first = rows[0];
    expect([
      first?.cohort_start?.toISOString().slice(0, 10),
      first?.cohort_end?.toISOString().slice(0, 10),
      first?.leads,
    ]).toEqual(["2024-12-30", "2025-01-06", 2]);
  });
});

describe("cohortFunnel(db, { by })", () => {
  let rows: CohortFunnelRow[];
  beforeAll(async () => {
    rows = await cohortFunnel(db, {
      grain: "month",
      by: "source",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
  });

  it("breaks the funnel down by a lead column, with a total per segment", () => {
    // ppc: Jan L1 L2, Mar L6 L7, Jun L9 L10 (immature) ⇒ total 4 leads, 4 MQLs, 4 SQLs, 3 opps
    // (L1, L6, L7), 3 won; deals D1 and D3 ⇒ average 15 000.
    const ppc = month(rows, null, "ppc");
    expect([
      ppc.leads,
      ppc.mqls,
      ppc.sqls,
      ppc.opportunities,
      ppc.won,
      ppc.won_deals,
      ppc.avg_won_deal_size,
    ]).toEqual([4, 4, 4, 3, 3, 2, 15000]);
    // seo: L3 L4 L5 in January ⇒ 3 leads, 1 MQL (L3), 1 SQL, 1 opp, 0 won, L5 SQL without MQL.
    const seo = month(rows, null, "seo");
    expect([
      seo.leads,
      seo.mqls,
      seo.sqls,
      seo.opportunities,
      seo.won,
      seo.sql_without_mql,
    ]).toEqual([3, 1, 1, 1, 0, 1]);
    expect(seo.avg_won_deal_size).toBeNull();
  });

  it("labels empty values '(missing)'", async () => {
    const byOwner = await cohortFunnel(db, {
      grain: "month",
      by: "owner",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
    // L5 has no owner.
    expect(month(byOwner, null, "(missing)").leads).toBe(1);
  });

  it("segments by a numeric column as text", async () => {
    const byEmployees = await cohortFunnel(db, {
      grain: "quarter",
      by: "employees",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
    });
    expect(month(byEmployees, null, "200.0").leads).toBe(1);
  });
});
