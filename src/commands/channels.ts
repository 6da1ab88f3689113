import { existsSync, writeFileSync } from "node:fs";
import type { ChannelPeriod } from "../channels/channel-economics.js";
import { buildChannelsReport, type ChannelsReport } from "../channels/channels-report.js";
import { renderChannels } from "../channels/render-channels.js";
import type { Output } from "../cli/output.js";
import { loadConfig } from "../config/load-config.js";
import { withDb } from "../db/index.js";
import { UserError } from "../errors.js";
import { toCsv } from "../util/csv.js";

export interface ChannelsOptions {
  db: string;
  config: string;
  json: boolean;
  /** Calendar months (default) or the spend file's own periods. */
  period?: ChannelPeriod | undefined;
  /** Write the per-period and total rows as CSV to this file. */
  csv?: string | undefined;
}

/** `handoff channels`: spend joined to leads by channel and period; cost per stage, CAC, rates. */
export async function channels(options: ChannelsOptions, out: Output): Promise<ChannelsReport> {
  const { config } = loadConfig(options.config);
  if (options.db !== ":memory:" && !existsSync(options.db)) {
    throw new UserError(`database ${options.db} not found: load your exports first (handoff load)`);
  }
  const report = await withDb(options.db, (db) =>
    buildChannelsReport(db, {
      period: options.period ?? "month",
      windows: config.windows,
      sourceMapping: config.values.sources,
    }),
  );
  if (report.windows.maturitySource === "default") {
    out.warn(
      `windows.maturity_days is "auto" but only ${report.windows.maturityBasis?.wonLeads ?? 0} won leads have dates to measure time to close; using ${report.windows.maturityDays} days`,
    );
  }
  for (const warning of report.warnings) out.warn(warning);
  if (options.csv !== undefined) {
    writeFileSync(options.csv, channelsCsv(report));
    out.progress(`wrote ${options.csv}`);
  }
  if (options.json) out.json(report);
  else out.result(renderChannels(report));
  return report;
}

export function channelsCsv(report: ChannelsReport): string {
  const rows = report.economics.rows.map(({ rates, ...row }) => ({
    ...row,
    mql_to_sql: rates.mqlToSql.estimate,
    mql_to_sql_low: rates.mqlToSql.low,
    mql_to_sql_high: rates.mqlToSql.high,
    mql_to_won: rates.mqlToWon.estimate,
    mql_to_won_low: rates.mqlToWon.low,
    mql_to_won_high: rates.mqlToWon.high,
  }));
  const columns = rows[0] ? Object.keys(rows[0]) : ["channel"];
  return toCsv(rows, columns);
}
