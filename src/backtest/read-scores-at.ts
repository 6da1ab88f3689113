import type { Db } from "../db/index.js";
import type { LeadScoreAt } from "./score-leads-at.js";

/**
 * Leads {@link readScoresAtBatches} reads per query. Each lead's row with its lists costs the
 * JS heap tens of KB while it is converted: batches of 20,000 let the heap grow to ~700 MB
 * for `--json` at 300k leads (peak RSS 1.38 GB), batches of 5,000 keep it near 150 MB (RSS
 * ~0.5 GB while writing) for the same CPU time.
 */
export const SCORE_BATCH_LEADS = 5_000;

/**
 * The leads at places `offset + 1 … offset + limit` of a scoring staged by
 * {@link stageScoresAt} (highest score first, ties by lead_id), with the top `reasons` reasons,
 * the failed gates and, unless `contributions` is false (the CSV has no use for them, and
 * converting them to JS objects costs more than the query), every contribution
 * (`queries/backtest/score-at-rows.sql`).
 */
export async function readScoresAt(
  db: Db,
  options: { offset: number; limit: number; reasons: number; contributions?: boolean },
): Promise<LeadScoreAt[]> {
  const { contributions = true, ...counts } = options;
  for (const [name, value] of Object.entries(counts))
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`readScoresAt: ${name} ${value} is not a whole number >= 0`);
  if (options.limit === 0) return [];
  return db.query<LeadScoreAt>("backtest/score-at-rows", {
    from: options.offset + 1,
    to: options.offset + 1 + options.limit,
    top: options.reasons,
    contributions,
  });
}

/**
 * Every lead of a staged scoring, in order, `batch` leads at a time (the last batch may be
 * shorter; no batch when no lead was scored); `contributions` as in {@link readScoresAt}.
 */
export async function* readScoresAtBatches(
  db: Db,
  options: { leads: number; reasons: number; contributions?: boolean; batch?: number },
): AsyncGenerator<LeadScoreAt[]> {
  const batch = options.batch ?? SCORE_BATCH_LEADS;
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new Error(`readScoresAtBatches: batch ${batch} is not a whole number >= 1`);
  for (let offset = 0; offset < options.leads; offset += batch)
    yield await readScoresAt(db, {
      offset,
      limit: Math.min(batch, options.leads - offset),
      reasons: options.reasons,
      contributions: options.contributions ?? true,
    });
}
