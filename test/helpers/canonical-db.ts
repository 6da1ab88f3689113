import { Db } from "../../src/db/index.js";

/** An in-memory database with the canonical tables (queries/load/schema.sql), empty. */
export async function canonicalDb(): Promise<Db> {
  const db = await Db.open(":memory:");
  await db.exec("load/schema");
  return db;
}

export interface LeadRow {
  lead_id: string;
  created_at?: string | null;
  mql_at?: string | null;
  sql_at?: string | null;
  is_sales_accepted?: boolean | null;
  industry?: string | null;
  employees?: number | null;
  country?: string | null;
  title?: string | null;
  source?: string | null;
}

/** Insert hand-made leads; missing fields are NULL. */
export async function insertLeads(db: Db, rows: LeadRow[]): Promise<void> {
  for (const [i, r] of rows.entries()) {
    await db.run(
      `INSERT INTO leads (lead_id, created_at, mql_at, sql_at, is_sales_accepted, industry, employees, country, title, source, source_file, source_line)
       VALUES ($lead_id, $created_at::TIMESTAMP, $mql_at::TIMESTAMP, $sql_at::TIMESTAMP, $acc, $industry, $employees, $country, $title, $source, 'test.csv', $line)`,
      {
        lead_id: r.lead_id,
        created_at: r.created_at ?? null,
        mql_at: r.mql_at ?? null,
        sql_at: r.sql_at ?? null,
        acc: r.is_sales_accepted ?? null,
        industry: r.industry ?? null,
        employees: r.employees ?? null,
        country: r.country ?? null,
        title: r.title ?? null,
        source: r.source ?? null,
        line: i + 2,
      },
    );
  }
}

/** Insert a deal and credit it to leads. */
export async function insertDeal(
  db: Db,
  deal: {
    deal_id: string;
    lead_ids: string[];
    created_at?: string | null;
    closed_at?: string | null;
    is_won: boolean;
    amount?: number;
  },
): Promise<void> {
  await db.run(
    `INSERT INTO deals (deal_id, lead_id, created_at, closed_at, is_closed, is_won, amount, source_file, source_line)
     VALUES ($id, $lead, $created::TIMESTAMP, $closed::TIMESTAMP, $closed IS NOT NULL, $won, $amount, 'deals.csv', 2)`,
    {
      id: deal.deal_id,
      lead: deal.lead_ids[0] ?? null,
      created: deal.created_at ?? null,
      closed: deal.closed_at ?? null,
      won: deal.is_won,
      amount: deal.amount ?? null,
    },
  );
  for (const lead of deal.lead_ids) {
    await db.run("INSERT INTO deal_leads VALUES ($d, $l, 'deal')", { d: deal.deal_id, l: lead });
  }
}

/** Insert activities: [lead_id, occurred_at, type]. */
export async function insertActivities(db: Db, rows: [string, string, string][]): Promise<void> {
  for (const [lead, at, type] of rows) {
    await db.run(
      "INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line) VALUES ($l, $a::TIMESTAMP, $t, 'act.csv', 2)",
      { l: lead, a: at, t: type },
    );
  }
}
