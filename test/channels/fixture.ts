/**
 * The channels data set: the funnel fixture (test/funnel/fixture.ts) plus spend, one more won
 * deal and two more leads.
 *
 * Extra leads:   L11 2025-01-15 paid_search (no spend under that spelling)
 *                L12 2025-04-10 ppc        (ppc has spend, but none in April)
 * Extra deal:    D5 won 5 000, account A1, linked to L2 (so ppc has 2 won deals, 1 customer in Jan)
 * Spend (source, period, amount):
 *   S1 ppc          2025-01-01..01-31  1 000
 *   S2 ppc          2025-02-15..03-16  3 000  (30 days: 14 in Feb → 1 400, 16 in Mar → 1 600)
 *   S3 events       2025-03-01..03-31    500
 *   S4 display      2025-01-01..01-31    800  (no lead at all)
 *   S5 ppc          2025-06-01..06-30    600  (immature: 06-30 + 1 + 30 days > as_of)
 *   S6 Paid Search  2025-01-01..01-31    200  (looks like paid_search)
 */
import type { Db } from "../../src/db/index.js";
import { insertRows, loadBase } from "../funnel/fixture.js";

const spend = (source: string, period_start: string, period_end: string, amount: number) => ({
  period_start,
  period_end,
  source,
  source_raw: source,
  amount,
  source_file: "spend.csv",
  source_line: 0,
});

export async function loadChannels(db: Db): Promise<void> {
  await loadBase(db);
  await insertRows(db, "leads", [
    {
      lead_id: "L11",
      created_at: "2025-01-15",
      source: "paid_search",
      source_raw: "paid_search",
      source_file: "leads.csv",
      source_line: 0,
    },
    {
      lead_id: "L12",
      created_at: "2025-04-10",
      source: "ppc",
      source_raw: "Google Ads",
      source_file: "leads.csv",
      source_line: 0,
    },
  ]);
  await insertRows(db, "deals", [
    {
      deal_id: "D5",
      account_id: "A1",
      created_at: "2025-01-25",
      closed_at: "2025-02-25",
      is_closed: true,
      is_won: true,
      amount: 5000,
      source_file: "deals.csv",
      source_line: 0,
    },
  ]);
  await insertRows(db, "deal_leads", [{ deal_id: "D5", lead_id: "L2", via: "deal" }]);
  await insertRows(db, "spend", [
    spend("ppc", "2025-01-01", "2025-01-31", 1000),
    spend("ppc", "2025-02-15", "2025-03-16", 3000),
    spend("events", "2025-03-01", "2025-03-31", 500),
    spend("display", "2025-01-01", "2025-01-31", 800),
    spend("ppc", "2025-06-01", "2025-06-30", 600),
    spend("Paid Search", "2025-01-01", "2025-01-31", 200),
  ]);
}
