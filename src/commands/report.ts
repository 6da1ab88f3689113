import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { backtestResultKey } from "../backtest/backtest-result-key.js";
import { type BacktestResult, runBacktest } from "../backtest/run-backtest.js";
import { buildChannelsReport as gatherChannels } from "../channels/channels-report.js";
import type { Output } from "../cli/output.js";
import { loadConfig } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import { type Db, type ResultStore, readStageResult } from "../db/index.js";
import { isUserError } from "../errors.js";
import { buildFeatures, type FeaturesResult } from "../features/build-features.js";
import { buildLabels } from "../features/build-labels.js";
import { fitResultKey, profileResultKey } from "../features/fit-result-key.js";
import { type FittedScorecard, fitScorecard } from "../features/fit-scorecard.js";
import {
  buildFunnelReport,
  type FunnelReport,
  funnelSettingsOf,
  storeFunnelParts,
} from "../funnel/funnel-report.js";
import { prepareLeadStages } from "../funnel/lead-stages.js";
import {
  type FunnelTotals,
  funnelTotals,
  type PipelineCohortRow,
  pipelineByCohort,
} from "../funnel/pipeline-by-cohort.js";
import { type Model, parseModel } from "../model/model-file.js";
import { writeModel } from "../model/write-model.js";
import {
  fillSpec,
  loadChartSpec,
  type ReportDocument,
  renderChartSvg,
  renderReport,
} from "../report/index.js";
import { buildBoardReport } from "../report/pages/board.js";
import { buildCalibrationReport } from "../report/pages/calibration.js";
import { buildChannelsReport } from "../report/pages/channels.js";
import { isoDay } from "../report/pages/page-helpers.js";
import type {
  BoardInputs,
  CalibrationInputs,
  ChannelsInputs,
  PageContext,
  Stage,
} from "../report/pages/page-inputs.js";
import { REPORT_NAMES, type ReportName } from "../report/report-names.js";
import { safeFileName } from "../util/safe-file-name.js";
import { writeFileAtomic } from "../util/write-file-atomic.js";
import { backtestSetup, readModel } from "./backtest.js";
import { openLoaded } from "./open-loaded.js";

export { REPORT_NAMES, type ReportName } from "../report/report-names.js";

export interface ReportOptions {
  db: string;
  config: string;
  json: boolean;
  report: ReportName | "all";
  /** Folder for `<report>.html` (and `<report>/<chart>.svg`). */
  out: string;
  /** The scoring model for the calibration page; default: fitted in memory as `handoff fit` would. */
  model?: string | undefined;
  svg?: boolean | undefined;
  /** Text shown as "Generated …"; default: the data's as-of date (reproducible). */
  generatedAt?: string | undefined;
  /** ISO 4217 code of the deal amounts and spend; default USD. */
  currency?: string | undefined;
  /** The command line that produced the report, shown in the model card. */
  commandLine: string;
}

export interface WrittenReport {
  report: ReportName;
  html: string;
  svgs: string[];
  bytes: number;
}

/**
 * `handoff report <board|calibration|channels|all>`: gather the stages' results (funnel,
 * channels, features, fit, backtest) from the loaded database, build each page with its pure
 * builder (src/report/pages/), and write `<out>/<report>.html` (and with --svg one SVG per chart
 * under `<out>/<report>/`). A stage the data cannot support is reported on the page, not fatal.
 */
export async function report(options: ReportOptions, out: Output): Promise<WrittenReport[]> {
  const names: ReportName[] = options.report === "all" ? [...REPORT_NAMES] : [options.report];
  const { baseDir, file: configFile } = loadConfig(options.config);
  const { db, config } = await openLoaded(options.db, options.config);
  let inputs: PageInputs;
  try {
    inputs = await gatherPageInputs(db, config, { ...options, baseDir, configFile }, names, out);
  } finally {
    db.close();
  }
  const documents = buildDocuments(inputs);
  mkdirSync(options.out, { recursive: true });
  const written: WrittenReport[] = [];
  for (const { name, doc } of documents) {
    const html = renderReport(doc);
    const file = join(options.out, `${name}.html`);
    await writeFileAtomic(file, html);
    const svgs: string[] = [];
    if (options.svg) {
      const folder = join(options.out, name);
      mkdirSync(folder, { recursive: true });
      let n = 0;
      for (const section of doc.sections)
        for (const block of section.blocks) {
          if (block.kind !== "chart") continue;
          n += 1;
          const svg = await renderChartSvg({
            ...fillSpec(loadChartSpec(block.chart), block.data),
            title: block.title,
          });
          const svgFile = join(
            folder,
            `${String(n).padStart(2, "0")}-${safeFileName(block.title, "chart")}.svg`,
          );
          await writeFileAtomic(svgFile, svg);
          svgs.push(svgFile);
        }
    }
    const bytes = Buffer.byteLength(html);
    written.push({ report: name, html: file, svgs, bytes });
    out.progress(
      `${name}: ${file} (${(bytes / 1024).toFixed(0)} KB${svgs.length > 0 ? `, ${svgs.length} SVG charts` : ""})`,
    );
  }
  if (options.json) out.json({ reports: written });
  else for (const w of written) out.result(w.html);
  return written;
}

/** A stage's result, or the reason a UserError gave (the data cannot support it). */
async function attempt<T>(run: () => Promise<T>): Promise<Stage<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { ok: false, reason: error.message.replace(/[.\s]+$/, "") };
  }
}

/** The page builders' inputs, one entry per requested report. */
export interface PageInputs {
  board?: BoardInputs;
  calibration?: CalibrationInputs;
  channels?: ChannelsInputs;
}

/** Each requested page built by its pure builder, in board, calibration, channels order. */
export function buildDocuments(inputs: PageInputs): { name: ReportName; doc: ReportDocument }[] {
  const documents: { name: ReportName; doc: ReportDocument }[] = [];
  if (inputs.board) documents.push({ name: "board", doc: buildBoardReport(inputs.board) });
  if (inputs.calibration)
    documents.push({ name: "calibration", doc: buildCalibrationReport(inputs.calibration) });
  if (inputs.channels)
    documents.push({ name: "channels", doc: buildChannelsReport(inputs.channels) });
  return documents;
}

/**
 * Run the stages the requested pages need on an open database and collect their results.
 * Nothing is printed but progress; a stage the data cannot support becomes `{ ok: false, reason }`.
 */
export async function gatherPageInputs(
  db: Db,
  config: Config,
  options: Pick<ReportOptions, "report" | "model" | "generatedAt" | "currency" | "commandLine"> & {
    baseDir: string;
    configFile: string | undefined;
  },
  names: readonly ReportName[],
  out: Pick<Output, "progress">,
): Promise<PageInputs> {
  const need = (...pages: ReportName[]) => pages.some((p) => names.includes(p));
  const [span] = await db.query<{
    leads: number;
    first_created: Date | null;
    last_created: Date | null;
  }>("report/lead-span");
  const files = (
    await db.query<{ kind: string; file: string; sha256: string; rows_loaded: number }>(
      "report/loaded-files",
    )
  ).map((f) => ({
    kind: f.kind,
    // relative to the config's folder: the same bytes wherever the project is checked out
    path: relative(options.baseDir, f.file).replaceAll("\\", "/") || f.file,
    sha256: f.sha256,
    rows: f.rows_loaded,
  }));

  let funnel: Stage<FunnelReport> = { ok: false, reason: "not gathered" };
  let pipeline: PipelineCohortRow[] = [];
  let totals: FunnelTotals | null = null;
  let parts: ResultStore | undefined;
  if (need("board", "channels")) {
    out.progress("funnel by quarter ...");
    funnel = await attempt(() =>
      buildFunnelReport(db, funnelSettingsOf(config, { grain: "quarter", by: undefined })),
    );
    await prepareLeadStages(db);
    // stored like the funnel's parts, so that a repeated report reuses them too
    const store = await storeFunnelParts(db);
    parts = store;
    if (funnel.ok)
      pipeline = await store.reuse("funnel/pipeline/quarter", { grain: "quarter" }, () =>
        pipelineByCohort(db, "quarter"),
      );
    totals = await store.reuse("funnel/totals", {}, () => funnelTotals(db));
  }
  const channels = need("board", "channels")
    ? await attempt(() =>
        gatherChannels(
          db,
          {
            period: "month",
            windows: config.windows,
            sourceMapping: config.values.sources,
          },
          parts,
        ),
      )
    : ({ ok: false, reason: "not gathered" } as const);

  let profile: Stage<FeaturesResult> = { ok: false, reason: "not gathered" };
  let fit: Stage<{ features: FeaturesResult; scorecard: FittedScorecard }> = {
    ok: false,
    reason: "not gathered",
  };
  let model: Model | null = null;
  let modelLabel = "";
  let backtest: Stage<BacktestResult> = { ok: false, reason: "not gathered" };
  let current: { label: string; threshold: number } | null = null;
  if (need("calibration")) {
    const target = config.fit.target;
    out.progress("feature profile ...");
    profile = await attempt(async () => {
      // the profile an earlier `handoff features` computed with the same settings on the same
      // data (and lead_features still as that run left it)
      const { windows } = await buildLabels(db, config.windows, config.features.half_life_days);
      const key = await profileResultKey(db, config, target, windows);
      const saved =
        key === null ? null : await readStageResult<FeaturesResult>(db, "features", key);
      if (saved !== null) {
        out.progress(
          "reusing the feature profile handoff features computed (same settings, same data)",
        );
        return saved;
      }
      return buildFeatures(db, config, { target, purpose: "profile" });
    });
    out.progress("fitting the scorecard ...");
    fit = await attempt(async () => {
      // the result of an earlier `handoff fit` with the same settings on the same data
      const key = profile.ok
        ? await fitResultKey(db, config, {
            target,
            validateQuarters: undefined,
            l2: config.fit.l2,
            pointsToDoubleOdds: config.fit.points_to_double_odds,
          })
        : null;
      const saved =
        key === null
          ? null
          : await readStageResult<{ features: FeaturesResult; scorecard: FittedScorecard }>(
              db,
              "fit",
              key,
            );
      if (saved !== null) {
        out.progress("reusing the scorecard handoff fit computed (same settings, same data)");
        return saved;
      }
      const features = await buildFeatures(db, config, { target, purpose: "fit" });
      const scorecard = await fitScorecard(db, features, {
        l2: config.fit.l2,
        pointsToDoubleOdds: config.fit.points_to_double_odds,
        minIv: config.fit.min_iv,
      });
      return { features, scorecard };
    });
    if (options.model !== undefined) {
      model = readModel(options.model);
      modelLabel = `${model.name ?? "model"} (${options.model})`;
    } else if (fit.ok) {
      // the model `handoff fit` would write, without writing it
      const { features, scorecard } = fit.value;
      model = parseModel(
        writeModel(scorecard, {
          name: `${target} scorecard`,
          created:
            features.windows.asOf?.toISOString().replace(/\.\d+Z$/, "Z") ?? "1970-01-01T00:00:00Z",
          command: options.commandLine,
          halfLifeDays: config.features.half_life_days,
          splitNote: features.splitNote,
        }),
        "fitted scorecard",
      );
      modelLabel = `${target} scorecard fitted on this data (as handoff fit would write it)`;
    }
    if (model !== null) {
      const scored = model;
      const setup = backtestSetup(config, options.baseDir, options.configFile, {});
      if (setup.current)
        current = {
          label: setup.current.model?.name ?? config.backtest.current?.model ?? "current rule",
          threshold: setup.current.threshold,
        };
      out.progress("backtesting thresholds ...");
      backtest = await attempt(async () => {
        const run = {
          model: scored,
          grid: setup.grid,
          current: setup.current,
          settings: config.backtest,
          windows: config.windows,
          halfLifeDays: config.features.half_life_days,
        };
        // the result of an earlier `handoff backtest` of the same model, settings and data
        const saved = await readStageResult<BacktestResult>(
          db,
          "backtest",
          await backtestResultKey(db, run),
        );
        if (saved !== null) {
          out.progress("reusing the backtest handoff backtest computed (same model and settings)");
          return saved;
        }
        return runBacktest(db, run);
      });
    } else backtest = { ok: false, reason: `no model: ${fit.ok ? "" : fit.reason}` };
  }

  const asOf =
    (funnel.ok ? funnel.value.windows.asOf : null) ??
    (profile.ok ? profile.value.windows.asOf : null) ??
    (channels.ok ? channels.value.windows.asOf : null);
  const maturityDays = funnel.ok
    ? funnel.value.windows.maturityDays
    : channels.ok
      ? channels.value.windows.maturityDays
      : profile.ok
        ? profile.value.windows.maturityDays
        : 0;
  const context = (page: ReportName): PageContext => ({
    generatedAt:
      options.generatedAt ??
      (asOf === null ? "from undated data" : `${isoDay(asOf)} (the data's as-of date)`),
    currency: options.currency ?? "USD",
    command:
      options.report === "all"
        ? options.commandLine.replace(/\breport all\b/, `report ${page}`)
        : options.commandLine,
    files,
    leads: {
      count: span?.leads ?? 0,
      first: span?.first_created ?? null,
      last: span?.last_created ?? null,
    },
    asOf,
    maturityDays,
    model:
      page === "calibration" && model !== null
        ? {
            label: modelLabel,
            threshold: model.threshold,
          }
        : null,
  });

  const inputs: PageInputs = {};
  if (names.includes("board"))
    inputs.board = {
      context: context("board"),
      funnel,
      pipeline,
      totals,
      channels,
      healthBand: {
        tooLooseBelow: config.backtest.health_bands.too_loose_below,
        tooStrictAbove: config.backtest.health_bands.too_strict_above,
      },
      weeklyCapacity: config.backtest.weekly_mql_capacity ?? null,
      newArrTarget: config.targets.new_arr ?? null,
    };
  if (names.includes("calibration"))
    inputs.calibration = {
      context: context("calibration"),
      profile,
      fit,
      // no model at all (nothing could be fitted): an empty scorecard, the page says why
      model: model ?? { version: 1, threshold: 0, fit_rules: [], intent_rules: [], gates: [] },
      backtest,
      current,
    };
  if (names.includes("channels"))
    inputs.channels = { context: context("channels"), channels, funnel };
  return inputs;
}
