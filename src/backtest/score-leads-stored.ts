import { type Db, forgetStageResult, readStageResult, writeStageResult } from "../db/index.js";
import type { Model } from "../model/model-file.js";
import { scoreRecordsKey } from "./backtest-result-key.js";
import { type ScoreLeadsResult, scoreLeads } from "./score-leads.js";

/** stage_result's stage for the stored records: its key and scoreLeads' warnings. */
export const SCORE_RECORDS_STAGE = "score-records";

export interface ScoreLeadsStoredResult extends ScoreLeadsResult {
  /** True when the records were found stored under the model's key, not computed. */
  reused: boolean;
}

/**
 * {@link scoreLeads} for one model, computed once across processes. The database keeps one
 * model's scored leads and records (tables stored_lead_score, stored_score_record; their key,
 * scoreRecordsKey: the model's scoring content, the population, the data and the code, and the
 * warnings in stage_result). bt_population must exist.
 * - `store: true` (`handoff fit`, for the model it writes): leave the model's scores in the
 *   stored tables, computing them unless they are already there under the same key (then
 *   nothing is done); they replace what was stored. Nothing goes to the TEMP tables.
 * - `store: false` (`handoff backtest`): put them in bt_lead_score / bt_score_record under
 *   `modelKey`: copied from another model key of this process that holds the same records key
 *   (bt_score_key, score-keys.sql: `handoff recalibrate` scores the model in force as the
 *   candidate's current rule, then backtests it alone), else from the stored tables when the
 *   key matches, computed otherwise.
 */
export async function scoreLeadsStored(
  db: Db,
  model: Model,
  modelKey: string,
  options: { store: boolean },
): Promise<ScoreLeadsStoredResult> {
  const key = await scoreRecordsKey(db, model);
  if (!options.store) {
    const scored = await scoredInProcess(db, key, modelKey);
    if (scored !== null) return { warnings: scored, reused: true };
  }
  const stored = await readStageResult<{ warnings: string[] }>(db, SCORE_RECORDS_STAGE, key);
  if (
    stored !== null &&
    (await db.hasTable("stored_lead_score")) &&
    (await db.hasTable("stored_score_record"))
  ) {
    if (!options.store) {
      await db.exec("backtest/score-tables");
      await db.exec("backtest/score-keys");
      await db.transaction(async () => {
        await db.exec("backtest/forget-score-key", { model: modelKey });
        await db.exec("backtest/delete-lead-scores", { model: modelKey });
        await db.exec("backtest/delete-score-records", { model: modelKey });
        await db.exec("backtest/restore-lead-scores", { model: modelKey });
        await db.exec("backtest/restore-score-records", { model: modelKey });
        await rememberScoreKey(db, modelKey, key, stored.warnings);
      });
    }
    return { warnings: stored.warnings, reused: true };
  }
  if (!options.store) {
    const result = await scoreLeads(db, model, modelKey);
    await rememberScoreKey(db, modelKey, key, result.warnings);
    return { ...result, reused: false };
  }
  // the old key goes first: a run stopped while the tables are replaced reuses nothing
  await forgetStageResult(db, SCORE_RECORDS_STAGE);
  const result = await scoreLeads(db, model, modelKey, { keep: "stored" });
  await writeStageResult(db, SCORE_RECORDS_STAGE, key, { warnings: result.warnings });
  return { ...result, reused: false };
}

/**
 * The scores of records key `key` put under `modelKey` from another model key of this process
 * (bt_score_key, score-keys.sql) when one holds them; null when none does. Returns the
 * warnings they were scored with.
 */
async function scoredInProcess(db: Db, key: string, modelKey: string): Promise<string[] | null> {
  if (!(await db.hasTable("bt_score_key"))) return null;
  const held = await db.all<{ model_key: string; warnings: string }>(
    "SELECT model_key, warnings FROM bt_score_key WHERE records_key = $key ORDER BY model_key = $model DESC, model_key LIMIT 1",
    { key, model: modelKey },
  );
  const from = held[0];
  if (from === undefined) return null;
  const warnings = JSON.parse(from.warnings) as string[];
  if (from.model_key === modelKey) return warnings;
  await db.transaction(async () => {
    await db.exec("backtest/forget-score-key", { model: modelKey });
    await db.exec("backtest/delete-lead-scores", { model: modelKey });
    await db.exec("backtest/delete-score-records", { model: modelKey });
    await db.exec("backtest/copy-lead-scores", { from: from.model_key, to: modelKey });
    await db.exec("backtest/copy-score-records", { from: from.model_key, to: modelKey });
    await rememberScoreKey(db, modelKey, key, warnings);
  });
  return warnings;
}

async function rememberScoreKey(
  db: Db,
  modelKey: string,
  key: string,
  warnings: string[],
): Promise<void> {
  await db.exec("backtest/score-keys");
  await db.exec("backtest/forget-score-key", { model: modelKey });
  await db.exec("backtest/remember-score-key", {
    model: modelKey,
    records: key,
    warnings: JSON.stringify(warnings),
  });
}
