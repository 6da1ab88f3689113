import type { Output } from "../cli/output.js";
import { writeStageResult } from "../db/index.js";
import { buildFeatures } from "../features/build-features.js";
import { fitResultKey } from "../features/fit-result-key.js";
import { fitScorecard } from "../features/fit-scorecard.js";
import { formatFit } from "../features/format-fit.js";
import { formatRunSummary } from "../features/format-profile.js";
import { parseModel } from "../model/model-file.js";
import { type ModelHeader, writeModel } from "../model/write-model.js";
import { writeFileAtomic } from "../util/write-file-atomic.js";
import { assertScoredContent, fitSampleScores } from "./fit-sample-scores.js";
import { openLoaded } from "./open-loaded.js";

export interface FitCommandOptions {
  db: string;
  config: string;
  json: boolean;
  target?: "won" | "sql";
  validateQuarters?: number;
  out: string;
  l2?: number;
  pointsToDoubleOdds?: number;
  /** The command line, recorded in the model header. */
  commandLine: string;
}

/**
 * `handoff fit`: features on the training split, an L2 logistic regression on the binned
 * features, points per bin and per event, metrics on train and validation, the model file.
 */
export async function fit(options: FitCommandOptions, out: Output): Promise<void> {
  const { db, config } = await openLoaded(options.db, options.config);
  try {
    const target = options.target ?? config.fit.target;
    out.progress("building labels and features ...");
    const features = await buildFeatures(db, config, {
      target,
      purpose: "fit",
      validateQuarters: options.validateQuarters,
    });
    if (features.reusedLeadFeatures)
      out.progress("lead_features reused: built earlier with the same settings on the same data");
    out.progress(features.splitNote);
    if (features.split.mode === "holdout") out.warn(features.splitNote);
    const l2 = options.l2 ?? config.fit.l2;
    const pdo = options.pointsToDoubleOdds ?? config.fit.points_to_double_odds;
    out.progress(
      `fitting on ${features.sample.train} training leads (${features.sample.trainEvents} ${target}) ...`,
    );
    const window = await db.all<{ from: string | null; to: string | null }>(
      "SELECT strftime(min(l.created_at), '%Y-%m-%d') AS \"from\", strftime(max(l.created_at), '%Y-%m-%d') AS \"to\" FROM fit_sample s JOIN lead_labels l ON l.lead_id = s.lead_id",
    );
    const w = window[0];
    const header: ModelHeader = {
      name: `${target} scorecard`,
      description: `Fitted on ${features.sample.train} training leads, validated on ${features.sample.validation}.`,
      // the data's as-of, not the wall clock: the same data gives the same file, byte for byte
      created: features.windows.asOf?.toISOString().replace(/\.\d+Z$/, "Z"),
      dataWindow: w?.from && w.to ? { from: w.from, to: w.to } : undefined,
      command: options.commandLine,
      halfLifeDays: config.features.half_life_days,
      splitNote: features.splitNote,
    };
    // the model file's rules, scored once with the backtest's engine: the sample's peaks come
    // from those records, and `handoff backtest` of the file reuses them (docs/shared-timeline.md)
    const shared = fitSampleScores(db, config, features, header, options.out, out);
    const card = await fitScorecard(db, features, {
      l2,
      pointsToDoubleOdds: pdo,
      minIv: config.fit.min_iv,
      sampleScores: shared.sampleScores,
    });
    // kept for the report, which reuses it when its settings and data are the same
    const key = await fitResultKey(db, config, {
      target,
      validateQuarters: options.validateQuarters,
      l2,
      pointsToDoubleOdds: pdo,
    });
    if (key !== null) await writeStageResult(db, "fit", key, { features, scorecard: card });
    const text = writeModel(card, header);
    // the records stored for the provisional card's rules belong to this file: same rules
    assertScoredContent(parseModel(text, options.out), shared.scored(), "fit");
    await writeFileAtomic(options.out, text);
    out.progress(`model written to ${options.out}`);
    if (options.json) {
      out.json({
        model: options.out,
        windows: features.windows,
        labels: features.labels,
        split: features.split,
        splitNote: features.splitNote,
        sample: features.sample,
        scorecard: card,
      });
    } else {
      out.result(
        [
          formatRunSummary(features),
          features.splitNote,
          "",
          formatFit(card),
          "",
          `model written to ${options.out}`,
        ].join("\n"),
      );
    }
  } finally {
    db.close();
  }
}
