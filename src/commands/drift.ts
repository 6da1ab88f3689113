import { isAbsolute, resolve } from "node:path";
import type { Output } from "../cli/output.js";
import { formatNumber, formatPercent, formatTable } from "../cli/table.js";
import { loadConfig } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
import { type DriftResult, measureDrift } from "../drift/measure-drift.js";
import { formatQuarter, parseQuarter, quarterOf, shiftQuarter } from "../drift/quarter.js";
import { UserError } from "../errors.js";
import { buildFeatures } from "../features/build-features.js";
import type { Model } from "../model/model-file.js";
import { openLoaded } from "./open-loaded.js";
import { readModel } from "./score.js";

export interface DriftOptions {
  db: string;
  config: string;
  json: boolean;
  /** The model whose score and features are checked; default: backtest.current.model. */
  model?: string | undefined;
  /** Periods "2026Q1"; default: the last two quarters that ended by the data's as-of. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * `handoff drift [--from 2026Q1 --to 2026Q2]`: PSI of the score distribution and of every
 * feature between two quarters of decision time, with bands, the change in per-bin won rates
 * (mature leads), which features moved, and whether recalibration is due.
 */
export async function drift(options: DriftOptions, out: Output): Promise<DriftResult> {
  const modelFile = currentModelFile(options.config, options.model);
  const model = readModel(modelFile);
  const { db, config } = await openLoaded(options.db, options.config);
  try {
    out.progress("building labels and features ...");
    const features = await buildFeatures(db, config, {
      target: config.fit.target,
      purpose: "profile",
    });
    const { from, to } = driftPeriods(features.windows.asOf, options.from, options.to);
    out.progress(`comparing ${from} with ${to} under ${modelFile} ...`);
    const result = await driftOf(db, config, model, { from, to, asOf: features.windows.asOf });
    if (options.json) out.json({ model: modelFile, ...result });
    else out.result(formatDrift(result, modelFile));
    return result;
  } finally {
    db.close();
  }
}

/** measureDrift with the config's minimum bin size for judging won-rate changes. */
export function driftOf(
  db: Db,
  config: Config,
  model: Model,
  options: { from: string; to: string; asOf: Date | null },
): Promise<DriftResult> {
  return measureDrift(db, model, { ...options, minRateLeads: config.features.min_bin_leads });
}

/**
 * The two periods: as given, else `to` = the last quarter that ended by as-of and `from` the
 * one before it (a given `to` alone: the quarter before it).
 */
export function driftPeriods(
  asOf: Date | null,
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  const toQ =
    to !== undefined ? parseQuarter(to, "--to") : asOf ? shiftQuarter(quarterOf(asOf), -1) : null;
  if (toQ === null)
    throw new UserError("the leads have no dates: drift needs periods of decision time");
  const fromQ = from !== undefined ? parseQuarter(from, "--from") : shiftQuarter(toQ, -1);
  return { from: formatQuarter(fromQ), to: formatQuarter(toQ) };
}

/** --model, else backtest.current.model from the config (relative to it). */
export function currentModelFile(configPath: string, flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const { config, baseDir, file } = loadConfig(configPath);
  const current = config.backtest.current?.model;
  if (current === undefined)
    throw new UserError(
      `no model given: pass --model M.yaml, or set backtest.current.model in ${file ?? "handoff.yaml"} (the model in force)`,
    );
  return isAbsolute(current) ? current : resolve(baseDir, current);
}

export function formatDrift(result: DriftResult, modelFile: string): string {
  const psi = (x: number) => x.toFixed(3);
  const lines: string[] = [];
  lines.push(
    `Drift from ${result.from} (${formatNumber(result.leads.from)} leads, ${formatNumber(result.leads.from_mature)} mature) to ${result.to} (${formatNumber(result.leads.to)} leads, ${formatNumber(result.leads.to_mature)} mature), by quarter of decision time; model ${modelFile}.`,
  );
  if (result.score)
    lines.push(
      `Score distribution: PSI ${psi(result.score.psi)} (${result.score.band}), over the ${result.from} score deciles.`,
    );
  lines.push("");
  lines.push(
    formatTable(
      [
        { key: "feature", label: "feature" },
        { key: "used", label: "in model" },
        { key: "psi", label: "PSI", align: "right" },
        { key: "band", label: "band" },
        { key: "moved", label: "largest share change" },
      ],
      result.features.map((f) => {
        const top = [...f.bins].sort(
          (a, b) => Math.abs(b.to.share - b.from.share) - Math.abs(a.to.share - a.from.share),
        )[0];
        return {
          feature: f.feature,
          used: f.used ? "yes" : "",
          psi: psi(f.psi),
          band: f.band,
          moved: top
            ? `${top.label}: ${formatPercent(top.from.share)} → ${formatPercent(top.to.share)}`
            : "",
        };
      }),
    ),
  );
  const rateRows = result.features
    .filter((f) => f.used)
    .flatMap((f) =>
      f.bins
        .filter((b) => b.rate_judged)
        .map((b) => ({
          feature: f.feature,
          bin: b.label,
          from: `${formatPercent(b.from.won_rate)} (${b.from.won}/${b.from.mature})`,
          to: `${formatPercent(b.to.won_rate)} (${b.to.won}/${b.to.mature})`,
          change: `${((b.rate_change ?? 0) * 100).toFixed(1)} pts`,
          moved: b.rate_moved ? "beyond chance" : "",
        })),
    );
  if (rateRows.length === 0)
    lines.push(
      "",
      "Won rates per bin: no bin of the model's features has enough mature leads in both periods to compare.",
    );
  else {
    lines.push(
      "",
      "Won rates per bin of the model's features, bins with enough mature leads in both periods (won/mature):",
    );
    lines.push(
      formatTable(
        [
          { key: "feature", label: "feature" },
          { key: "bin", label: "bin" },
          { key: "from", label: result.from, align: "right" },
          { key: "to", label: result.to, align: "right" },
          { key: "change", label: "change", align: "right" },
          { key: "moved", label: "" },
        ],
        rateRows,
      ),
    );
  }
  lines.push("", `Recalibration: ${result.verdict}.`);
  for (const r of result.reasons) lines.push(`  - ${r}`);
  for (const n of result.notes) lines.push(`note: ${n}`);
  lines.push(
    "PSI bands: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted. Due: the score or a feature the model uses shifted, or a bin's won rate moved beyond its 95% interval.",
  );
  return lines.join("\n");
}
