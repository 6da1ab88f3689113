import type { BacktestResult } from "../../backtest/run-backtest.js";
import type { FeatureProfile } from "../../features/profile-features.js";
import { isNumericRule, type Model } from "../../model/model-file.js";
import type { DecileRow } from "../../stats/decile-table.js";
import { IV_LEAKAGE_THRESHOLD } from "../../stats/iv-band.js";
import { wilsonInterval } from "../../stats/wilson-interval.js";
import type { Block, ModelCard, ReportDocument, Section } from "../types.js";
import {
  count,
  DEFINITIONS,
  modelCardOf,
  money,
  pct,
  tidyChartData,
  unavailableSection,
} from "./page-helpers.js";
import type { CalibrationInputs } from "./page-inputs.js";

/** Features on the IV chart, strongest first; the rest are summarised in its caption. */
const MAX_IV_FEATURES = 16;
/** Features whose per-bin won rate is drawn. */
const TOP_FEATURES = 3;

/**
 * The calibration page: which features carry signal (IV, won rate per bin), the scorecard as a
 * table, where to draw the line (threshold trade-off with the recommended and current lines and
 * the healthy band), whether predicted rates match observed ones, lift by decile, walk-forward
 * stability and the swap set. Pure: results in, document out.
 */
export function buildCalibrationReport(inputs: CalibrationInputs): ReportDocument {
  const { context } = inputs;
  const sections: Section[] = [];
  if (inputs.backtest.ok) sections.push(thresholdSection(inputs.backtest.value, inputs));
  else
    sections.push(
      unavailableSection(
        "threshold",
        "Where to draw the line",
        "The threshold backtest is",
        inputs.backtest.reason,
      ),
    );
  sections.push(profileSection(inputs));
  sections.push(scorecardSection(inputs.model));
  sections.push(fitQualitySection(inputs));
  if (inputs.backtest.ok)
    sections.push(...stabilitySections(inputs.backtest.value, inputs, context.currency));
  return tidyChartData({
    title: "Lead score calibration",
    subtitle: "Which lead signals matter, how the score is built, and where the MQL line belongs.",
    generatedAt: context.generatedAt,
    currency: context.currency,
    sections,
    modelCard: calibrationCard(inputs, [
      DEFINITIONS.mql,
      DEFINITIONS.threshold,
      DEFINITIONS.points,
      DEFINITIONS.iv,
      DEFINITIONS.mqlToSql,
      DEFINITIONS.mqlToWon,
      DEFINITIONS.healthBand,
      DEFINITIONS.lift,
      DEFINITIONS.calibration,
      DEFINITIONS.interval,
      DEFINITIONS.regret,
      DEFINITIONS.swapSet,
      DEFINITIONS.maturity,
    ]),
  });
}

function thresholdSection(result: BacktestResult, inputs: CalibrationInputs): Section {
  const rec = result.recommendation;
  const { too_loose_below: lo, too_strict_above: hi } = result.constraints.bands;
  const curves = result.sweep.flatMap((row) => {
    const points: { threshold: number; metric: string; value: number }[] = [];
    if (row.leads > 0)
      points.push({
        threshold: row.threshold,
        metric: "Leads passed as MQLs",
        value: row.mql / row.leads,
      });
    if (row.sql_rate !== null)
      points.push({ threshold: row.threshold, metric: "MQL→SQL", value: row.sql_rate });
    if (row.won_rate !== null)
      points.push({ threshold: row.threshold, metric: "MQL→won", value: row.won_rate });
    if (row.won_amount_total > 0)
      points.push({
        threshold: row.threshold,
        metric: "Won revenue captured",
        value: row.won_amount / row.won_amount_total,
      });
    return points;
  });
  const markers: { threshold: number; kind: string; label: string }[] = [];
  if (rec.threshold !== null)
    markers.push({
      threshold: rec.threshold,
      kind: "recommended",
      label: `Recommended ${rec.threshold}`,
    });
  const current = result.current;
  if (current?.same_model)
    markers.push({
      threshold: current.threshold,
      kind: "current",
      label: `Current ${current.threshold}`,
    });
  const chosen = result.sweep.find((r) => r.threshold === rec.threshold);
  const items = [];
  if (chosen && rec.threshold !== null) {
    items.push(
      {
        label: "Recommended threshold",
        value: `${rec.threshold} points`,
        band: "neutral" as const,
        note: `Maximises ${rec.objective === "won_revenue" ? "won revenue" : "won deals"} captured within sales capacity and the minimum MQL→SQL rate.`,
      },
      {
        label: "MQLs a week",
        value: chosen.mql_per_week === null ? "—" : chosen.mql_per_week.toFixed(1),
        band:
          result.constraints.weeklyCapacity === undefined
            ? ("neutral" as const)
            : (chosen.mql_per_week ?? 0) <= result.constraints.weeklyCapacity
              ? ("good" as const)
              : ("bad" as const),
        note:
          result.constraints.weeklyCapacity === undefined
            ? "No capacity set."
            : `Capacity ${result.constraints.weeklyCapacity} a week.`,
      },
      {
        label: "MQL→SQL",
        value: pct(chosen.sql_rate),
        band:
          chosen.sql_rate === null
            ? ("neutral" as const)
            : chosen.sql_rate >= lo && chosen.sql_rate <= hi
              ? ("good" as const)
              : ("watch" as const),
        note: `95% interval ${pct(chosen.sql_rate_low)} to ${pct(chosen.sql_rate_high)}; healthy ${pct(lo)} to ${pct(hi)}.`,
      },
      {
        label: "Won revenue kept",
        value: chosen.won_amount_total > 0 ? pct(chosen.won_amount / chosen.won_amount_total) : "—",
        band: "neutral" as const,
        note: `${money(chosen.won_amount, inputs.context.currency)} captured, ${money(chosen.won_amount_missed, inputs.context.currency)} below the line.`,
      },
    );
  }
  const paragraphs = [sentence(rec.reason)];
  if (current)
    paragraphs.push(
      `The rule in force (${inputs.current?.label ?? "current rule"}, threshold ${current.threshold}) made ${count(current.mql)} MQLs${current.mql_per_week === null ? "" : ` (${current.mql_per_week.toFixed(1)} a week)`} with MQL→SQL ${pct(current.sql_rate)} and captured ${money(current.won_amount, inputs.context.currency)} of won revenue.${current.same_model ? "" : " It scores leads with a different model, so its threshold is not on this chart's scale and is not marked."}`,
    );
  if (result.labels.mqlDated === 0)
    paragraphs.push(
      "The export has no MQL dates: a handoff is only seen when sales accepted the lead, so MQL→SQL reads 100% and is not a useful guide here.",
    );
  for (const note of result.notes) paragraphs.push(`Note: ${note}.`);
  const blocks: Block[] = [];
  if (items.length > 0) blocks.push({ kind: "headlines", items });
  blocks.push(
    {
      kind: "chart",
      chart: "common/threshold-tradeoff",
      title: "What each threshold would have done",
      data: {
        curves,
        health: [{ lower: lo, upper: hi, label: `Healthy MQL→SQL ${pct(lo)} to ${pct(hi)}` }],
        markers,
      },
      caption: `Each line replays the model over ${count(result.population.leads)} leads at every threshold. Rates are over mature leads only; MQLs never handed to sales historically are not counted as failures.`,
    },
    { kind: "text", paragraphs },
  );
  return {
    id: "threshold",
    heading: "Where to draw the line",
    intro:
      "Raising the threshold sends fewer, better leads to sales but lets some future customers slip below the line. This chart shows the trade.",
    blocks,
  };
}

function ivBandOf(profile: FeatureProfile): string {
  if (profile.iv > IV_LEAKAGE_THRESHOLD) return "suspicious";
  return profile.band === "none" ? "useless" : profile.band;
}

function profileSection(inputs: CalibrationInputs): Section {
  if (!inputs.profile.ok)
    return unavailableSection(
      "features",
      "Which signals matter",
      "The feature profile is",
      inputs.profile.reason,
    );
  const result = inputs.profile.value;
  const profiles = result.profiles;
  const shown = profiles.slice(0, MAX_IV_FEATURES);
  const blocks: Block[] = [
    {
      kind: "chart",
      chart: "common/iv-by-feature",
      title: "Predictive strength of each signal (information value)",
      data: { features: shown.map((p) => ({ feature: p.feature, iv: p.iv, band: ivBandOf(p) })) },
      caption: `The ${shown.length} strongest of ${profiles.length} candidate signals, over ${count(result.labels.mature)} mature leads (${count(result.labels.won)} won). "Suspicious" (above ${IV_LEAKAGE_THRESHOLD}) means unusually strong: check the field is known before the handoff and not filled in because of the outcome.`,
    },
  ];
  const base = result.labels.mature > 0 ? result.labels.won / result.labels.mature : null;
  // the strongest features, skipping one that splits the leads exactly as a feature already
  // shown (an event counted both as engagement and as decayed intent: same groups, other labels)
  const shownBins = new Set<string>();
  const top: FeatureProfile[] = [];
  for (const p of profiles) {
    if (top.length === TOP_FEATURES) break;
    const key = JSON.stringify(p.bins.map((b) => [b.leads, b.won]));
    if (shownBins.has(key)) continue;
    shownBins.add(key);
    top.push(p);
  }
  for (const p of top) {
    blocks.push({
      kind: "chart",
      chart: "common/rate-by-bin",
      title: `Won rate by ${p.feature}`,
      data: {
        bins: p.bins.map((b, i) => ({
          bin: b.label,
          order: i,
          rate: b.wonRate,
          lower: b.wonLow,
          upper: b.wonHigh,
          n: b.leads,
        })),
        overall: base === null ? [] : [{ rate: base, label: `All leads ${pct(base)}` }],
      },
      caption: `Each bar is the share of mature leads in the group that were won, with its 95% interval; IV ${p.iv.toFixed(2)}.${p.bins.some((b) => b.thin) ? " Some groups have few wins: their intervals are wide." : ""}`,
    });
  }
  return {
    id: "features",
    heading: "Which signals matter",
    intro:
      "Before fitting a score, each candidate signal is checked on its own: does knowing it separate leads that became customers from those that did not?",
    blocks,
  };
}

function scorecardSection(model: Model): Section {
  const rows: Record<string, unknown>[] = [];
  const pts = (p: number) => (p > 0 ? `+${p}` : p < 0 ? `−${-p}` : "0");
  for (const rule of model.fit_rules) {
    const parts = isNumericRule(rule)
      ? [
          ...rule.bins.map((bin) => `${rangeText(bin.min, bin.max)}: ${pts(bin.points)}`),
          ...(rule.missing === undefined ? [] : [`missing: ${pts(rule.missing)}`]),
        ]
      : Object.entries(rule.points).map(([value, points]) => `${value}: ${pts(points)}`);
    const values = isNumericRule(rule)
      ? [...rule.bins.map((b) => b.points), rule.missing ?? 0]
      : Object.values(rule.points);
    rows.push({
      signal: rule.label ?? rule.field,
      kind: "who the lead is",
      points: parts.join(" · "),
      range: `${pts(Math.min(...values))} to ${pts(Math.max(...values))}`,
    });
  }
  for (const rule of model.intent_rules) {
    const halfLife = "half_life_days" in rule ? rule.half_life_days : undefined;
    rows.push({
      signal: rule.label ?? ("activity" in rule ? rule.activity : rule.count_column),
      kind: "what the lead did",
      points: `${pts(rule.points)} per ${"activity" in rule ? "event" : "count"}${halfLife === undefined ? "" : `, halving every ${halfLife} days`}`,
      range: rule.cap === undefined ? "no cap" : `up to ${pts(rule.cap)}`,
    });
  }
  const pdo = model.scaling?.points_to_double_odds;
  return {
    id: "scorecard",
    heading: "The scorecard",
    intro: `A lead's score is the sum of its points; it becomes an MQL at ${model.threshold} points.${pdo === undefined ? "" : ` Every ${pdo} points double the odds of winning.`}`,
    blocks: [
      {
        kind: "table",
        columns: [
          { key: "signal", label: "Signal", format: "text" },
          { key: "kind", label: "Kind", format: "text" },
          { key: "points", label: "Points by value", format: "text" },
          { key: "range", label: "Range", format: "text" },
        ],
        rows,
        caption: `${model.fit_rules.length} fit rules (who the lead is) and ${model.intent_rules.length} intent rules (what the lead did, fading with time).${model.gates.length > 0 ? ` ${model.gates.length} gates must also pass.` : ""}`,
      },
    ],
  };
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min === undefined && max === undefined) return "any";
  if (min === undefined) return `below ${max}`;
  if (max === undefined) return `${min} or more`;
  return `${min} to below ${max}`;
}

function fitQualitySection(inputs: CalibrationInputs): Section {
  if (!inputs.fit.ok)
    return unavailableSection(
      "fit-quality",
      "Does the score rank and predict well?",
      "Fit metrics are",
      inputs.fit.reason,
    );
  const { scorecard, features } = inputs.fit.value;
  const split = scorecard.validation ?? scorecard.train;
  const which = scorecard.validation ? "validation" : "training";
  const deciles = split.deciles.filter((d) => d.n > 0);
  const calibration = deciles
    .filter((d): d is DecileRow & { meanPredicted: number } => d.meanPredicted !== null)
    .map((d) => {
      const w = wilsonInterval(d.events, d.n);
      return { predicted: d.meanPredicted, observed: d.rate, lower: w.low, upper: w.high, n: d.n };
    });
  const lift = deciles
    .filter((d) => Number.isFinite(d.lift))
    .map((d) => ({ decile: d.group, lift: d.lift, rate: d.rate, n: d.n }));
  const top = deciles[0];
  const paragraphs = [
    `On the ${count(split.leads)} ${which} leads (${count(split.events)} ${scorecard.target}), the score's AUC is ${split.auc === null ? "—" : split.auc.toFixed(2)} (0.5 is a coin toss, 1 is perfect ranking).${top ? ` The top tenth of scores holds ${pct(top.cumulativeEventShare)} of the ${scorecard.target} leads.` : ""}`,
    `Split: ${features.splitNote}.`,
  ];
  return {
    id: "fit-quality",
    heading: "Does the score rank and predict well?",
    intro: `Checked on leads the score was not fitted on (${which} split).`,
    blocks: [
      { kind: "text", paragraphs },
      {
        kind: "chart",
        chart: "common/calibration",
        title: "Predicted against observed won rate",
        data: { calibration },
        caption:
          "One point per tenth of leads by score. On the dashed line the predicted rate equals the observed one; error bars are 95% intervals.",
      },
      {
        kind: "chart",
        chart: "common/lift-by-decile",
        title: "Lift by score decile",
        data: { deciles: lift },
        caption:
          "How many times the average won rate each tenth of leads reaches, highest scores first.",
      },
    ],
  };
}

function stabilitySections(
  result: BacktestResult,
  inputs: CalibrationInputs,
  currency: string,
): Section[] {
  const sections: Section[] = [];
  const wf = result.walk_forward;
  if (wf) {
    const unit = (v: number | null) =>
      v === null
        ? null
        : result.constraints.objective === "won_revenue"
          ? money(v, currency)
          : count(v);
    sections.push({
      id: "stability",
      heading: "Would the choice have held up?",
      intro:
        "Walk-forward check: for each quarter, the threshold is chosen only on the data available before it, then judged on the quarter itself.",
      blocks: [
        {
          kind: "chart",
          chart: "calibration/walk-forward",
          title: "Threshold chosen beforehand against the best in hindsight, by quarter",
          data: {
            quarters: wf.quarters.flatMap((q, order) => [
              ...(q.chosen === null
                ? []
                : [{ quarter: q.quarter, order, kind: "Chosen beforehand", threshold: q.chosen }]),
              ...(q.hindsight === null
                ? []
                : [
                    {
                      quarter: q.quarter,
                      order,
                      kind: "Best in hindsight",
                      threshold: q.hindsight,
                    },
                  ]),
            ]),
            recommended:
              result.recommendation.threshold === null
                ? []
                : [
                    {
                      threshold: result.recommendation.threshold,
                      label: `Recommended ${result.recommendation.threshold}`,
                    },
                  ],
          },
          caption:
            "Close lines mean the choice made on past data would have held up; but neighbouring thresholds often capture nearly the same revenue, so the amount left on the table (below) matters more than the gap. Quarters without mature outcomes have no hindsight point.",
        },
        {
          kind: "table",
          columns: [
            { key: "quarter", label: "Quarter", format: "text" },
            { key: "trained", label: "Mature leads before", format: "int" },
            { key: "chosen", label: "Chosen", format: "number" },
            { key: "achieved", label: "Achieved", format: "text" },
            { key: "hindsight", label: "Best in hindsight", format: "number" },
            { key: "regret", label: "Left on the table", format: "text" },
            { key: "note", label: "Note", format: "text" },
          ],
          rows: wf.quarters.map((q) => ({
            quarter: q.quarter,
            trained: q.train.mature,
            chosen: q.chosen,
            achieved: q.hindsight === null ? null : unit(q.chosen_value),
            hindsight: q.hindsight,
            regret: unit(q.regret),
            note: [q.note, ...q.chosen_violations].filter((x) => x).join("; ") || null,
          })),
          caption:
            "Quarters whose outcomes are not in yet are listed but not judged. A negative amount left on the table means the choice broke a constraint that quarter and captured more than any line that kept it.",
        },
        {
          kind: "text",
          paragraphs: [
            `Chosen thresholds: ${wf.stability.chosen.join(", ") || "none"} (${wf.stability.distinct} distinct${wf.stability.mean_abs_change === null ? "" : `, moving ${wf.stability.mean_abs_change.toFixed(1)} points a quarter on average`}).${wf.captured_share === null ? "" : ` Together they captured ${pct(wf.captured_share)} of what the best line in hindsight would have.`}`,
          ],
        },
      ],
    });
  }
  if (result.swap_set) {
    const label: Record<string, string> = {
      "stays in": "MQL under both rules",
      "moves in": "Becomes an MQL",
      "moves out": "No longer an MQL",
      "stays out": "MQL under neither",
    };
    sections.push({
      id: "swap-set",
      heading: "Who changes sides",
      intro: `Leads the recommended threshold would hand to sales that the rule in force (${inputs.current?.label ?? "current rule"}) did not, and the reverse, with how they historically converted.`,
      blocks: [
        {
          kind: "table",
          columns: [
            { key: "movement", label: "Lead", format: "text" },
            { key: "leads", label: "Leads", format: "int" },
            { key: "sql", label: "MQL→SQL", format: "pct" },
            { key: "sqlCi", label: "95% interval", format: "text" },
            { key: "won", label: "Won", format: "int" },
            { key: "wonRate", label: "Won rate", format: "pct" },
            { key: "revenue", label: "Won revenue", format: "money" },
            { key: "unobserved", label: "Never handed to sales", format: "int" },
          ],
          rows: result.swap_set.map((r) => ({
            movement: label[r.movement] ?? r.movement,
            leads: r.leads,
            sql: r.sql_rate,
            sqlCi:
              r.sql_rate_low === null || r.sql_rate_high === null
                ? null
                : `${pct(r.sql_rate_low)} to ${pct(r.sql_rate_high)}`,
            won: r.won,
            wonRate: r.won_rate,
            revenue: r.won_amount,
            unobserved: r.unobserved,
          })),
          caption:
            "Leads never handed to sales have no known SQL outcome: they are not counted as failures, which is why their SQL intervals are wide.",
        },
      ],
    });
  }
  return sections;
}

/** A message as a sentence: capital first letter, full stop. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, "");
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

/** The model card, its threshold line saying which threshold the page recommends and the model's own. */
function calibrationCard(
  inputs: CalibrationInputs,
  definitions: { term: string; definition: string }[],
): ModelCard {
  const card = modelCardOf(inputs.context, definitions);
  const recommended = inputs.backtest.ok ? inputs.backtest.value.recommendation.threshold : null;
  if (recommended !== null)
    card.threshold = `${recommended} points, recommended by the backtest on this page (the model's own threshold: ${inputs.model.threshold} points)`;
  return card;
}
