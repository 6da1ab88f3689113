import { scoringContent } from "../backtest/backtest-result-key.js";
import type { Output } from "../cli/output.js";
import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
import type { FeaturesResult } from "../features/build-features.js";
import type { FitOptions } from "../features/fit-scorecard.js";
import { scoreSampleFromRecords } from "../features/score-sample-from-records.js";
import { type Model, parseModel } from "../model/model-file.js";
import { type ModelHeader, writeModel } from "../model/write-model.js";
import { encodeJson } from "../util/json-codec.js";

/** FitOptions.sampleScores for a command, and the model its records were stored for. */
export interface FitSampleScores {
  sampleScores: NonNullable<FitOptions["sampleScores"]>;
  /** The provisional model the population was scored with; null before the fit calls it. */
  scored: () => Model | null;
}

/**
 * The fit's sample scored with the backtest's engine (docs/shared-timeline.md), as `handoff fit`
 * and `handoff recalibrate` both fit: the provisional card written as a model file (`header`,
 * `file` names it in messages), the population scored once under it and its records stored for
 * a later backtest of the same rules, the sample's peaks read off them; progress on `out`. The
 * caller checks that the model it writes has the scored model's scoring content.
 */
export function fitSampleScores(
  db: Db,
  config: Config,
  features: FeaturesResult,
  header: ModelHeader,
  file: string,
  out: Output,
): FitSampleScores {
  let scored: Model | null = null;
  return {
    scored: () => scored,
    sampleScores: async (provisional, rules) => {
      const model = parseModel(writeModel(provisional, header), file);
      scored = model;
      const shared = await scoreSampleFromRecords(db, model, {
        ...rules,
        until: config.backtest.score_until,
        asOf: features.windows.asOf,
      });
      if (shared.reused)
        out.progress("score records reused: this model was scored earlier on the same data");
      if (shared.reason !== null)
        out.progress(`sample scored on its own timeline: ${shared.reason}`);
      return shared.rows;
    },
  };
}

/**
 * The records stored for the provisional card belong to the model written only if it scores
 * the same: same fit rules, intent rules and gates. `scored` null: the fit did not score
 * through fitSampleScores (nothing stored to check).
 */
export function assertScoredContent(written: Model, scored: Model | null, command: string): void {
  if (scored !== null && encodeJson(scoringContent(written)) !== encodeJson(scoringContent(scored)))
    throw new Error(
      `${command}: the model file's rules differ from those its sample was scored with`,
    );
}
