/**
 * Benchmark of the threshold sweep (queries/backtest/sweep.sql, sweep-delays.sql) on a generated
 * population: `npx tsx bench/backtest-sweep.ts [leads] [thresholds]` (default 1,000,000 leads,
 * 200 thresholds). Prints wall time and DuckDB's EXPLAIN ANALYZE total per query. Not a test.
 */
import { Db, loadQuery } from "../src/db/index.js";

const leads = Number(process.argv[2] ?? 1_000_000);
const thresholds = Number(process.argv[3] ?? 200);
const db = await Db.open(":memory:");
await db.exec("backtest/score-tables");
// 1–3 score records per lead, peaks spread over 0..200 points; outcomes in the usual proportions
await db.run(
  `CREATE TEMP TABLE bt_sweep_lead AS
   SELECT 'L' || i AS lead_id, TIMESTAMP '2024-01-01' + to_minutes(i % 1000000) AS created_at,
          CASE WHEN hash(i, 'g') % 10 = 0 THEN NULL ELSE (hash(i, 'p') % 4000) / 20.0 END AS peak,
          hash(i, 'm') % 10 < 9 AS mature, hash(i, 'o') % 2 = 0 AS observed,
          hash(i, 's') % 5 = 0 AS sql, TIMESTAMP '2024-01-01' + to_minutes(i % 1000000) + to_days(CAST(hash(i, 'sd') % 60 AS INTEGER)) AS sql_at,
          hash(i, 'w') % 12 = 0 AS won, TIMESTAMP '2024-01-01' + to_minutes(i % 1000000) + to_days(CAST(hash(i, 'wd') % 200 AS INTEGER)) AS won_at,
          (hash(i, 'a') % 100000)::DOUBLE AS won_amount
   FROM range($n) t(i)`,
  { n: leads },
);
await db.run(
  `INSERT INTO bt_score_record
   SELECT 'model', lead_id, created_at + to_days(k), CASE WHEN k = 0 THEN NULL ELSE peak * k / 3.0 END, peak * (k + 1) / 3.0
   FROM bt_sweep_lead, range(3) r(k) WHERE peak IS NOT NULL`,
);
const grid = { from: 0, to: thresholds - 1, step: 1, extra: null };
for (const [name, params] of [
  ["backtest/sweep", grid],
  ["backtest/sweep-delays", { ...grid, model: "model" }],
] as const) {
  const started = performance.now();
  await db.query(name, params);
  const wall = performance.now() - started;
  const plan = await db.all<{ explain_value: string }>(
    `EXPLAIN ANALYZE ${loadQuery(name)}`,
    params,
  );
  const total = /Total Time: ([\d.]+)s/.exec(plan.map((r) => r.explain_value).join("\n"))?.[1];
  console.log(
    `${name}: ${leads.toLocaleString()} leads × ${thresholds} thresholds: ${wall.toFixed(0)} ms wall, EXPLAIN ANALYZE total ${total ?? "?"} s`,
  );
}
db.close();
