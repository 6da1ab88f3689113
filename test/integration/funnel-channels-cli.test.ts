import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { writeFiles } from "../helpers/db.js";

// End to end: canonical CSV exports → handoff load → handoff funnel / channels.
//   A1 2025-01-02 "Paid Search"  MQL 01-03, SQL 01-06, deal D1 won 12 000 (closed 02-20)
//   A2 2025-01-05 "paid_search"  MQL 01-07                (a spelling the mapping misses)
//   A3 2025-01-09 "PPC"          (mapped to Paid Search)
//   A4 2025-02-11 "Webinar"      MQL 02-12, SQL 02-14, deal D2 open
// Spend: Paid Search January 900, February 300. as_of 2025-06-30, maturity 30 days.
let dir: string;
let args: string[];
beforeAll(() => {
  dir = writeFiles({
    "leads.csv": [
      "lead_id,created_at,source,owner,mql_at,sql_at,first_touch_at",
      "A1,2025-01-02,Paid Search,ann,2025-01-03,2025-01-06,2025-01-03 10:00",
      "A2,2025-01-05,paid_search,bob,2025-01-07,,",
      "A3,2025-01-09,PPC,ann,,,",
      "A4,2025-02-11,Webinar,bob,2025-02-12,2025-02-14,2025-02-15",
      "",
    ].join("\n"),
    "deals.csv": [
      "deal_id,lead_ids,created_at,closed_at,stage,is_closed,is_won,amount",
      "D1,A1,2025-01-08,2025-02-20,Closed Won,true,true,12000",
      "D2,A4,2025-02-16,,Proposal,false,false,8000",
      "",
    ].join("\n"),
    "spend.csv": [
      "period_start,period_end,source,amount",
      "2025-01-01,2025-01-31,Paid Search,900",
      "2025-02-01,2025-02-28,Paid Search,300",
      "",
    ].join("\n"),
    "handoff.yaml": [
      "sources:",
      "  leads: { path: leads.csv }",
      "  deals: { path: deals.csv }",
      "  spend: { path: spend.csv }",
      "windows:",
      '  as_of: "2025-06-30"',
      "  maturity_days: 30",
      "values:",
      "  sources:",
      "    PPC: Paid Search",
      "",
    ].join("\n"),
  });
  args = ["--db", join(dir, "handoff.duckdb"), "--config", join(dir, "handoff.yaml")];
  const load = runCli([...args, "--quiet", "load"], { cwd: dir });
  if (load.code !== 0) throw new Error(`load failed: ${load.stderr}`);
});

describe("handoff funnel", () => {
  it("prints the cohort funnel as JSON", () => {
    const result = runCli([...args, "--json", "funnel"], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // January: A1 A2 A3 = 3 leads, 2 MQLs, 1 SQL, 1 opportunity, 1 won; February: A4 = 1, 1, 1, 1
    // (open deal D2), 0 won; total 4, 3, 2, 2, 1.
    const counts = report.cohorts.map((r: Record<string, number>) => [
      r.leads,
      r.mqls,
      r.sqls,
      r.opportunities,
      r.won,
    ]);
    expect(counts).toEqual([
      [3, 2, 1, 1, 1],
      [1, 1, 1, 1, 0],
      [4, 3, 2, 2, 1],
    ]);
    expect(report.windows.asOf).toBe("2025-07-01T00:00:00.000Z");
  });

  it("exits 1 with the columns it knows for a bad --by", () => {
    const result = runCli([...args, "funnel", "--by", "sourse"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: --by "sourse" is not a column of the leads table/);
  });

  it("exits 1 for a rate outside (0, 1]", () => {
    const result = runCli([...args, "funnel", "--win-rate", "25"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--win-rate must be a rate between 0 and 1/);
  });
});

describe("handoff channels", () => {
  it("joins spend to leads and warns about the look-alike spelling", () => {
    const result = runCli([...args, "channels"], { cwd: dir });
    expect(result.code).toBe(0);
    // Paid Search January: 900 for A1 and A3 ⇒ 450 a lead; A1 the one MQL ⇒ 900 an MQL, SQL and
    // won deal; revenue 12 000 / 900 = 13.33. February: 300 with no lead.
    expect(result.stdout).toMatch(
      /^Paid Search +2025-01-01…2025-01-31 +matched +900 +2 +1 +1 +1 +450 +900 +900 +900 +900 +13\.33 +yes$/m,
    );
    expect(result.stdout).toMatch(
      /^Paid Search +2025-02-01…2025-02-28 +spend without leads +300 +0 /m,
    );
    expect(result.stdout).toContain(
      "Lead sources with no spend:\n- Webinar: 1 lead\n- paid_search: 1 lead",
    );
    expect(result.stderr).toMatch(
      /warning: channel names "Paid Search" and "paid_search" differ only in case or punctuation/,
    );
  });
});
