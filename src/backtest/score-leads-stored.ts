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
 *   `modelKey`, copied from the stored tables when the key matches, computed otherwise.
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
    if (!options.store) {
      await db.exec("backtest/score-tables");
      await db.transaction(async () => {
        await db.exec("backtest/delete-lead-scores", { model: modelKey });
        await db.exec("backtest/delete-score-records", { model: modelKey });
        await db.exec("backtest/restore-lead-scores", { model: modelKey });
        await db.exec("backtest/restore-score-records", { model: modelKey });
      });
    }
    return { warnings: stored.warnings, reused: true };
  }
  if (!options.store) return { ...(await scoreLeads(db, model, modelKey)), reused: false };
  // the old key goes first: a run stopped while the tables are replaced reuses nothing
  await forgetStageResult(db, SCORE_RECORDS_STAGE);
  const result = await scoreLeads(db, model, modelKey, { keep: "stored" });
  await writeStageResult(db, SCORE_RECORDS_STAGE, key, { warnings: result.warnings });
  return { ...result, reused: false };
}
