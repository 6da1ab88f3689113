import type { Db } from "../../src/db/index.js";
import { canonicalDb } from "./canonical-db.js";

/**
 * A synthetic loaded database with planted effects, generated in SQL from hashes (the same
 * every run): 4,000 leads created over 2024-01-01 .. 2025-12-31.
 * - seniority (from title) and a "hot" latent that drives pricing_view events both raise the
 *   won probability: p = 0.03 + 0.12·hot + 0.08·senior (C-level, VP, Director);
 * - `noise`, an extra export column, is independent of everything (IV must be < 0.02);
 * - won deals close 20–80 days after the decision time (creation + 30 days).
 * `dates: false` gives a flat export: no created_at, no activities, count_page_view on the row.
 */
export async function plantedDb(
  options: { dates: boolean; leads?: number } = { dates: true },
): Promise<Db> {
  const db = await canonicalDb();
  await db.run("ALTER TABLE leads ADD COLUMN noise VARCHAR");
  await db.run(
    "INSERT INTO column_catalog VALUES ('leads', 'noise', 'Favourite colour', 'extra', 'VARCHAR')",
  );
  await db.run(
    `
    CREATE TEMP TABLE gen AS
    SELECT i,
           'L' || lpad(CAST(i AS VARCHAR), 7, '0') AS lead_id,
           TIMESTAMP '2024-01-01' + to_days(CAST(hash('day:' || i) % 730 AS INTEGER)) AS created_at,
           (hash('hot:' || i) % 1000) / 1000.0 < 0.3 AS hot,
           ['CEO & Founder', 'VP, Marketing', 'Sr. Director of Demand Gen', 'Marketing Manager', 'Marketing Specialist', 'Intern'][1 + CAST(hash('title:' || i) % 6 AS INTEGER)] AS title,
           ['red', 'green', 'blue', 'amber'][1 + CAST(hash('noise:' || i) % 4 AS INTEGER)] AS noise,
           (hash('won:' || i) % 10000) / 10000.0 AS u_won,
           (hash('views:' || i) % 1000) / 1000.0 AS u_views,
           20 + CAST(hash('close:' || i) % 61 AS INTEGER) AS close_days
    FROM range($n) t(i)
  `,
    { n: options.leads ?? 4000 },
  );
  await db.run(
    `
    INSERT INTO leads (lead_id, created_at, title, noise, country, employees, mql_at, count_page_view, source_file, source_line)
    SELECT lead_id, CASE WHEN $dates THEN created_at END, title, noise,
           ['US', 'GB', 'DE'][1 + CAST(hash('country:' || i) % 3 AS INTEGER)],
           10 + hash('emp:' || i) % 2000,
           CASE WHEN $dates AND (hot OR u_views < 0.2) THEN created_at + INTERVAL 10 DAY END,
           CASE WHEN NOT $dates THEN (CASE WHEN hot THEN 3 ELSE 0 END) + (CASE WHEN u_views < 0.2 THEN 1 ELSE 0 END) END,
           'leads.csv', i + 2
    FROM gen`,
    { dates: options.dates },
  );
  if (options.dates) {
    // hot leads view pricing three times before the decision time; 20% of all leads once
    await db.run(`
      INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line)
      SELECT lead_id, created_at + to_days(2 + k * 5), 'pricing_view', 'act.csv', i
      FROM gen, range(3) r(k) WHERE hot
      UNION ALL
      SELECT lead_id, created_at + INTERVAL 3 DAY, 'pricing_view', 'act.csv', i FROM gen WHERE u_views < 0.2
      UNION ALL
      SELECT lead_id, created_at + INTERVAL 4 DAY, 'email_open', 'act.csv', i FROM gen WHERE hash('open:' || i) % 2 = 0
    `);
  }
  await db.run(`
    CREATE TEMP TABLE won AS
    SELECT g.*, seniority_flag FROM (
      SELECT *, title IN ('CEO & Founder', 'VP, Marketing', 'Sr. Director of Demand Gen') AS seniority_flag FROM gen
    ) g
    WHERE u_won < 0.03 + 0.12 * CAST(hot AS INTEGER) + 0.08 * CAST(seniority_flag AS INTEGER)
  `);
  await db.run(
    `
    INSERT INTO deals (deal_id, lead_id, created_at, closed_at, is_closed, is_won, amount, source_file, source_line)
    SELECT 'D' || lead_id, lead_id,
           CASE WHEN $dates THEN created_at + INTERVAL 35 DAY END,
           CASE WHEN $dates THEN created_at + to_days(30 + close_days) END,
           TRUE, TRUE, 10000, 'deals.csv', i + 2
    FROM won`,
    { dates: options.dates },
  );
  await db.run("INSERT INTO deal_leads SELECT deal_id, lead_id, 'deal' FROM deals");
  return db;
}

/** The planted data set written to a database file, for tests that drive the CLI on it. */
export async function savePlantedDb(dates: boolean, file: string): Promise<void> {
  const db = await plantedDb({ dates });
  await db.run(`ATTACH '${file}' AS out`);
  await db.run("COPY FROM DATABASE memory TO out");
  await db.run("DETACH out");
  db.close();
}
