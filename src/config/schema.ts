import { z } from "zod";
import { KINDS, PRESET_NAMES } from "./presets.js";

/**
 * The `handoff.yaml` schema. Every section is optional and has documented defaults, so a
 * config can be as short as `preset: hubspot`. Unknown keys are errors (a typo must not be
 * silently ignored); `loadConfig` turns zod issues into messages that name the key and the fix.
 */

const stringList = z.array(z.string().min(1));

const sourceSchema = z
  .object({
    /** A path or glob, relative to the config file. */
    path: z.string().min(1),
    /** Canonical field → header name in this export, overriding the preset. */
    columns: z.record(z.string(), z.string().min(1)).optional(),
    /** Header names to leave out entirely (not even kept as extra columns). */
    ignore: stringList.optional(),
    encoding: z.enum(["utf-8", "latin-1", "utf-16"]).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
  })
  .strict();

export const loadSectionShape = {
  leads: sourceSchema.optional(),
  deals: sourceSchema.optional(),
  activities: sourceSchema.optional(),
  spend: sourceSchema.optional(),
};

/**
 * `funnel`: cohort funnel and SLA settings (docs/funnel-and-channels.md).
 * - cohort: default creation cohort grain (week | month | quarter); default month.
 * - sla_hours: hours from MQL to first sales touch that count as on time; default 48 (the SLA
 *   the feature was specified with; set your team's own).
 * - sales_touch_types: canonical activity types that count as a sales touch when
 *   `leads.first_touch_at` is empty; default call and meeting (presets' sales activity types).
 *   They are not the lead's own engagement, so the MQL failure modes leave them out.
 * - form_types: activity types that are form fills (gated downloads are forms too); an MQL
 *   whose engagement up to the MQL is only these is form-fill-only. Default form_submit,
 *   content_download.
 * - single_session_min_events: an MQL is single-session when at least this many engagement
 *   events up to the MQL fall on one local calendar day (config `timezone`); default 3 (a
 *   browsing session, not a lone conversion, which is form-fill-only).
 * - intent_types: hand-raise activity types that exempt a single session (a demo request in
 *   one sitting is intent, not a failure); default demo_request.
 */
export const funnelSectionSchema = z
  .object({
    cohort: z.enum(["week", "month", "quarter"]).default("month"),
    sla_hours: z.number().positive().default(48),
    sales_touch_types: stringList.min(1).default(["call", "meeting"]),
    form_types: stringList.min(1).default(["form_submit", "content_download"]),
    single_session_min_events: z.number().int().min(1).default(3),
    intent_types: stringList.default(["demo_request"]),
  })
  .strict();

/**
 * `targets`: inputs of the volume back-solve (MQLs needed per month). Every key is optional;
 * avg_deal_size, win_rate (SQL → won) and mql_to_sql default to what the mature cohorts in the
 * data show; new_arr has no default (the back-solve is skipped without it).
 */
export const targetsSectionSchema = z
  .object({
    /** New ARR to book in the year, in the deals' currency. */
    new_arr: z.number().positive().optional(),
    avg_deal_size: z.number().positive().optional(),
    /** Share of SQLs that become won deals, in (0, 1]. */
    win_rate: z.number().positive().max(1).optional(),
    /** Share of MQLs that become SQLs, in (0, 1]. */
    mql_to_sql: z.number().positive().max(1).optional(),
  })
  .strict();

/**
 * `icp`: the ideal-customer fit rules, for the persona-mismatch MQL failure mode. A lead is a
 * persona mismatch when a known value falls outside a configured rule; unknown values (empty
 * cells, an "unknown" seniority or size band) are not mismatches; rules left out are not
 * checked. Countries, industries and seniorities compare case-insensitively; employee bounds
 * are inclusive.
 */
export const icpSectionSchema = z
  .object({
    countries: stringList.optional(),
    industries: stringList.optional(),
    min_employees: z.number().nonnegative().optional(),
    max_employees: z.number().positive().optional(),
    /**
     * Seniorities as the features macro `seniority_of(title)` names them: "C-level", "VP",
     * "Director", "Manager", "Individual contributor" (the exported seniority when the title
     * gives "unknown").
     */
    seniorities: stringList.optional(),
    /**
     * Company-size bands as `size_band_of(employees)` names them: "1-10", "11-50", "51-200",
     * "201-500", "501-1000", "1001-5000", "5001+". An alternative to min/max_employees.
     */
    size_bands: z
      .array(z.enum(["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"]))
      .min(1)
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    preset: z.enum(PRESET_NAMES as [string, ...string[]]).default("canonical"),
    /** IANA time zone the export's local times are in (HubSpot exports in the portal's zone). */
    timezone: z
      .string()
      .min(1)
      .refine(isTimeZone, { message: "is not a known time zone" })
      .default("UTC"),
    /** Order of day and month in ambiguous dates (04/08/2025): auto decides from the data. */
    date_order: z.enum(["auto", "mdy", "dmy", "ymd"]).default("auto"),
    /** Extra strptime formats to try before the built-in ones. */
    date_formats: stringList.default([]),
    /** Decimal separator in numbers: "." (1,234.56) or "," (1.234,56). */
    decimal: z.enum([".", ","]).default("."),
    sources: z.object(loadSectionShape).strict().default({}),
    /** Time windows shared by features, fit, backtest and funnel. */
    windows: z
      .object({
        /** A lead's decision time: its creation plus `scoring_days`, or its historical `mql_at`. */
        decision: z.enum(["created", "mql"]).default("created"),
        scoring_days: z.number().int().positive().default(30),
        /** Days an outcome (SQL, won) may take to count; "auto" derives it from the data's own time to close. */
        maturity_days: z.union([z.literal("auto"), z.number().int().positive()]).default("auto"),
        /** The data's "today" (ISO date); default: the latest timestamp in the loaded data. */
        as_of: z.iso.date().optional(),
      })
      .strict()
      .default({ decision: "created", scoring_days: 30, maturity_days: "auto" }),
    /** The features stage: intent decay, binning and profile warnings (docs/features-and-fit.md). */
    features: z
      .object({
        /** Days after which an activity counts half in decayed intent sums. */
        half_life_days: z.number().positive().default(30),
        /** Categorical fields keep at most this many categories (the rest become "other"). */
        max_categories: z.number().int().min(1).default(10),
        /** Numeric fields start from this many quantile bins before monotonic merging. */
        numeric_bins: z.number().int().min(2).default(5),
        /** A category or bin needs this many leads to stand alone (else "other" / merged). */
        min_bin_leads: z.number().int().min(1).default(30),
        /** A bin with fewer target outcomes than this is flagged as thin. */
        min_bin_outcomes: z.number().int().min(0).default(5),
        /** Feature names to leave out of the profile and the fit (e.g. leaking fields). */
        exclude: stringList.default([]),
        /** Activity types that are sales' own actions after handoff, not buyer intent: left out. */
        sales_activity_types: stringList.default(["meeting", "call"]),
      })
      .strict()
      .default({
        half_life_days: 30,
        max_categories: 10,
        numeric_bins: 5,
        min_bin_leads: 30,
        min_bin_outcomes: 5,
        exclude: [],
        sales_activity_types: ["meeting", "call"],
      }),
    /** The fit stage: regression and points scaling (docs/features-and-fit.md). */
    fit: z
      .object({
        target: z.enum(["won", "sql"]).default("won"),
        /** L2 penalty (l2/2)·Σβ² on the non-intercept coefficients. */
        l2: z.number().min(0).default(1),
        /** The latest N calendar quarters (of decision time) validate; earlier ones train. */
        validate_quarters: z.number().int().min(1).default(1),
        /** Points that double the odds of the target. */
        points_to_double_odds: z.number().positive().default(20),
        /** Features with an information value below this are left out of the model. */
        min_iv: z.number().min(0).default(0.02),
        /** Share of leads held out when there are no dates (random stratified holdout). */
        holdout_share: z.number().gt(0).lt(1).default(0.25),
        /** Seed of that holdout, so reruns give the same split. */
        seed: z.number().int().default(20260),
      })
      .strict()
      .default({
        target: "won",
        l2: 1,
        validate_quarters: 1,
        points_to_double_odds: 20,
        min_iv: 0.02,
        holdout_share: 0.25,
        seed: 20260,
      }),
    /** The backtest stage: objective, constraints and bands (docs/backtest.md). */
    backtest: z
      .object({
        /** What the recommendation maximises: won revenue or won deals captured by MQLs. */
        objective: z.enum(["won_revenue", "won_deals"]).default("won_revenue"),
        /**
         * How long a lead's score is replayed: to the end of its outcome window (decision time +
         * maturity, not past the as-of date), as a live rule keeps scoring; or to its decision time.
         */
        score_until: z.enum(["outcome_window", "decision"]).default("outcome_window"),
        /** Candidate thresholds, from:to:step in whole points. */
        thresholds: z
          .string()
          .regex(/^\s*-?\d+\s*:\s*-?\d+\s*(:\s*\d+\s*)?$/, {
            message: "must be from:to:step in whole points, e.g. 20:120:5",
          })
          .default("20:120:5"),
        /** Most MQLs sales can work in a week, all reps together; omitted: no limit. */
        weekly_mql_capacity: z.number().positive().optional(),
        /** Reps who work MQLs, for MQLs per rep per week; omitted: not reported. */
        reps: z.number().int().positive().optional(),
        /** Lowest acceptable MQL→SQL rate; default: the too-loose band edge. */
        min_mql_to_sql: z.number().min(0).max(1).optional(),
        /** MQL→SQL health bands: below too_loose, the line lets in leads sales rejects; above too_strict, it holds back leads sales would take. */
        health_bands: z
          .object({
            too_loose_below: z.number().min(0).max(1).default(0.1),
            too_strict_above: z.number().min(0).max(1).default(0.4),
          })
          .strict()
          .refine((b) => b.too_loose_below < b.too_strict_above, {
            message: "too_loose_below must be below too_strict_above",
          })
          .default({ too_loose_below: 0.1, too_strict_above: 0.4 }),
        /** The rule in force, for the swap set: a model file (relative to this config) and/or a threshold. */
        current: z
          .object({ model: z.string().min(1).optional(), threshold: z.number().int().optional() })
          .strict()
          .optional(),
        /** Volume back-solve: the new-ARR target for one quarter and the funnel rates to reach it. */
        target: z
          .object({
            new_arr: z.number().positive(),
            /** Default: the mean won amount in the data. */
            average_deal_size: z.number().positive().optional(),
            /** SQL→won rate; default: the rate in the data. */
            win_rate: z.number().gt(0).max(1).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({
        objective: "won_revenue",
        score_until: "outcome_window",
        thresholds: "20:120:5",
        health_bands: { too_loose_below: 0.1, too_strict_above: 0.4 },
      }),
    values: z
      .object({
        deal_stages: z
          .object({ won: stringList.optional(), lost: stringList.optional() })
          .strict()
          .optional(),
        lead_statuses: z
          .object({ sales_accepted: stringList.optional(), disqualified: stringList.optional() })
          .strict()
          .optional(),
        /** Raw activity type → canonical type (pricing_view, demo_request, ...). */
        activity_types: z.record(z.string(), z.string().min(1)).optional(),
        /** Raw source / channel name → normalised channel name (used for leads and spend). */
        sources: z.record(z.string(), z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
    funnel: funnelSectionSchema.default({
      cohort: "month",
      sla_hours: 48,
      sales_touch_types: ["call", "meeting"],
      form_types: ["form_submit", "content_download"],
      single_session_min_events: 3,
      intent_types: ["demo_request"],
    }),
    targets: targetsSectionSchema.default({}),
    icp: icpSectionSchema.optional(),
  })
  .strict();

/** An IANA time zone name the runtime knows (DuckDB's ICU knows the same names). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof configSchema>;
export type FunnelConfig = z.infer<typeof funnelSectionSchema>;
export type TargetsConfig = z.infer<typeof targetsSectionSchema>;
export type IcpConfig = z.infer<typeof icpSectionSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export { KINDS };
