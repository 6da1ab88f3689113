import { existsSync, readFileSync } from "node:fs";
import { readScoresAt, readScoresAtBatches } from "../backtest/read-scores-at.js";
import type { LeadScoreAt } from "../backtest/score-leads-at.js";
import { stageScoresAt } from "../backtest/stage-scores-at.js";
import { jsonReplacer, type Output } from "../cli/output.js";
import { formatNumber, formatPercent, formatTable } from "../cli/table.js";
import { UserError } from "../errors.js";
import { type Model, parseModel } from "../model/model-file.js";
import { toCsv } from "../util/csv.js";
import { jsonChunks } from "../util/json-chunks.js";
import { writeFileAtomic } from "../util/write-file-atomic.js";
import { openLoaded } from "./open-loaded.js";

export interface ScoreOptions {
  db: string;
  config: string;
  json: boolean;
  /** The model file. */
  model: string;
  /** YYYY-MM-DD (the end of that day, UTC) or an ISO date-time; default: windows.as_of, else the data's latest event. */
  asOf?: string | undefined;
  /** CSV file to write (every lead). */
  out?: string | undefined;
  /** Reasons kept per lead (default 3). */
  reasons?: number | undefined;
  /** Leads listed in the terminal (default 20, highest scores first). */
  limit?: number | undefined;
}

export interface ScoreResult {
  model: { file: string; name: string | null; threshold: number };
  as_of: Date | null;
  leads: number;
  mqls: number;
  /** Non-MQLs within 10 points of the line (gates passed). */
  near_line: number;
  blocked_by_gates: number;
  /**
   * The highest-scoring leads: the `--limit` listed in the terminal. The `--json` output holds
   * every lead (written a batch at a time), and `--out` writes every lead to the CSV.
   */
  rows: LeadScoreAt[];
  warnings: string[];
}

/** Points within which a non-MQL counts as "near the line" in the summary. */
export const NEAR_LINE_POINTS = 10;

/** The CSV's columns, in order (one row per lead). */
export const SCORE_CSV_COLUMNS = [
  "lead_id",
  "created_at",
  "score",
  "fit_points",
  "intent_points",
  "peak",
  "mql",
  "mql_at",
  "points_short",
  "gates_failed",
  "reasons",
] as const;

/**
 * `handoff score --model M.yaml [--as-of DATE] [--out scores.csv]`: every lead's score at the
 * instant, its MQL flag, fit and intent points, the top reasons in words and the points short
 * of the line; a CSV for CRM import (formula-neutralised by toCsv) and --json.
 *
 * 1. Stage the scores in DuckDB ({@link stageScoresAt}): every lead's row, reasons and failed
 *    gates, keyed by its place in the listing.
 * 2. The summary counts from SQL (`score-at-summary.sql`), the terminal's rows with a range.
 * 3. The CSV and `--json` read the leads a batch at a time ({@link readScoresAtBatches}) and
 *    write each batch as it comes: at a million leads no string or array holds them all.
 */
export async function score(options: ScoreOptions, out: Output): Promise<ScoreResult> {
  const model = readModel(options.model);
  const reasons = options.reasons ?? 3;
  const limit = options.limit ?? 20;
  const { db, config } = await openLoaded(options.db, options.config);
  try {
    const asOf = await resolveAsOf(db, options.asOf, config.windows.as_of);
    out.progress(
      `scoring leads under ${options.model} as of ${asOf ? asOf.toISOString() : "their export (no dates)"} ...`,
    );
    const { leads, warnings } = await stageScoresAt(db, model, { asOf });
    for (const w of warnings) out.warn(w);
    const summary = (
      await db.query<Pick<ScoreResult, "leads" | "mqls" | "near_line" | "blocked_by_gates">>(
        "backtest/score-at-summary",
        { threshold: model.threshold, near_points: NEAR_LINE_POINTS },
      )
    )[0];
    const result: ScoreResult = {
      model: { file: options.model, name: model.name ?? null, threshold: model.threshold },
      as_of: asOf,
      leads: summary?.leads ?? 0,
      mqls: summary?.mqls ?? 0,
      near_line: summary?.near_line ?? 0,
      blocked_by_gates: summary?.blocked_by_gates ?? 0,
      rows: await readScoresAt(db, { offset: 0, limit, reasons }),
      warnings,
    };
    if (options.out) {
      await writeFileAtomic(
        options.out,
        scoresCsvChunks(readScoresAtBatches(db, { leads, reasons, contributions: false })),
      );
      out.progress(`${formatNumber(leads)} leads written to ${options.out}`);
    }
    if (options.json)
      for await (const piece of jsonChunks(
        { ...result },
        "rows",
        readScoresAtBatches(db, { leads, reasons }),
        jsonReplacer,
      ))
        out.result(piece);
    else out.result(formatScores(result, limit, options.out));
    return result;
  } finally {
    db.close();
  }
}

/** A lead as a CSV row: numbers rounded to 2 places, reasons and failed gates joined with "; ". */
function csvRow(r: LeadScoreAt): Record<string, unknown> {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    ...r,
    score: round(r.score),
    fit_points: round(r.fit_points),
    intent_points: round(r.intent_points),
    peak: round(r.peak),
    points_short: round(r.points_short),
    gates_failed: r.gates_failed.join("; "),
    reasons: r.reasons.join("; "),
  };
}

/** The scores as CSV: one row per lead, reasons and failed gates joined with "; ". */
export function scoresCsv(rows: readonly LeadScoreAt[]): string {
  return toCsv(rows.map(csvRow), SCORE_CSV_COLUMNS);
}

/**
 * The same text as {@link scoresCsv} of all the batches' rows, in pieces: the header, then one
 * piece per batch (each toCsv's lines without its header).
 */
export async function* scoresCsvChunks(
  batches: AsyncIterable<readonly LeadScoreAt[]>,
): AsyncGenerator<string> {
  const header = toCsv([], SCORE_CSV_COLUMNS);
  yield header;
  for await (const batch of batches)
    if (batch.length > 0) yield toCsv(batch.map(csvRow), SCORE_CSV_COLUMNS).slice(header.length);
}

function formatScores(result: ScoreResult, limit: number, file: string | undefined): string {
  const { leads, mqls } = result;
  const lines = [
    `Scores under ${result.model.name ? `"${result.model.name}" (${result.model.file})` : result.model.file}, threshold ${result.model.threshold}, as of ${
      result.as_of
        ? result.as_of
            .toISOString()
            .replace("T", " ")
            .replace(/\.000Z$/, " UTC")
        : "the export (no dates)"
    }:`,
    `  ${formatNumber(leads)} leads; ${formatNumber(mqls)} MQLs (${formatPercent(leads > 0 ? mqls / leads : null)}); ${formatNumber(result.near_line)} within ${NEAR_LINE_POINTS} points of the line; ${formatNumber(result.blocked_by_gates)} with enough points held back by a gate.`,
    "",
    formatTable(
      [
        { key: "lead_id", label: "lead" },
        { key: "score", label: "score", align: "right" },
        { key: "fit", label: "fit", align: "right" },
        { key: "intent", label: "intent", align: "right" },
        { key: "mql", label: "MQL" },
        { key: "short", label: "short", align: "right" },
        { key: "reasons", label: "top reasons" },
      ],
      result.rows.slice(0, limit).map((r) => ({
        lead_id: r.lead_id,
        score: formatNumber(r.score, 1),
        fit: formatNumber(r.fit_points, 1),
        intent: formatNumber(r.intent_points, 1),
        mql: r.mql ? "yes" : r.gates_failed.length > 0 ? "gate" : "",
        short: r.points_short === null ? "" : formatNumber(r.points_short, 1),
        reasons: [...r.reasons, ...r.gates_failed.map((g) => `gate failed: ${g}`)].join("; "),
      })),
    ),
  ];
  if (result.leads > limit)
    lines.push(
      `(${formatNumber(limit)} highest scores of ${formatNumber(result.leads)}; ${file ? `all in ${file}` : "--out scores.csv writes every lead, --json prints them"})`,
    );
  lines.push(
    "score = fit + intent points now (intent decays with each rule's half-life and is capped); MQL = passed every gate and reached the threshold by then; short = points still needed.",
  );
  return lines.join("\n");
}

/** `--as-of`: a date means the end of that day (UTC), as windows.as_of does. */
async function resolveAsOf(
  db: { query<T>(name: string): Promise<T[]> },
  flag: string | undefined,
  configured: string | undefined,
): Promise<Date | null> {
  const text = flag ?? configured;
  if (text !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const ms = Date.parse(day ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(ms))
      throw new UserError(
        `${flag !== undefined ? "--as-of" : "windows.as_of"} "${text}" is not a date: use YYYY-MM-DD (the end of that day, UTC) or an ISO date-time`,
      );
    return new Date(day ? ms + 86_400_000 : ms);
  }
  return (await db.query<{ as_of: Date | null }>("features/data-as-of"))[0]?.as_of ?? null;
}

export function readModel(path: string): Model {
  if (!existsSync(path))
    throw new UserError(
      `model file ${path} not found: write one with handoff fit, or pass its path`,
    );
  return parseModel(readFileSync(path, "utf8"), path);
}
