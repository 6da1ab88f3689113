import { existsSync, writeFileSync } from "node:fs";
import type { Output } from "../cli/output.js";
import { loadConfig } from "../config/load-config.js";
import { withDb } from "../db/index.js";
import { UserError } from "../errors.js";
import type { CohortGrain } from "../funnel/cohort-funnel.js";
import { formatCohort } from "../funnel/format.js";
import { buildFunnelReport, type FunnelReport, funnelSettingsOf } from "../funnel/funnel-report.js";
import { renderFunnel } from "../funnel/render-funnel.js";
import { toCsv } from "../util/csv.js";

export interface FunnelOptions {
  db: string;
  config: string;
  json: boolean;
  /** A leads column to break the funnel down by (source, owner, ...). */
  by?: string | undefined;
  /** Cohort grain; default funnel.cohort in the config (month). */
  cohort?: CohortGrain | undefined;
  /** Write the cohort table as CSV to this file. */
  csv?: string | undefined;
  /** Back-solve inputs; each overrides the config's `targets` key of the same meaning. */
  targetArr?: number | undefined;
  avgDealSize?: number | undefined;
  winRate?: number | undefined;
  mqlToSql?: number | undefined;
}

/** `handoff funnel`: cohort funnel, SLA, MQL failure modes and the volume back-solve. */
export async function funnel(options: FunnelOptions, out: Output): Promise<FunnelReport> {
  const { config } = loadConfig(options.config);
  if (options.db !== ":memory:" && !existsSync(options.db)) {
    throw new UserError(`database ${options.db} not found: load your exports first (handoff load)`);
  }
  const report = await withDb(options.db, (db) =>
    buildFunnelReport(
      db,
      funnelSettingsOf(config, {
        grain: options.cohort ?? config.funnel.cohort,
        by: options.by,
        targets: {
          new_arr: options.targetArr,
          avg_deal_size: options.avgDealSize,
          win_rate: options.winRate,
          mql_to_sql: options.mqlToSql,
        },
      }),
    ),
  );
  if (report.windows.maturitySource === "default") {
    out.warn(
      `windows.maturity_days is "auto" but only ${report.windows.maturityBasis?.wonLeads ?? 0} won leads have dates to measure time to close; using ${report.windows.maturityDays} days`,
    );
  }
  if (options.csv !== undefined) {
    writeFileSync(options.csv, cohortCsv(report));
    out.progress(`wrote ${options.csv}`);
  }
  if (options.json) out.json(report);
  else out.result(renderFunnel(report));
  return report;
}

/** The cohort table as CSV: one row per segment and cohort, rates with their bounds. */
export function cohortCsv(report: FunnelReport): string {
  const rows = report.cohorts.map((row) => {
    const flat: Record<string, unknown> = {
      segment: row.segment,
      cohort: formatCohort(row.cohort_start, report.settings.grain),
      cohort_start: row.cohort_start,
      mature: row.mature,
      leads: row.leads,
      mqls: row.mqls,
      sqls: row.sqls,
      opportunities: row.opportunities,
      won: row.won,
      sql_without_mql: row.sql_without_mql,
      days_lead_to_mql: row.days_lead_to_mql,
      days_mql_to_sql: row.days_mql_to_sql,
      days_sql_to_opportunity: row.days_sql_to_opportunity,
      days_opportunity_to_won: row.days_opportunity_to_won,
      days_mql_to_won: row.days_mql_to_won,
      won_deals: row.won_deals,
      won_revenue: row.won_revenue,
      avg_won_deal_size: row.avg_won_deal_size,
    };
    for (const [name, rate] of Object.entries(row.rates)) {
      flat[`${name}`] = rate.estimate;
      flat[`${name}_low`] = rate.low;
      flat[`${name}_high`] = rate.high;
    }
    return flat;
  });
  const columns = rows[0] ? Object.keys(rows[0]) : ["segment", "cohort"];
  return toCsv(rows, columns);
}
