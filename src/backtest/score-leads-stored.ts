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
 * {@link scoreLeads} for one model, computed once across processes: when the database holds the
 * scored leads and records of a model with the same scoring content, on the same population,
 * data and code (scoreRecordsKey), they are copied into bt_lead_score / bt_score_record under
 * `modelKey` instead of replaying every lead's timeline again. Otherwise the model is scored,
 * and with `store` the result is kept (tables stored_lead_score, stored_score_record; the key and
 * the warnings in stage_result), replacing what was stored: `handoff fit` stores the model it
 * writes, `handoff backtest` of that file reuses it. bt_population must exist.
 */
export async function scoreLeadsStored(
  db: Db,
  model: Model,
  modelKey: string,
  options: { store: boolean },
): Promise<ScoreLeadsStoredResult> {
  const key = await scoreRecordsKey(db, model);
  const stored = await readStageResult<{ warnings: string[] }>(db, SCORE_RECORDS_STAGE, key);
  if (
    stored !== null &&
    (await db.hasTable("stored_lead_score")) &&
    (await db.hasTable("stored_score_record"))
  ) {
    await db.exec("backtest/score-tables");
    await db.transaction(async () => {
      await db.exec("backtest/delete-lead-scores", { model: modelKey });
      await db.exec("backtest/delete-score-records", { model: modelKey });
      await db.exec("backtest/restore-lead-scores", { model: modelKey });
      await db.exec("backtest/restore-score-records", { model: modelKey });
    });
    return { warnings: stored.warnings, reused: true };
  }
  const result = await scoreLeads(db, model, modelKey);
  if (options.store) {
    // the old key goes first: a run stopped while the tables are replaced reuses nothing
    await forgetStageResult(db, SCORE_RECORDS_STAGE);
    await db.exec("backtest/store-lead-scores", { model: modelKey });
    await db.exec("backtest/store-score-records", { model: modelKey });
    await writeStageResult(db, SCORE_RECORDS_STAGE, key, { warnings: result.warnings });
  }
  return { ...result, reused: false };
}
