/**
 * A tiny hand-made data set on the canonical tables (queries/load/schema.sql), shared by the
 * funnel and channels tests. Every expected figure in those tests is worked out by hand from
 * the rows below; the comments there show the arithmetic.
 *
 * Leads (created, source, owner, mql, sql, other):
 *   L1  2025-01-02 ppc    ann  mql 01-05      sql 01-10          deal D1 won (opened 01-20, closed 02-19, 10 000, account A1)
 *   L2  2025-01-03 ppc    ann  mql 01-06      is_sales_accepted  no deal
 *   L3  2025-01-10 seo    bob  mql 01-11      sql 01-13          opportunity 01-23, deal D2 lost
 *   L4  2025-01-15 seo    bob  —
 *   L5  2025-01-20 seo    —    —              sql 01-25          (sales-sourced: SQL without MQL)
 *   L6  2025-03-03 ppc    ann  mql 03-03 12h  sql 03-04          deal D3 won (opened 03-10, closed 04-02, 20 000, account A3)
 *   L7  2025-03-05 ppc    bob  mql 03-06      —                  deal D3 too; disqualified 03-05 12h
 *   L8  2025-03-20 events ann  mql 03-21      —                  disqualified 03-19
 *   L9  2025-06-10 ppc    ann  mql 06-11      —                  first touch 07-05 (after as_of)
 *   L10 2025-06-29 ppc    ann  mql 06-30 12h  —
 * as_of 2025-06-30 (data through the end of that day: 2025-07-01T00:00Z), maturity 30 days.
 */
import type { Db } from "../../src/db/index.js";

type Row = Record<string, string | number | boolean | null>;

export async function insertRows(db: Db, table: string, rows: readonly Row[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    const names = columns.map((c) => `"${c}"`).join(", ");
    const values = columns.map((c) => `$${c}`).join(", ");
    await db.run(`INSERT INTO ${table} (${names}) VALUES (${values})`, row);
  }
}

const lead = (row: Row): Row => ({ source_file: "leads.csv", source_line: 0, ...row });
const deal = (row: Row): Row => ({ source_file: "deals.csv", source_line: 0, ...row });
export const activity = (lead_id: string, occurred_at: string, type: string): Row => ({
  lead_id,
  occurred_at,
  type,
  source_file: "activities.csv",
  source_line: 0,
});

export const AS_OF = new Date("2025-07-01T00:00:00.000Z");
export const MATURITY_DAYS = 30;

export const BASE_LEADS: Row[] = [
  lead({
    lead_id: "L1",
    created_at: "2025-01-02",
    source: "ppc",
    source_raw: "PPC",
    owner: "ann",
    mql_at: "2025-01-05",
    sql_at: "2025-01-10",
    first_touch_at: "2025-01-06",
    country: "US",
    industry: "Software",
    employees: 200,
    account_id: "A1",
  }),
  lead({
    lead_id: "L2",
    created_at: "2025-01-03",
    source: "ppc",
    source_raw: "ppc",
    owner: "ann",
    mql_at: "2025-01-06",
    is_sales_accepted: true,
    country: "us",
    industry: "software",
    employees: 100,
    account_id: "A1",
  }),
  lead({
    lead_id: "L3",
    created_at: "2025-01-10",
    source: "seo",
    source_raw: "seo",
    owner: "bob",
    mql_at: "2025-01-11",
    sql_at: "2025-01-13",
    opportunity_at: "2025-01-23",
    first_touch_at: "2025-01-10",
    country: "DE",
    industry: "Software",
    employees: 300,
  }),
  lead({ lead_id: "L4", created_at: "2025-01-15", source: "seo", source_raw: "seo", owner: "bob" }),
  lead({
    lead_id: "L5",
    created_at: "2025-01-20",
    source: "seo",
    source_raw: "seo",
    sql_at: "2025-01-25",
  }),
  lead({
    lead_id: "L6",
    created_at: "2025-03-03",
    source: "ppc",
    source_raw: "ppc",
    owner: "ann",
    mql_at: "2025-03-03 12:00",
    sql_at: "2025-03-04",
    country: "US",
    industry: "Retail",
    employees: 400,
    account_id: "A3",
  }),
  lead({
    lead_id: "L7",
    created_at: "2025-03-05",
    source: "ppc",
    source_raw: "ppc",
    owner: "bob",
    mql_at: "2025-03-06",
    disqualified_at: "2025-03-05 12:00",
    country: "UK",
    industry: "Software",
    employees: 20,
    account_id: "A3",
  }),
  lead({
    lead_id: "L8",
    created_at: "2025-03-20",
    source: "events",
    source_raw: "events",
    owner: "ann",
    mql_at: "2025-03-21",
    disqualified_at: "2025-03-19",
  }),
  lead({
    lead_id: "L9",
    created_at: "2025-06-10",
    source: "ppc",
    source_raw: "ppc",
    owner: "ann",
    mql_at: "2025-06-11",
    first_touch_at: "2025-07-05",
    country: "US",
    industry: "Software",
    employees: 10000,
  }),
  lead({
    lead_id: "L10",
    created_at: "2025-06-29",
    source: "ppc",
    source_raw: "ppc",
    owner: "ann",
    mql_at: "2025-06-30 12:00",
    country: "US",
    industry: "Software",
    employees: 50,
  }),
];

export const BASE_DEALS: Row[] = [
  deal({
    deal_id: "D1",
    lead_id: "L1",
    account_id: "A1",
    created_at: "2025-01-20",
    closed_at: "2025-02-19",
    is_closed: true,
    is_won: true,
    amount: 10000,
  }),
  deal({
    deal_id: "D2",
    lead_id: "L3",
    created_at: "2025-01-23",
    closed_at: "2025-02-10",
    is_closed: true,
    is_won: false,
    amount: 7000,
  }),
  deal({
    deal_id: "D3",
    lead_id: "L6",
    account_id: "A3",
    created_at: "2025-03-10",
    closed_at: "2025-04-02",
    is_closed: true,
    is_won: true,
    amount: 20000,
  }),
];

export const BASE_DEAL_LEADS: Row[] = [
  { deal_id: "D1", lead_id: "L1", via: "deal" },
  { deal_id: "D2", lead_id: "L3", via: "deal" },
  { deal_id: "D3", lead_id: "L6", via: "deal" },
  { deal_id: "D3", lead_id: "L7", via: "deal" },
];

export const BASE_ACTIVITIES: Row[] = [
  activity("L1", "2025-01-05 00:00", "form_submit"),
  activity("L2", "2025-01-04 10:00", "page_view"),
  activity("L2", "2025-01-05 15:00", "form_submit"),
  activity("L2", "2025-01-06 12:00", "email_click"),
  activity("L2", "2025-01-09 00:00", "call"),
  activity("L3", "2025-01-10 03:00", "page_view"),
  activity("L3", "2025-01-10 08:00", "content_download"),
  activity("L3", "2025-01-10 09:00", "form_submit"),
  activity("L6", "2025-03-03 09:00", "page_view"),
  activity("L6", "2025-03-03 10:00", "page_view"),
  activity("L6", "2025-03-03 11:00", "demo_request"),
  activity("L6", "2025-03-05 12:00", "meeting"),
  activity("L7", "2025-03-05 10:00", "page_view"),
  activity("L8", "2025-03-20 00:00", "call"),
  activity("L8", "2025-03-20 12:00", "webinar"),
  activity("L8", "2025-03-22 00:00", "call"),
  activity("L10", "2025-06-30 12:00", "form_submit"),
];

/** The base data set in a fresh in-memory database with the canonical schema. */
export async function loadBase(db: Db, options: { activities?: boolean } = {}): Promise<void> {
  await db.exec("load/schema");
  await insertRows(db, "leads", BASE_LEADS);
  await insertRows(db, "deals", BASE_DEALS);
  await insertRows(db, "deal_leads", BASE_DEAL_LEADS);
  if (options.activities !== false) await insertRows(db, "activities", BASE_ACTIVITIES);
}
