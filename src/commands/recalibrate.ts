import { createHash } from "node:crypto";
import { basename, join, relative } from "node:path";
import { type BacktestResult, runBacktest } from "../backtest/run-backtest.js";
import { parseThresholdGrid } from "../backtest/threshold-grid.js";
import type { Output } from "../cli/output.js";
import { formatNumber, formatPercent } from "../cli/table.js";
import { loadConfig } from "../config/load-config.js";
import type { DriftResult } from "../drift/measure-drift.js";
import { formatQuarter, parseQuarter, quarterOf, shiftQuarter } from "../drift/quarter.js";
import { isUserError } from "../errors.js";
import { buildFeatures } from "../features/build-features.js";
import { fitScorecard } from "../features/fit-scorecard.js";
import { dataStatus } from "../load/data-status.js";
import { type Model, parseModel } from "../model/model-file.js";
import { type ModelHeader, writeModel } from "../model/write-model.js";
import { recalibrationReport } from "../recalibrate/recalibration-report.js";
import { renderReport } from "../report/index.js";
import type { CalibrationInputs } from "../report/pages/page-inputs.js";
import { faultPoint } from "../util/fault-point.js";
import { publishFolder } from "../util/publish-folder.js";
import { stableJson } from "../util/stable-number.js";
import { currentModelFile, driftOf } from "./drift.js";
import { assertScoredContent, fitSampleScores } from "./fit-sample-scores.js";
import { openLoaded } from "./open-loaded.js";
import { readModel } from "./score.js";

export interface RecalibrateOptions {
  db: string;
  config: string;
  json: boolean;
  /** The quarter the new model is for, "2026Q3"; default: the quarter of the data's as-of. */
  quarter?: string | undefined;
  /** Folder the run's folder `recalibration-<quarter>/` goes into (default "out"). */
  out: string;
  /** The command line, recorded in the report and the model header. */
  commandLine?: string | undefined;
  /** Fixed "generated at" text (tests, reproducible output); default: now. */
  generatedAt?: string | undefined;
}

export interface RecalibrateResult {
  quarter: string;
  folder: string;
  report: string;
  model: string;
  summary: string;
  /** Where a previous run for the same quarter was moved to, if there was one. */
  replaced: string | null;
  current: { file: string; threshold: number; recommended: number | null };
  candidate: { threshold: number | null; sha256: string };
  drift: DriftResult["verdict"] | null;
}

/** The files a run publishes, inside `<out>/recalibration-<quarter>/`. */
export const RECALIBRATION_FILES = {
  report: "recalibration-report.html",
  model: "candidate-model.yaml",
  summary: "summary.json",
} as const;

/**
 * `handoff recalibrate [--quarter 2026Q3] [--out out/]`, the quarterly routine:
 * 1. load status (what the data supports);
 * 2. features (labels, as-of features, bins on the training quarters);
 * 3. fit a candidate scorecard;
 * 4. backtest the model in force (backtest.current.model) and the candidate, each with a
 *    recommended threshold; the candidate's swap set against the rule in force;
 * 5. drift of the model in force between the two quarters before `quarter`;
 * 6. one recalibration report and the candidate model file (carrying its recommended
 *    threshold), published together as `<out>/recalibration-<quarter>/` by `publishFolder`:
 *    a run killed at any point leaves the out folder as it was, or the new folder complete.
 */
export async function recalibrate(
  options: RecalibrateOptions,
  out: Output,
): Promise<RecalibrateResult> {
  const { file: configFile } = loadConfig(options.config);
  const currentFile = currentModelFile(options.config, undefined);
  const currentModel = readModel(currentFile);
  const { db, config } = await openLoaded(options.db, options.config);
  // the name a replaced earlier run is kept under: the wall clock is fine here, it is not output
  const replacedStamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const command = options.commandLine ?? "handoff recalibrate";
  try {
    // 1. load status
    out.progress("1/6 checking what is loaded ...");
    const status = await dataStatus(db);
    const statusNotes = status.capabilities
      .filter((c) => !c.available)
      .map((c) => `not available: ${c.analysis}: ${c.note}`);
    faultPoint("recalibrate:status");

    // 2. features
    out.progress("2/6 building labels and features ...");
    const target = config.fit.target;
    const features = await buildFeatures(db, config, { target, purpose: "fit" });
    const asOf = features.windows.asOf;
    // the data's as-of, not the clock, so the same data gives the same files byte for byte
    const generatedAt =
      options.generatedAt ?? (asOf ? asOf.toISOString().replace(/\.\d+Z$/, "Z") : "undated data");
    const quarter =
      options.quarter !== undefined
        ? formatQuarter(parseQuarter(options.quarter, "--quarter"))
        : asOf
          ? formatQuarter(quarterOf(asOf))
          : "undated";
    faultPoint("recalibrate:features");

    // 3. fit the candidate
    out.progress(`3/6 fitting a candidate on ${features.sample.train} training leads ...`);
    const window = (
      await db.all<{ from: string | null; to: string | null }>(
        "SELECT strftime(min(l.created_at), '%Y-%m-%d') AS \"from\", strftime(max(l.created_at), '%Y-%m-%d') AS \"to\" FROM fit_sample s JOIN lead_labels l ON l.lead_id = s.lead_id",
      )
    )[0];
    const header: ModelHeader = {
      name: `${target} scorecard, candidate for ${quarter}`,
      description: `Fitted by handoff recalibrate on ${features.sample.train} training leads, validated on ${features.sample.validation}.`,
      created: asOf?.toISOString().replace(/\.\d+Z$/, "Z"),
      dataWindow: window?.from && window.to ? { from: window.from, to: window.to } : undefined,
      command,
      halfLifeDays: config.features.half_life_days,
      splitNote: features.splitNote,
    };
    // scored once, as `handoff fit` does: the candidate's backtest below reuses the records
    const shared = fitSampleScores(db, config, features, header, "candidate model", out);
    const card = await fitScorecard(db, features, {
      l2: config.fit.l2,
      pointsToDoubleOdds: config.fit.points_to_double_odds,
      minIv: config.fit.min_iv,
      sampleScores: shared.sampleScores,
    });
    const fitted = writeModel(card, header);
    const candidate = parseModel(fitted, "candidate model");
    assertScoredContent(candidate, shared.scored(), "recalibrate");
    faultPoint("recalibrate:fit");

    // 4. backtests
    const settings = config.backtest;
    const grid = parseThresholdGrid(
      settings.thresholds,
      `${configFile ?? "config"}: backtest.thresholds`,
    );
    const currentThreshold = settings.current?.threshold ?? currentModel.threshold;
    const backtestOf = (model: Model, current: { model: Model | null; threshold: number }) =>
      runBacktest(db, {
        model,
        grid,
        current,
        settings,
        windows: config.windows,
        halfLifeDays: config.features.half_life_days,
      });
    // the candidate first: it scores the model in force as its current rule, and the model in
    // force's own backtest then reuses those scores (scoreLeadsStored) instead of replaying them
    out.progress("4/6 backtesting the candidate ...");
    const candidateBacktest = await backtestOf(candidate, {
      model: currentModel,
      threshold: currentThreshold,
    });
    out.progress(`4/6 backtesting the model in force (${basename(currentFile)}) ...`);
    const currentBacktest = await backtestOf(currentModel, {
      model: null,
      threshold: currentThreshold,
    });
    faultPoint("recalibrate:backtest");

    // 5. drift between the two quarters before the one recalibrated for
    out.progress("5/6 measuring drift ...");
    let drift: DriftResult | null = null;
    let driftNote: string | null = null;
    if (asOf && quarter !== "undated") {
      const q = parseQuarter(quarter, "--quarter");
      try {
        drift = await driftOf(db, config, currentModel, {
          from: formatQuarter(shiftQuarter(q, -2)),
          to: formatQuarter(shiftQuarter(q, -1)),
          asOf,
        });
      } catch (error) {
        if (!isUserError(error)) throw error;
        driftNote = `Drift not measured: ${error.message}`;
      }
    } else driftNote = "Drift not measured: the leads have no dates.";
    faultPoint("recalibrate:drift");

    // 6. the report and the candidate file, published together
    out.progress("6/6 writing the report ...");
    const recommended = candidateBacktest.recommendation.threshold;
    const modelText = withThreshold(fitted, recommended, card.threshold, quarter);
    parseModel(modelText, RECALIBRATION_FILES.model); // still a valid model file
    const sha256 = createHash("sha256").update(modelText).digest("hex");
    const files = await db.query<{
      kind: string;
      file: string;
      sha256: string;
      rows_loaded: number;
    }>("report/loaded-files");
    const span = (
      await db.query<{ leads: number; first_created: Date | null; last_created: Date | null }>(
        "report/lead-span",
      )
    )[0];
    const folderName = `recalibration-${quarter}`;
    const calibration: CalibrationInputs = {
      context: {
        generatedAt,
        currency: "USD",
        command,
        files: files.map((f) => ({
          kind: f.kind,
          path: basename(f.file),
          sha256: f.sha256,
          rows: f.rows_loaded,
        })),
        leads: {
          count: span?.leads ?? 0,
          first: span?.first_created ?? null,
          last: span?.last_created ?? null,
        },
        asOf,
        maturityDays: features.windows.maturityDays,
        model: { label: `${folderName}/${RECALIBRATION_FILES.model}`, threshold: recommended },
      },
      profile: { ok: true, value: features },
      fit: { ok: true, value: { features, scorecard: card } },
      model: parseModel(modelText, RECALIBRATION_FILES.model),
      backtest: { ok: true, value: candidateBacktest },
      current: { label: `in force (${basename(currentFile)})`, threshold: currentThreshold },
    };
    const html = renderReport(
      recalibrationReport({
        quarter,
        generatedAt,
        command,
        currency: "USD",
        current: {
          file: basename(currentFile),
          name: currentModel.name ?? null,
          threshold: currentThreshold,
        },
        candidate: {
          file: `${folderName}/${RECALIBRATION_FILES.model}`,
          sha256,
          threshold: recommended,
          fitThreshold: card.threshold,
        },
        card,
        calibration,
        currentBacktest,
        candidateBacktest,
        drift,
        driftNote,
        statusNotes,
        dataWindow: dataWindowOf(candidateBacktest, asOf),
        files: files.map((f) => ({ path: basename(f.file), sha256: f.sha256 })),
      }),
    );
    faultPoint("recalibrate:report");
    const summary = {
      quarter,
      generated_at: generatedAt,
      command,
      current: {
        file: currentFile,
        threshold: currentThreshold,
        recommended_threshold: currentBacktest.recommendation.threshold,
        line: currentBacktest.current,
      },
      candidate: {
        file: RECALIBRATION_FILES.model,
        sha256,
        threshold: recommended,
        fit_threshold: card.threshold,
        recommendation: candidateBacktest.recommendation,
        line:
          recommended === null
            ? null
            : candidateBacktest.sweep.find((r) => r.threshold === recommended),
        swap_set: candidateBacktest.swap_set,
        metrics: {
          train: metricsOf(card.train),
          validation: card.validation ? metricsOf(card.validation) : null,
        },
      },
      drift: drift
        ? {
            from: drift.from,
            to: drift.to,
            verdict: drift.verdict,
            reasons: drift.reasons,
            score_psi: drift.score?.psi ?? null,
            features: drift.features.map((f) => ({
              feature: f.feature,
              used: f.used,
              psi: f.psi,
              band: f.band,
            })),
          }
        : null,
      notes: statusNotes,
    };
    const folder = join(options.out, folderName);
    const { replaced } = await publishFolder(
      folder,
      [
        { name: RECALIBRATION_FILES.model, content: modelText },
        { name: RECALIBRATION_FILES.summary, content: `${stableJson(summary)}\n` },
        { name: RECALIBRATION_FILES.report, content: html },
      ],
      { stamp: replacedStamp, beforePublish: () => faultPoint("recalibrate:publish") },
    );
    const result: RecalibrateResult = {
      quarter,
      folder,
      report: join(folder, RECALIBRATION_FILES.report),
      model: join(folder, RECALIBRATION_FILES.model),
      summary: join(folder, RECALIBRATION_FILES.summary),
      replaced,
      current: {
        file: currentFile,
        threshold: currentThreshold,
        recommended: currentBacktest.recommendation.threshold,
      },
      candidate: { threshold: recommended, sha256 },
      drift: drift?.verdict ?? null,
    };
    if (options.json) out.json(result);
    else out.result(formatRecalibration(result, currentBacktest, candidateBacktest, drift));
    return result;
  } finally {
    db.close();
  }
}

/** The fitted file with the backtest's recommended threshold in place of the fit's suggestion. */
function withThreshold(
  text: string,
  recommended: number | null,
  suggested: number,
  quarter: string,
): string {
  if (recommended === null) return text;
  const line = `threshold: ${recommended}  # recommended by handoff recalibrate for ${quarter} (backtest objective and constraints in handoff.yaml); the fit's max-KS suggestion was ${suggested}`;
  const replaced = text.replace(/^threshold: .*$/m, line);
  if (replaced === text)
    throw new Error("recalibrate: the fitted model file has no threshold line");
  return replaced;
}

function metricsOf(m: {
  leads: number;
  events: number;
  auc: number | null;
  ks: number | null;
  brier: number | null;
}) {
  return { leads: m.leads, events: m.events, auc: m.auc, ks: m.ks, brier: m.brier };
}

function dataWindowOf(result: BacktestResult, asOf: Date | null): string {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "?");
  return `${formatNumber(result.population.leads)} leads created ${day(result.population.first_day)} to ${day(result.population.last_day)}; data as of ${
    asOf
      ? asOf
          .toISOString()
          .replace("T", " ")
          .replace(/\.000Z$/, " UTC")
      : "the export"
  }; maturity ${result.windows.maturityDays} days`;
}

function formatRecalibration(
  r: RecalibrateResult,
  current: BacktestResult,
  candidate: BacktestResult,
  drift: DriftResult | null,
): string {
  const line = (b: BacktestResult, t: number | null) => {
    const row = t === null ? undefined : b.sweep.find((s) => s.threshold === t);
    return row
      ? `${formatNumber(row.mql_per_week, 1)} MQLs/week, MQL→SQL ${formatPercent(row.sql_rate)}, MQL→won ${formatPercent(row.won_rate)}, revenue captured ${formatNumber(row.won_amount)}`
      : "no threshold meets the constraints";
  };
  const cur = current.current;
  const lines = [
    `Recalibration for ${r.quarter}:`,
    `  in force: ${relative(process.cwd(), r.current.file) || r.current.file} at ${r.current.threshold}: ${cur ? `${formatNumber(cur.mql_per_week, 1)} MQLs/week, MQL→SQL ${formatPercent(cur.sql_rate)}, MQL→won ${formatPercent(cur.won_rate)}, revenue captured ${formatNumber(cur.won_amount)}` : "–"}`,
    `  in force, threshold re-tuned to ${r.current.recommended ?? "none"}: ${line(current, r.current.recommended)}`,
    `  candidate at ${r.candidate.threshold ?? "none"}: ${line(candidate, r.candidate.threshold)}`,
    `  drift: ${drift ? `${drift.from} → ${drift.to}: ${drift.verdict}${drift.reasons.length > 0 ? ` (${drift.reasons.join("; ")})` : ""}` : "not measured"}`,
    "",
    `report:          ${r.report}`,
    `candidate model: ${r.model} (SHA-256 ${r.candidate.sha256.slice(0, 16)}…)`,
  ];
  if (r.replaced) lines.push(`previous run for ${r.quarter} kept as ${r.replaced}`);
  lines.push(
    "Next: marketing and sales review the report and sign off the threshold and model file (docs/scoring-and-recalibration.md).",
  );
  return lines.join("\n");
}
