import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { buildCalibrationReport } from "../../../src/report/pages/calibration.js";
import type { CalibrationInputs } from "../../../src/report/pages/page-inputs.js";
import type {
  ChartBlock,
  HeadlinesBlock,
  ReportDocument,
  TableBlock,
} from "../../../src/report/types.js";
import { HOSTILE } from "../demo-document.js";
import { hubspotInputs } from "./fixture.js";
import { chartSchemaErrors } from "./validate-spec.js";

function calibration(): CalibrationInputs {
  return hubspotInputs().calibration;
}

function section(doc: ReportDocument, id: string) {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function backtestOf(inputs: CalibrationInputs) {
  if (!inputs.backtest.ok) throw new Error("fixture has no backtest");
  return inputs.backtest.value;
}

describe("buildCalibrationReport(inputs)", () => {
  it("draws the threshold trade-off with the recommended line and the healthy band", () => {
    const inputs = calibration();
    const result = backtestOf(inputs);
    const doc = buildCalibrationReport(inputs);
    const chart = section(doc, "threshold").blocks.find((b) => b.kind === "chart") as ChartBlock;
    expect(chart.chart).toBe("common/threshold-tradeoff");
    expect(chart.data.markers).toEqual([
      {
        threshold: result.recommendation.threshold,
        kind: "recommended",
        label: `Recommended ${result.recommendation.threshold}`,
      },
    ]);
    expect(chart.data.health).toEqual([
      { lower: 0.1, upper: 0.4, label: "Healthy MQL→SQL 10.0% to 40.0%" },
    ]);
    const metrics = new Set((chart.data.curves ?? []).map((r) => r.metric));
    expect([...metrics]).toEqual([
      "Leads passed as MQLs",
      "MQL→SQL",
      "MQL→won",
      "Won revenue captured",
    ]);
    for (const row of chart.data.curves ?? []) {
      expect(row.value).toBeGreaterThanOrEqual(0);
      expect(row.value).toBeLessThanOrEqual(1);
    }
    const revenue = (chart.data.curves ?? []).find(
      (r) => r.metric === "Won revenue captured" && r.threshold === result.sweep[0]?.threshold,
    );
    const first = result.sweep[0];
    expect(revenue?.value).toBeCloseTo(
      (first?.won_amount ?? 0) / (first?.won_amount_total ?? 1),
      8,
    );
  });

  it("marks the current threshold only when the rule in force scores with the same model", () => {
    const inputs = calibration();
    const result = backtestOf(inputs);
    expect(result.current?.same_model).toBe(false); // the sample's historical rule is another model
    if (!result.current) throw new Error("no current rule");
    result.current.same_model = true;
    const chart = section(buildCalibrationReport(inputs), "threshold").blocks.find(
      (b) => b.kind === "chart",
    ) as ChartBlock;
    expect(chart.data.markers).toContainEqual({
      threshold: result.current.threshold,
      kind: "current",
      label: `Current ${result.current.threshold}`,
    });
  });

  it("headlines the recommended threshold's weekly volume against capacity", () => {
    const inputs = calibration();
    const result = backtestOf(inputs);
    const chosen = result.sweep.find((r) => r.threshold === result.recommendation.threshold);
    const cards = (section(buildCalibrationReport(inputs), "threshold").blocks[0] as HeadlinesBlock)
      .items;
    expect(cards[0]?.value).toBe(`${result.recommendation.threshold} points`);
    expect(cards[1]?.value).toBe(chosen?.mql_per_week?.toFixed(1));
    expect(cards[1]?.band).toBe("good");
  });

  it("lists every rule of the model in the scorecard table", () => {
    const inputs = calibration();
    const table = section(buildCalibrationReport(inputs), "scorecard").blocks[0] as TableBlock;
    expect(table.rows).toHaveLength(
      inputs.model.fit_rules.length + inputs.model.intent_rules.length,
    );
    expect(table.rows[0]).toMatchObject({ signal: "seniority", kind: "who the lead is" });
    expect(String(table.rows[0]?.points)).toContain("C-level: +60");
  });

  it("draws won rate by bin for the strongest features, skipping one that repeats another", () => {
    const inputs = calibration();
    if (!inputs.profile.ok) throw new Error("fixture has no profile");
    const titles = section(buildCalibrationReport(inputs), "features")
      .blocks.filter((b): b is ChartBlock => b.kind === "chart" && b.chart === "common/rate-by-bin")
      .map((b) => b.title);
    // events.demo_request and intent.demo_request profile identically: only the first is drawn
    expect(titles).toEqual([
      "Won rate by events.demo_request",
      "Won rate by seniority",
      "Won rate by engagement.decayed_total",
    ]);
  });

  it("builds calibration and lift from the validation deciles", () => {
    const inputs = calibration();
    if (!inputs.fit.ok) throw new Error("fixture has no fit");
    const validation = inputs.fit.value.scorecard.validation;
    const doc = section(buildCalibrationReport(inputs), "fit-quality");
    const [cal, lift] = doc.blocks.filter((b): b is ChartBlock => b.kind === "chart");
    expect(cal?.data.calibration).toHaveLength(validation?.deciles.length ?? -1);
    expect(lift?.data.deciles?.[0]).toMatchObject({
      decile: 1,
      lift: expect.closeTo(validation?.deciles[0]?.lift ?? Number.NaN, 7),
    });
  });

  it("leaves quarters that were not evaluated without an achieved value", () => {
    const inputs = calibration();
    const table = section(buildCalibrationReport(inputs), "stability").blocks.find(
      (b) => b.kind === "table",
    ) as TableBlock;
    const q4 = table.rows.find((r) => r.quarter === "2026Q4");
    expect(q4).toMatchObject({ achieved: null, hindsight: null });
    expect(table.rows.find((r) => r.quarter === "2025Q2")?.achieved).toBe("$469,400");
  });

  it("charts each quarter's chosen and hindsight thresholds, skipping the missing ones", () => {
    const inputs = calibration();
    const wf = backtestOf(inputs).walk_forward;
    const chart = section(buildCalibrationReport(inputs), "stability").blocks[0] as ChartBlock;
    expect(chart.chart).toBe("calibration/walk-forward");
    const rows = chart.data.quarters ?? [];
    expect(rows.filter((r) => r.kind === "Chosen beforehand")).toHaveLength(
      wf?.quarters.filter((q) => q.chosen !== null).length ?? -1,
    );
    expect(rows.filter((r) => r.kind === "Best in hindsight").map((r) => r.quarter)).not.toContain(
      "2026Q4",
    );
    expect(
      rows.find((r) => r.quarter === "2025Q4" && r.kind === "Chosen beforehand")?.threshold,
    ).toBe(25);
  });

  it("says why a stage is missing instead of drawing it", () => {
    const inputs = { ...calibration(), backtest: { ok: false as const, reason: "no dates" } };
    const doc = buildCalibrationReport(inputs);
    expect(doc.sections.map((s) => s.id)).toEqual([
      "threshold",
      "features",
      "scorecard",
      "fit-quality",
    ]);
    expect(JSON.stringify(section(doc, "threshold").blocks)).toContain("not available: no dates");
  });

  it("fills every chart with data valid against the Vega-Lite schema", () => {
    expect(chartSchemaErrors(buildCalibrationReport(calibration()))).toEqual([]);
  });

  it("renders a hostile feature or category name as text", () => {
    const inputs = calibration();
    if (!inputs.profile.ok) throw new Error("fixture has no profile");
    const feature = inputs.profile.value.profiles[0];
    if (!feature) throw new Error("no feature");
    feature.feature = HOSTILE;
    const html = renderReport(buildCalibrationReport(inputs));
    expect(html).not.toContain(HOSTILE);
    expect(html.match(/<script[\s>]/g)).toHaveLength(4);
  });
});

describe("buildCalibrationReport(inputs).modelCard", () => {
  it("names the model and says which threshold is recommended and which is the model's own", () => {
    const inputs = calibration();
    const card = buildCalibrationReport(inputs).modelCard;
    expect(card.model).toBe(inputs.context.model?.label);
    expect(card.threshold).toBe(
      `${backtestOf(inputs).recommendation.threshold} points, recommended by the backtest on this page (the model's own threshold: ${inputs.model.threshold} points)`,
    );
  });
});
