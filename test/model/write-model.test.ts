import { describe, expect, it } from "vitest";
import type { FittedScorecard, SplitMetrics } from "../../src/features/fit-scorecard.js";
import { parseModel } from "../../src/model/model-file.js";
import { type ModelHeader, writeModel } from "../../src/model/write-model.js";

const metrics: SplitMetrics = {
  leads: 1000,
  events: 100,
  rate: 0.1,
  auc: 0.74,
  gini: 0.48,
  ks: 0.37,
  brier: 0.081,
  deciles: [],
};

const bin = (over: Partial<FittedScorecard["fitRules"][number]["bins"][number]>) => ({
  bin: 0,
  label: "x",
  role: "category" as const,
  category: "x",
  lo: null,
  hi: null,
  points: 0,
  beta: 0,
  standardError: null,
  leads: 100,
  events: 10,
  rate: 0.1,
  lift: 1,
  reference: false,
  ...over,
});

const card: FittedScorecard = {
  target: "won",
  pointsToDoubleOdds: 20,
  l2: 1,
  intercept: -2.5,
  baseOdds: Math.exp(-2.5),
  fitRules: [
    {
      feature: "seniority",
      kind: "categorical",
      iv: 0.21,
      bins: [
        bin({ bin: 0, label: "C-level", category: "C-level", points: 18 }),
        bin({
          bin: 1,
          label: "Individual contributor",
          category: "Individual contributor",
          points: 0,
          reference: true,
        }),
        bin({ bin: 2, label: "true", category: "true", points: -3 }),
        bin({ bin: 3, label: "other", role: "other", category: null, points: 0, leads: 0 }),
        bin({ bin: 4, label: "missing", role: "missing", category: null, points: -7 }),
      ],
    },
    {
      feature: "employees",
      kind: "numeric",
      iv: 0.05,
      bins: [
        bin({ bin: 0, label: "< 50", role: "range", category: null, hi: 50, points: -6 }),
        bin({
          bin: 1,
          label: "50 to < 200.5",
          role: "range",
          category: null,
          lo: 50,
          hi: 200.5,
          points: 0,
          reference: true,
        }),
        bin({ bin: 2, label: ">= 200.5", role: "range", category: null, lo: 200.5, points: 9 }),
        bin({ bin: 3, label: "missing", role: "missing", category: null, points: -2 }),
      ],
    },
  ],
  intentRules: [
    {
      feature: "intent.pricing_view",
      source: { activity: "pricing_view" },
      iv: 0.35,
      beta: 0.4,
      standardError: 0.05,
      pointsPerEvent: 12,
      capEvents: 2.4,
      capPoints: 29,
      topBinLeads: 300,
      topBinRate: 0.2,
      topBinLift: 2,
      omitted: null,
    },
    {
      feature: "count_page_view",
      source: { countColumn: "count_page_view" },
      iv: 0.1,
      beta: 0.1,
      standardError: 0.02,
      pointsPerEvent: 3,
      capEvents: 5,
      capPoints: 15,
      topBinLeads: 100,
      topBinRate: 0.15,
      topBinLift: 1.5,
      omitted: null,
    },
    {
      feature: "intent.unsubscribe",
      source: { activity: "unsubscribe" },
      iv: 0.03,
      beta: -0.3,
      standardError: 0.1,
      pointsPerEvent: -9,
      capEvents: 1,
      capPoints: 9,
      topBinLeads: 50,
      topBinRate: 0.02,
      topBinLift: 0.2,
      omitted: "negative points per event (-9) cannot decay in the model format; not scored",
    },
  ],
  skipped: [{ feature: "noise", reason: "IV 0.002 below 0.02" }],
  threshold: 31,
  thresholdNote: "max KS on training leads: 300 of 1000 leads score 31 or more",
  train: metrics,
  validation: { ...metrics, auc: 0.71, gini: 0.42 },
  converged: true,
  separation: false,
  iterations: 6,
  patterns: 40,
};

const header: ModelHeader = {
  name: "won scorecard: Q3",
  created: "2026-11-23T11:00:00Z",
  dataWindow: { from: "2024-01-01", to: "2025-12-31" },
  command: "handoff fit --target won --out model.yaml",
  halfLifeDays: 30,
  splitNote: "out of time: train 2024Q1–2025Q3, validate 2025Q4",
};

describe("writeModel(card, header)", () => {
  it("round-trips through parseModel with the same rules", () => {
    const model = parseModel(writeModel(card, header), "model.yaml");
    expect(model.threshold).toBe(31);
    expect(model.target).toBe("won");
    expect(model.fit_rules).toEqual([
      {
        field: "seniority",
        points: { "C-level": 18, "Individual contributor": 0, true: -3, other: 0, missing: -7 },
      },
      {
        field: "employees",
        bins: [
          { max: 50, points: -6 },
          { min: 50, max: 200.5, points: 0 },
          { min: 200.5, points: 9 },
        ],
        missing: -2,
      },
    ]);
    expect(model.intent_rules).toEqual([
      { activity: "pricing_view", points: 12, cap: 29, half_life_days: 30 },
      { count_column: "count_page_view", points: 3, cap: 15 },
    ]);
    expect(model.gates).toEqual([]);
  });

  it("records the header: scaling anchor, data window, metrics and command", () => {
    const model = parseModel(writeModel(card, header), "model.yaml");
    expect(model.name).toBe("won scorecard: Q3");
    expect(model.scaling).toEqual({
      points_to_double_odds: 20,
      base_points: 0,
      base_odds: 0.082085,
    });
    expect(model.data_window).toEqual({ from: "2024-01-01", to: "2025-12-31" });
    expect(model.metrics?.auc).toEqual({ train: 0.74, validation: 0.71 });
    expect(model.command).toBe("handoff fit --target won --out model.yaml");
  });

  it("shows each rule's evidence and the rules left out as comments", () => {
    const text = writeModel(card, header);
    expect(text).toContain("C-level: 18  # 100 leads, won 10.0%, lift 1");
    expect(text).toContain("other: 0  # no training leads");
    expect(text).toMatch(/#\s+intent\.unsubscribe: negative points per event/);
    expect(text).toMatch(/#\s+noise: IV 0\.002 below 0\.02/);
  });
});
