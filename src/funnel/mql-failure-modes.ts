import type { IcpConfig } from "../config/schema.js";
import type { Db } from "../db/index.js";
import { type Rate, rateOf } from "./rate.js";

export type FailureMode =
  | "all_mqls"
  | "form_fill_only"
  | "single_session"
  | "persona_mismatch"
  | "recycled";

/** A row of queries/funnel/mql-failure-modes.sql. */
interface FailureModeQueryRow {
  mode: FailureMode;
  computable: boolean;
  mqls: number | null;
  mature_mqls: number | null;
  sqls: number | null;
  won: number | null;
}

export interface FailureModeRow extends FailureModeQueryRow {
  /** Why the mode cannot be computed on this data, or null. */
  reason: string | null;
  sqlRate: Rate | null;
  wonRate: Rate | null;
}

const NEEDS_ACTIVITIES = "needs an activities file (event-level export); this export is flat";

/** MQL failure modes with their SQL and won rates (queries/funnel/mql-failure-modes.sql). */
export interface FailureModeOptions {
  asOf: Date;
  maturityDays: number;
  icp: IcpConfig | undefined;
  /** IANA zone whose calendar days make a session (config `timezone`). */
  timezone: string;
  /** Sales touch types: not the lead's own engagement (funnel.sales_touch_types). */
  touchTypes: readonly string[];
  /** Form-fill activity types (funnel.form_types). */
  formTypes: readonly string[];
  /** Hand-raise types that exempt a single session (funnel.intent_types). */
  intentTypes: readonly string[];
  /** Engagement events on one day that make a session (funnel.single_session_min_events). */
  sessionMinEvents: number;
}

export async function mqlFailureModes(
  db: Db,
  options: FailureModeOptions,
): Promise<FailureModeRow[]> {
  const list = (values: readonly string[] | undefined) =>
    values === undefined ? null : JSON.stringify(values);
  const rows = await db.query<FailureModeQueryRow>("funnel/mql-failure-modes", {
    as_of: options.asOf.toISOString(),
    maturity_days: options.maturityDays,
    timezone: options.timezone,
    touch_types: JSON.stringify(options.touchTypes),
    form_types: JSON.stringify(options.formTypes),
    intent_types: JSON.stringify(options.intentTypes),
    session_min_events: options.sessionMinEvents,
    icp_countries: list(options.icp?.countries),
    icp_industries: list(options.icp?.industries),
    icp_seniorities: list(options.icp?.seniorities),
    icp_size_bands: list(options.icp?.size_bands),
    icp_min_employees: options.icp?.min_employees ?? null,
    icp_max_employees: options.icp?.max_employees ?? null,
  });
  const hasActivities = rows.some((row) => row.mode === "form_fill_only" && row.computable);
  return rows.map((row) => {
    const computable =
      row.computable && row.mature_mqls !== null && row.sqls !== null && row.won !== null;
    return {
      ...row,
      reason: row.computable
        ? null
        : row.mode === "persona_mismatch"
          ? "needs ICP rules: add an icp section (countries, industries, min/max employees, size bands, seniorities) to handoff.yaml"
          : row.mode === "recycled" && hasActivities
            ? "needs disqualification or first-touch dates on leads, to know sales had the lead before"
            : NEEDS_ACTIVITIES,
      sqlRate: computable ? rateOf(row.sqls ?? 0, row.mature_mqls ?? 0) : null,
      wonRate: computable ? rateOf(row.won ?? 0, row.mature_mqls ?? 0) : null,
    };
  });
}
