import { Db } from "../../src/db/index.js";
import type { BruteLead } from "./brute-force-sweep.js";

/**
 * Tiny hand-made canonical tables for backtest tests. `lead_labels` is created here in the
 * shape of the features stage's contract (queries/features/labels.sql): lead_id, created_at,
 * decision_at, period, handed_to_sales, sql (NULL = never handed to sales), sql_at, won,
 * won_at, won_amount, mature.
 */
export async function openFixtureDb(): Promise<Db> {
  const db = await Db.open(":memory:");
  await db.exec("load/schema");
  await db.run(`CREATE TABLE IF NOT EXISTS lead_labels (
    lead_id VARCHAR, created_at TIMESTAMP, decision_at TIMESTAMP, period VARCHAR,
    handed_to_sales BOOLEAN, sql BOOLEAN, sql_at TIMESTAMP, won BOOLEAN, won_at TIMESTAMP,
    won_amount DOUBLE, mature BOOLEAN)`);
  return db;
}

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 1);
export const at = (days: number): Date => new Date(T0 + days * DAY);
const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export interface LeadRow {
  lead_id: string;
  created_at?: Date | null;
  country?: string | null;
  employees?: number | null;
  title?: string | null;
  seniority?: string | null;
  count_page_view?: number | null;
}

export async function insertLeads(db: Db, leads: LeadRow[]): Promise<void> {
  for (const [i, lead] of leads.entries()) {
    await db.run(
      `INSERT INTO leads (lead_id, created_at, country, employees, title, seniority, count_page_view, source_file, source_line)
       VALUES ($id, $created::TIMESTAMP, $country, $employees, $title, $seniority, $pv, 'test', $line)`,
      {
        id: lead.lead_id,
        created: iso(lead.created_at === undefined ? at(0) : lead.created_at),
        country: lead.country ?? null,
        employees: lead.employees ?? null,
        title: lead.title ?? null,
        seniority: lead.seniority ?? null,
        pv: lead.count_page_view ?? null,
        line: i + 2,
      },
    );
  }
}

export async function insertActivities(
  db: Db,
  events: { lead_id: string; at: Date; type: string }[],
): Promise<void> {
  for (const [i, e] of events.entries()) {
    await db.run(
      `INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line)
       VALUES ($id, $at::TIMESTAMP, $type, 'test', $line)`,
      { id: e.lead_id, at: iso(e.at), type: e.type, line: i + 2 },
    );
  }
}

export interface LabelRow {
  lead_id: string;
  created_at?: Date | null;
  decision_at?: Date | null;
  period?: string | null;
  handed_to_sales?: boolean;
  sql?: boolean | null;
  sql_at?: Date | null;
  won?: boolean;
  won_at?: Date | null;
  won_amount?: number | null;
  mature?: boolean;
}

export async function insertLabels(db: Db, labels: LabelRow[]): Promise<void> {
  for (const l of labels) {
    const created = l.created_at === undefined ? at(0) : l.created_at;
    const decision =
      l.decision_at !== undefined
        ? l.decision_at
        : created
          ? new Date(created.getTime() + 30 * DAY)
          : null;
    const sql = l.sql === undefined ? false : l.sql;
    await db.run(
      `INSERT INTO lead_labels VALUES ($id, $created::TIMESTAMP, $decision::TIMESTAMP, $period,
        $handed, $sql, $sql_at::TIMESTAMP, $won, $won_at::TIMESTAMP, $amount, $mature)`,
      {
        id: l.lead_id,
        created: iso(created),
        decision: iso(decision),
        period: l.period ?? null,
        handed: l.handed_to_sales ?? sql !== null,
        sql,
        sql_at: iso(l.sql_at),
        won: l.won ?? false,
        won_at: iso(l.won_at),
        amount: l.won_amount ?? null,
        mature: l.mature ?? true,
      },
    );
  }
}

/** Put brute-force leads straight into bt_lead_score, bt_score_record and lead_labels. */
export async function insertScored(db: Db, leads: BruteLead[], model = "model"): Promise<void> {
  await db.exec("backtest/score-tables");
  await db.run("DELETE FROM bt_lead_score WHERE model_key = $model", { model });
  await db.run("DELETE FROM bt_score_record WHERE model_key = $model", { model });
  await db.run(
    `DELETE FROM lead_labels WHERE lead_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))`,
    { ids: JSON.stringify(leads.map((l) => l.lead_id)) },
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const scores = leads.map((l) => ({
    model_key: model,
    lead_id: l.lead_id,
    created_at: iso(l.created_at),
    fit_points: 0,
    count_points: 0,
    peak: Math.max(...l.records.map((r) => r.score)),
    gates_pass: l.gates_pass,
  }));
  await db.run(
    `INSERT INTO bt_lead_score SELECT unnest(from_json($rows, '[{"model_key":"VARCHAR","lead_id":"VARCHAR","created_at":"TIMESTAMP","fit_points":"DOUBLE","count_points":"DOUBLE","peak":"DOUBLE","gates_pass":"BOOLEAN"}]'), recursive := true)`,
    { rows: JSON.stringify(scores) },
  );
  const records = leads.flatMap((l) =>
    l.records.map((r, i) => ({
      model_key: model,
      lead_id: l.lead_id,
      t: iso(r.t),
      score_from: i === 0 ? null : l.records[i - 1]?.score,
      score: r.score,
    })),
  );
  await db.run(
    `INSERT INTO bt_score_record SELECT unnest(from_json($rows, '[{"model_key":"VARCHAR","lead_id":"VARCHAR","t":"TIMESTAMP","score_from":"DOUBLE","score":"DOUBLE"}]'), recursive := true)`,
    { rows: JSON.stringify(records) },
  );
  const labels = leads.map((l) => ({
    lead_id: l.lead_id,
    created_at: iso(l.created_at),
    decision_at: iso(l.decision_at),
    period: null,
    handed_to_sales: l.sql !== null,
    sql: l.sql,
    sql_at: iso(l.sql_at),
    won: l.won,
    won_at: iso(l.won_at),
    won_amount: l.won_amount,
    mature: l.mature,
  }));
  await db.run(
    `INSERT INTO lead_labels SELECT unnest(from_json($rows, '[{"lead_id":"VARCHAR","created_at":"TIMESTAMP","decision_at":"TIMESTAMP","period":"VARCHAR","handed_to_sales":"BOOLEAN","sql":"BOOLEAN","sql_at":"TIMESTAMP","won":"BOOLEAN","won_at":"TIMESTAMP","won_amount":"DOUBLE","mature":"BOOLEAN"}]'), recursive := true)`,
    { rows: JSON.stringify(labels) },
  );
}
