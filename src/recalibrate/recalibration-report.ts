import type { BacktestResult } from "../backtest/run-backtest.js";
import type { SweepRow } from "../backtest/summarise-sweep.js";
import type { DriftResult } from "../drift/measure-drift.js";
import type { FittedScorecard } from "../features/fit-scorecard.js";
import { formatCell } from "../report/format-cell.js";
import { buildCalibrationReport } from "../report/pages/calibration.js";
import { moneyShort } from "../report/pages/page-helpers.js";
import type { CalibrationInputs } from "../report/pages/page-inputs.js";
import type { Band, ReportDocument, Section } from "../report/types.js";

/** Everything the quarterly recalibration run found, for the report and the summary file. */
export interface RecalibrationResults {
  quarter: string;
  generatedAt: string;
  command: string;
  currency: string;
  /** The rule in force: model file, its name and the threshold used. */
  current: { file: string; name: string | null; threshold: number };
  /** The candidate: the file name it is published under and its SHA-256. */
  candidate: { file: string; sha256: string; threshold: number | null; fitThreshold: number };
  card: FittedScorecard;
  /**
   * The candidate's calibration page inputs (the pages' `buildCalibrationReport`): its profile,
   * fit, model and backtest, with the rule in force as the current line.
   */
  calibration: CalibrationInputs;
  /** The current model's backtest (its own threshold as the current line). */
  currentBacktest: BacktestResult;
  /** The candidate's backtest, with the swap set against the rule in force. */
  candidateBacktest: BacktestResult;
  drift: DriftResult | null;
  driftNote: string | null;
  /** Capabilities the data lacks (from the load status), one line each. */
  statusNotes: string[];
  dataWindow: string;
  files: { path: string; sha256: string }[];
}

const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : `${(x * 100).toFixed(digits)}%`;
const num = (x: number | null | undefined, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? "–"
    : x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pts = (x: number | null) =>
  x === null ? "" : `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} pts`;

/**
 * The recalibration report: a summary with the decision to sign off, current against proposed
 * (thresholds, volumes, rates, swap set), the candidate's calibration (feature strength, the
 * scorecard, threshold trade-off, calibration and lift on validation leads, walk-forward), and
 * drift since the previous quarter. Pure: results in, a `ReportDocument` out.
 */
export function recalibrationReport(r: RecalibrationResults): ReportDocument {
  const money = (x: number | null | undefined) => formatCell(x ?? null, "money", r.currency);
  const cur = lineOf(r.currentBacktest.current);
  const retuned = rowAt(r.currentBacktest, r.currentBacktest.recommendation.threshold);
  const proposed = rowAt(r.candidateBacktest, r.candidateBacktest.recommendation.threshold);
  const bands = r.candidateBacktest.constraints.bands;
  const sections: Section[] = [];

  // 1. summary and sign-off
  const verdictBand = (row: SweepRow | null): Band =>
    row === null
      ? "neutral"
      : row.verdict === "healthy"
        ? "good"
        : row.verdict === "no outcomes"
          ? "neutral"
          : "watch";
  const driftBand: Band =
    r.drift === null
      ? "neutral"
      : r.drift.verdict === "due"
        ? "bad"
        : r.drift.verdict === "watch"
          ? "watch"
          : "good";
  sections.push({
    id: "summary",
    heading: `Recalibration for ${r.quarter}: what changes`,
    intro:
      "The model in force against a candidate refitted on the latest data, both replayed over the same leads. Rates are over mature leads; volumes over every lead.",
    blocks: [
      {
        kind: "headlines",
        items: [
          {
            label: "Proposed threshold",
            value: r.candidate.threshold === null ? "none" : `${r.candidate.threshold} pts`,
            change: `current rule: ${r.current.threshold} pts (different model scale)`,
            band: r.candidate.threshold === null ? "bad" : "neutral",
          },
          {
            label: "MQLs per week",
            value: num(proposed?.mql_per_week, 1),
            change: `current ${num(cur?.mql_per_week, 1)}`,
            band: "neutral",
            note:
              r.candidateBacktest.constraints.weeklyCapacity !== undefined
                ? `capacity ${r.candidateBacktest.constraints.weeklyCapacity}/week`
                : undefined,
          },
          {
            label: "MQL→SQL",
            value: pct(proposed?.sql_rate),
            change: `${pts(diff(proposed?.sql_rate, cur?.sql_rate))} vs current`,
            band: verdictBand(proposed),
          },
          {
            label: "MQL→won",
            value: pct(proposed?.won_rate),
            change: `${pts(diff(proposed?.won_rate, cur?.won_rate))} vs current`,
          },
          {
            label: "Won revenue captured",
            value: proposed === null ? "–" : moneyShort(proposed.won_amount, r.currency),
            change: `${money(proposed?.won_amount)}; current ${money(cur?.won_amount)}`,
          },
          {
            label: "Drift",
            value: r.drift ? r.drift.verdict : "not measured",
            change: r.drift?.score ? `score PSI ${r.drift.score.psi.toFixed(3)}` : undefined,
            band: driftBand,
          },
        ],
      },
      { kind: "text", paragraphs: summaryParagraphs(r, cur, proposed) },
    ],
  });

  // 2. current vs proposed
  const compare = (label: string, model: string, row: SweepRow | null) => ({
    rule: `${label} (${model})`,
    threshold: row?.threshold ?? null,
    mql: row?.mql ?? null,
    per_week: row?.mql_per_week ?? null,
    sql_rate: row?.sql_rate ?? null,
    won_rate: row?.won_rate ?? null,
    won: row?.mql_won ?? null,
    revenue: row?.won_amount ?? null,
    unobserved: row?.mql_unobserved ?? null,
    verdict: row?.verdict ?? "—",
  });
  const swap = r.candidateBacktest.swap_set ?? [];
  sections.push({
    id: "comparison",
    heading: "Current against proposed",
    intro: `The rule in force, the same model at the threshold the backtest would choose for it now, and the candidate at its recommended threshold. ${r.candidateBacktest.recommendation.reason}`,
    blocks: [
      {
        kind: "table",
        columns: [
          { key: "rule", label: "Rule (model file)", format: "text" },
          { key: "threshold", label: "Threshold", format: "int" },
          { key: "mql", label: "MQLs", format: "int" },
          { key: "per_week", label: "MQLs/week", format: "number" },
          { key: "sql_rate", label: "MQL→SQL", format: "pct" },
          { key: "won_rate", label: "MQL→won", format: "pct" },
          { key: "won", label: "Won", format: "int" },
          { key: "revenue", label: "Revenue captured", format: "money" },
          { key: "unobserved", label: "Never handed over", format: "int" },
          { key: "verdict", label: "Verdict", format: "text" },
        ],
        rows: [
          compare("In force", r.current.file, cur),
          compare("In force, threshold re-tuned", r.current.file, retuned),
          compare("Proposed", r.candidate.file.split("/").pop() ?? r.candidate.file, proposed),
        ],
        caption: `Health bands: MQL→SQL below ${pct(bands.too_loose_below, 0)} too loose, above ${pct(bands.too_strict_above, 0)} too strict. "Never handed over": MQLs under the rule that sales never saw historically; their outcome is unknown, not a failure.`,
      },
      {
        kind: "table",
        columns: [
          { key: "movement", label: "Lead movement", format: "text" },
          { key: "leads", label: "Leads", format: "int" },
          { key: "mature", label: "Mature", format: "int" },
          { key: "sql_rate", label: "SQL rate", format: "pct" },
          { key: "won_rate", label: "Won rate", format: "pct" },
          { key: "won", label: "Won", format: "int" },
          { key: "won_amount", label: "Won revenue", format: "money" },
          { key: "unobserved", label: "Never handed over", format: "int" },
        ],
        rows: swap.map((s) => ({ ...s })),
        caption:
          "Swap set: leads that stay in, move in, move out and stay out of MQL when the candidate replaces the rule in force, with their historical outcomes. Leads moving in that were never handed over are the part of the change the data cannot vouch for.",
      },
    ],
  });

  // 3. the candidate's calibration: the calibration page's sections (its swap set is the
  // comparison's, shown above)
  const calibration = buildCalibrationReport(r.calibration);
  sections.push(...calibration.sections.filter((section) => section.id !== "swap-set"));

  // 4. drift
  if (r.drift) {
    const d = r.drift;
    sections.push({
      id: "drift",
      heading: `Drift from ${d.from} to ${d.to}`,
      intro:
        "Population stability index (PSI) of the score and of each feature between the two quarters of decision time: below 0.1 stable, 0.1–0.25 watch, above 0.25 shifted.",
      blocks: [
        {
          kind: "text",
          paragraphs: [
            `Recalibration ${d.verdict === "due" ? "is due" : d.verdict === "watch" ? "is worth watching" : "is not forced by drift"}: ${d.reasons.length > 0 ? d.reasons.join("; ") : "no feature the model uses moved, and the score distribution is stable"}.`,
            ...d.notes,
          ],
        },
        {
          kind: "table",
          columns: [
            { key: "feature", label: "Feature", format: "text" },
            { key: "used", label: "In the model", format: "text" },
            { key: "psi", label: "PSI", format: "text" },
            { key: "band", label: "Band", format: "text" },
          ],
          rows: [
            ...(d.score
              ? [
                  {
                    feature: "score (model in force)",
                    used: "—",
                    psi: d.score.psi,
                    band: d.score.band,
                  },
                ]
              : []),
            ...d.features.map((f) => ({
              feature: f.feature,
              used: f.used ? "yes" : "",
              psi: f.psi.toFixed(3),
              band: f.band,
            })),
          ],
        },
      ],
    });
  } else if (r.driftNote) {
    sections.push({
      id: "drift",
      heading: "Drift",
      blocks: [{ kind: "text", paragraphs: [r.driftNote] }],
    });
  }

  // 5. notes
  const notes = [
    ...r.statusNotes,
    ...r.currentBacktest.notes.map((n) => `model in force: ${n}`),
    ...r.candidateBacktest.notes.map((n) => `candidate: ${n}`),
  ];
  if (notes.length > 0)
    sections.push({
      id: "notes",
      heading: "Notes on the data",
      blocks: [{ kind: "text", paragraphs: notes }],
    });

  return {
    title: `MQL model recalibration, ${r.quarter}`,
    subtitle: "For sign-off by marketing and sales",
    generatedAt: r.generatedAt,
    currency: r.currency,
    sections,
    modelCard: {
      dataWindow: r.dataWindow,
      files: r.files,
      model: `in force: ${r.current.file}${r.current.name ? ` ("${r.current.name}")` : ""}; proposed: ${r.candidate.file} (SHA-256 ${r.candidate.sha256})`,
      threshold: `in force ${r.current.threshold} points; proposed ${r.candidate.threshold ?? "none"} points (the fit's max-KS suggestion was ${r.candidate.fitThreshold})`,
      definitions: [
        {
          term: "MQL",
          definition:
            "A lead whose score reaches the threshold (passing every gate), at the first moment it does.",
        },
        {
          term: "MQL→SQL",
          definition:
            "Mature MQLs accepted by sales ÷ mature MQLs handed to sales, with 95% Wilson intervals in the backtest output.",
        },
        { term: "MQL→won", definition: "Mature MQLs with a won deal ÷ mature MQLs." },
        {
          term: "Mature",
          definition: `A lead whose outcome window (decision time + ${r.candidateBacktest.windows.maturityDays} days) is over.`,
        },
        {
          term: "PSI",
          definition:
            "Population stability index: Σ (share now − share before) × ln(share now ÷ share before) over bins.",
        },
        {
          term: "Swap set",
          definition:
            "Leads whose MQL status differs between the rule in force and the proposed one.",
        },
      ],
      command: r.command,
    },
  };
}

function summaryParagraphs(
  r: RecalibrationResults,
  cur: SweepRow | null,
  proposed: SweepRow | null,
): string[] {
  const out: string[] = [];
  if (proposed === null || r.candidate.threshold === null) {
    out.push(
      `No threshold of the candidate meets the constraints (${r.candidateBacktest.recommendation.reason}). Keep the rule in force and review the constraints in handoff.yaml.`,
    );
  } else {
    out.push(
      `The candidate at ${r.candidate.threshold} points would have produced ${num(proposed.mql_per_week, 1)} MQLs a week (current rule: ${num(cur?.mql_per_week, 1)}), with ${pct(proposed.sql_rate)} accepted by sales (current: ${pct(cur?.sql_rate)}) and ${formatCell(proposed.won_amount, "money", r.currency)} of won revenue captured (current: ${formatCell(cur?.won_amount ?? null, "money", r.currency)}).`,
    );
    const movesIn = r.candidateBacktest.swap_set?.find((s) => s.movement === "moves in");
    const movesOut = r.candidateBacktest.swap_set?.find((s) => s.movement === "moves out");
    if (movesIn && movesOut)
      out.push(
        `${num(movesIn.leads)} leads would become MQLs that were not (${num(movesIn.unobserved)} of them never handed to sales, so their outcome is unknown); ${num(movesOut.leads)} would no longer be MQLs (won rate ${pct(movesOut.won_rate)}).`,
      );
  }
  out.push(
    "Sign-off: marketing (owner of the MQL definition) and sales (owner of acceptance) approve the threshold and the model file named below, or keep the rule in force. Record the decision and the SHA-256 of the model file.",
  );
  return out;
}

function lineOf(row: (SweepRow & { same_model: boolean }) | null): SweepRow | null {
  return row;
}

function rowAt(result: BacktestResult, threshold: number | null): SweepRow | null {
  return threshold === null ? null : (result.sweep.find((s) => s.threshold === threshold) ?? null);
}

function diff(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined ? null : a - b;
}
