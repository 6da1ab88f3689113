import { type Db, dataFingerprint, queriesFingerprint, settingsKey } from "../db/index.js";
import type { Model } from "../model/model-file.js";
import type { RunBacktestOptions } from "./run-backtest.js";

/** Bump when the backtest's JavaScript side changes what it produces. */
const BACKTEST_RESULT_VERSION = 1;

/**
 * The key a backtest's result is stored and looked up under (db/stage-results.ts): every
 * option of runBacktest (the model and the current rule as parsed, the grid, the backtest
 * settings, the windows, the half-life), the loaded data (dataFingerprint) and every query file.
 */
export async function backtestResultKey(db: Db, options: RunBacktestOptions): Promise<string> {
  return settingsKey({
    version: BACKTEST_RESULT_VERSION,
    options,
    data: await dataFingerprint(db),
    queries: queriesFingerprint(),
  });
}

/** Bump when scoreLeads' JavaScript side changes the records it produces. */
const SCORE_RECORDS_VERSION = 1;

/**
 * The key one model's scored leads and records (scoreLeads: bt_lead_score, bt_score_record) are
 * stored and looked up under (src/backtest/score-leads-stored.ts), so that `handoff fit`, which
 * scores the population with the model it writes, and a later `handoff backtest` of that model
 * file compute the timeline once. It covers everything the records depend on:
 * - the model's scoring content, as parsed: its fit rules, intent rules and gates (every key of
 *   them, labels included); not its name, header, metrics, scaling or threshold, which no
 *   score reads, so the fit's model and the file it writes share the key;
 * - the population scored (bt_population, which must exist: its leads, creation times and
 *   scoring ends, population-fingerprint.sql), which carries the labels, windows and the
 *   backtest's score_until setting;
 * - the loaded data (dataFingerprint) and the code (every query file and Handoff's modules).
 */
export async function scoreRecordsKey(db: Db, model: Model): Promise<string> {
  const [population] = await db.query("backtest/population-fingerprint");
  return settingsKey({
    version: SCORE_RECORDS_VERSION,
    scoring: scoringContent(model),
    population,
    data: await dataFingerprint(db),
    queries: queriesFingerprint(),
  });
}

/** The parts of a model that a score reads (see {@link scoreRecordsKey}). */
export function scoringContent(model: Model): Pick<Model, "fit_rules" | "intent_rules" | "gates"> {
  return { fit_rules: model.fit_rules, intent_rules: model.intent_rules, gates: model.gates };
}
