import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import { scoreLeadsStored } from "../../src/backtest/score-leads-stored.js";
import { fitSampleScores } from "../../src/commands/fit-sample-scores.js";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { buildFeatures } from "../../src/features/build-features.js";
import { fitScorecard, splitMetrics } from "../../src/features/fit-scorecard.js";
import { scoreSampleFromRecords } from "../../src/features/score-sample-from-records.js";
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

// `handoff fit` reads its sample's peaks off the records of the model it writes (one timeline,
// reused by the backtest): the metrics must be exactly those of the fit's own timeline.
describe("fitScorecard(db, features, { sampleScores: scoreSampleFromRecords })", () => {
  const header = (halfLifeDays: number, splitNote: string) => ({
    name: "t",
    created: "2026-01-01T00:00:00Z",
    command: "test",
    halfLifeDays,
    splitNote,
  });
  const setup = async (dates: boolean) => {
    const db = await plantedDb({ dates, leads: 1500 });
    const config = configSchema.parse(
      dates ? { windows: { maturity_days: 120, as_of: "2026-03-31" } } : {},
    );
    const features = await buildFeatures(db, config, { target: "won", purpose: "fit" });
    // pricing views 60 days after creation, past the decision time (30 days) but inside the
    // backtest's scoring window: new highs in the records that no sample peak may count
    if (dates)
      await db.run(`INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line)
        SELECT lead_id, created_at + INTERVAL 60 DAY, 'pricing_view', 'late.csv', k
        FROM leads, range(4) r(k) WHERE hash(lead_id) % 2 = 0`);
    return { db, config, features };
  };
  const options = { l2: 1, pointsToDoubleOdds: 20, minIv: 0.02 };

  for (const dates of [true, false])
    it(`gives the very scorecard of the fit's own timeline (${dates ? "event-level" : "flat export"})`, async () => {
      const { db, config, features } = await setup(dates);
      try {
        const own = await fitScorecard(db, features, options);
        // the callback `handoff fit` and `handoff recalibrate` score their sample with
        const progress: string[] = [];
        const out = {
          progress: (m: string) => progress.push(m),
          result() {},
          json() {},
          warn() {},
        };
        const viaRecords = fitSampleScores(
          db,
          config,
          features,
          header(config.features.half_life_days, features.splitNote),
          "t.yaml",
          out,
        );
        const answered: boolean[] = [];
        const shared = await fitScorecard(db, features, {
          ...options,
          sampleScores: async (provisional, rules) => {
            const rows = await viaRecords.sampleScores(provisional, rules);
            answered.push(rows !== null);
            return rows;
          },
        });
        // the peaks came off the records (no fallback), and equal the fit's own timeline's
        expect(answered).toEqual([true]);
        expect(progress.filter((m) => m.includes("own timeline"))).toEqual([]);
        expect(shared).toEqual(own);
        // and the records are the backtest's: its population, reused, not replayed
        const scored = viaRecords.scored();
        if (scored === null) throw new Error("the fit did not score through the callback");
        await db.exec("backtest/population-from-labels", {
          until: config.backtest.score_until,
          as_of: features.windows.asOf?.toISOString() ?? null,
        });
        expect((await scoreLeadsStored(db, scored, "model", { store: false })).reused).toBe(true);
        expect(own.train.leads).toBeGreaterThan(500);
      } finally {
        db.close();
      }
    });

  it("falls back when the model file's points are not the fit's bins' (and says why)", async () => {
    const { db, config, features } = await setup(true);
    try {
      const own = await fitScorecard(db, features, options);
      let reason: string | null = null;
      let rows: unknown = "unset";
      await fitScorecard(db, features, {
        ...options,
        sampleScores: async (provisional, rules) => {
          const edited = structuredClone(provisional);
          const bin = edited.fitRules[0]?.bins.find((b) => b.leads > 0);
          if (bin === undefined) throw new Error("no bin with leads");
          bin.points += 1;
          const model = parseModel(
            writeModel(edited, header(config.features.half_life_days, features.splitNote)),
            "t.yaml",
          );
          const result = await scoreSampleFromRecords(db, model, {
            ...rules,
            until: config.backtest.score_until,
            asOf: features.windows.asOf,
          });
          reason = result.reason;
          rows = result.rows;
          return result.rows;
        },
      });
      expect(rows).toBeNull();
      expect(reason).toMatch(/score other fit or count points/);
      // and a model file with another half-life is caught before any scoring
      const other = await scoreSampleFromRecords(
        db,
        parseModel(
          writeModel(own, header(config.features.half_life_days + 1, features.splitNote)),
          "t.yaml",
        ),
        {
          binPoints: [],
          intentPoints: own.intentRules
            .filter((r) => r.omitted === null)
            .map((r) => ({ feature: r.feature, points: r.pointsPerEvent, cap: r.capPoints })),
          halfLifeDays: features.windows.halfLifeDays,
          until: "outcome_window",
          asOf: features.windows.asOf,
        },
      );
      expect(other.rows).toBeNull();
      expect(other.reason).toMatch(/activity rules/);
    } finally {
      db.close();
    }
  });
});
