import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { buildFeatures } from "../../src/features/build-features.js";
import { fitScorecard, splitMetrics } from "../../src/features/fit-scorecard.js";
import { parseModel } from "../../src/model/model-file.js";
import { probabilityFor } from "../../src/model/scale-points.js";
import { writeModel } from "../../src/model/write-model.js";
import { plantedDb } from "../helpers/planted-data.js";

// The fit reports metrics on the scores its model file will give in backtest: the same model,
// written, parsed and scored by the backtest engine, must give every lead the same peak score.
describe("fitScorecard metrics agree with the backtest engine", () => {
  let db: Db;
  beforeAll(async () => {
    db = await plantedDb({ dates: true, leads: 1500 });
  });
  afterAll(() => db.close());

  it("scores every validation and training lead as backtest does", async () => {
    const config = configSchema.parse({ windows: { maturity_days: 120, as_of: "2026-03-31" } });
    const features = await buildFeatures(db, config, { target: "won", purpose: "fit" });
    const card = await fitScorecard(db, features, { l2: 1, pointsToDoubleOdds: 20, minIv: 0.02 });
    const model = parseModel(
      writeModel(card, {
        name: "t",
        created: "2026-01-01T00:00:00Z",
        command: "test",
        halfLifeDays: config.features.half_life_days,
        splitNote: features.splitNote,
      }),
      "t.yaml",
    );
    expect(model.intent_rules.length).toBeGreaterThan(0);
    await db.exec("backtest/population-from-labels", { until: "decision", as_of: null });
    await scoreLeads(db, model, "fitcheck");
    const groups = await db.all<{
      split: string;
      score: number;
      events: number;
      non_events: number;
    }>(
      `SELECT s.split, round(b.peak, 2) AS score,
              count(*) FILTER (WHERE s.y)::INTEGER AS events,
              count(*) FILTER (WHERE NOT s.y)::INTEGER AS non_events
       FROM fit_sample s JOIN bt_lead_score b ON b.lead_id = s.lead_id AND b.model_key = 'fitcheck'
       WHERE s.y IS NOT NULL GROUP BY ALL`,
    );
    for (const split of ["train", "validation"] as const) {
      const m = splitMetrics(
        groups.filter((g) => g.split === split),
        (p) => probabilityFor(p, card.baseOdds, 20),
      );
      const mine = split === "train" ? card.train : card.validation;
      expect(m?.leads).toBe(mine?.leads);
      expect(m?.auc).toBeCloseTo(mine?.auc as number, 10);
      expect(m?.ks).toBeCloseTo(mine?.ks as number, 10);
      expect(m?.brier).toBeCloseTo(mine?.brier as number, 8);
    }
  });
});
