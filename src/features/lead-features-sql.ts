import { quoteIdent, quoteString } from "../db/index.js";

/** A candidate feature of lead_features: its column and where it comes from. */
export interface LeadFeatureColumn {
  feature: string;
  family: "fit" | "intent" | "engagement";
  kind: "categorical" | "numeric";
  /** The value's SQL over `l` (leads joined to lead_labels) and `p` (per-lead activity totals). */
  expr: string;
}

/** Flat-export intent count columns of leads (queries/load/schema.sql). */
export const COUNT_COLUMNS = [
  "count_page_view",
  "count_form_submit",
  "count_session",
  "count_email_click",
  "count_email_open",
  "count_event",
] as const;

/**
 * The built-in candidate features, one column each (see leadFeaturesSql for the definitions).
 * `activityTypes`: the distinct activity types other than sales' own (ordered); when there are
 * none, no intent / events / engagement column is made. `flat`: no activities at all, so the
 * leads' count_* columns (lifetime totals as of the export) are used as intent counts.
 */
export function leadFeatureColumns(
  activityTypes: readonly string[],
  flat: boolean,
): LeadFeatureColumn[] {
  const trimmed = (c: string) => `nullif(trim(l.${quoteIdent(c)}), '')`;
  const cols: LeadFeatureColumn[] = [
    { feature: "source", family: "fit", kind: "categorical", expr: trimmed("source") },
    { feature: "industry", family: "fit", kind: "categorical", expr: trimmed("industry") },
    { feature: "country", family: "fit", kind: "categorical", expr: trimmed("country") },
    { feature: "campaign", family: "fit", kind: "categorical", expr: trimmed("campaign") },
    {
      feature: "seniority",
      family: "fit",
      kind: "categorical",
      expr: "CASE WHEN (SELECT count(title) FROM leads) > 0 THEN seniority_of(l.title) END",
    },
    {
      feature: "size_band",
      family: "fit",
      kind: "categorical",
      expr: "CASE WHEN (SELECT count(employees) FROM leads) > 0 THEN size_band_of(l.employees) END",
    },
    { feature: "employees", family: "fit", kind: "numeric", expr: "CAST(l.employees AS DOUBLE)" },
  ];
  if (flat)
    for (const c of COUNT_COLUMNS)
      cols.push({
        feature: c,
        family: "intent",
        kind: "numeric",
        expr: `CAST(l.${quoteIdent(c)} AS DOUBLE)`,
      });
  // activity features: NULL for a lead without a decision time (nothing can be placed in time),
  // 0 for one without events
  const timed = (value: string) =>
    `CAST(CASE WHEN l.decision_at IS NOT NULL THEN ${value} END AS DOUBLE)`;
  for (const [i, _] of activityTypes.entries())
    cols.push({
      feature: `intent.${activityTypes[i]}`,
      family: "intent",
      kind: "numeric",
      expr: timed(`coalesce(p.${quoteIdent(`decayed_${i}`)}, 0)`),
    });
  for (const [i, _] of activityTypes.entries())
    cols.push({
      feature: `events.${activityTypes[i]}`,
      family: "engagement",
      kind: "numeric",
      expr: timed(`coalesce(p.${quoteIdent(`events_${i}`)}, 0)`),
    });
  if (activityTypes.length > 0)
    cols.push(
      {
        feature: "engagement.recency_days",
        family: "engagement",
        kind: "numeric",
        expr: timed("p.recency_days"),
      },
      {
        feature: "engagement.active_days",
        family: "engagement",
        kind: "numeric",
        expr: timed("coalesce(p.active_days, 0)"),
      },
      {
        feature: "engagement.decayed_total",
        family: "engagement",
        kind: "numeric",
        expr: timed("coalesce(p.decayed_total, 0)"),
      },
    );
  return cols;
}

/**
 * The statement that writes lead_features in wide form: one row per lead of lead_labels, the
 * column lead_id and one typed column per feature in `columns` (VARCHAR for categorical, DOUBLE
 * for numeric), named by the feature (quoted: `"intent.pricing_view"`). Reads leads, activities,
 * lead_labels (decision_at) and feature_run (half_life_days); needs features/macros.sql.
 * params: $sales_types VARCHAR, a JSON array of activity types that are sales' own actions
 *   (features.sales_activity_types): left out of every feature.
 * Definitions (as of each lead's decision time; docs/features-and-fit.md):
 *   fit         source, industry, country, campaign (trimmed, '' as NULL), seniority
 *               (seniority_of(title)) and size_band (size_band_of(employees)) when any lead has
 *               the field, employees (numeric); extra export columns (build-features.ts).
 *   intent      intent.<type>: Σ 0.5^(age_days / half_life_days) over the lead's events of the
 *               type with occurred_at <= decision_at (an event one second later is not seen);
 *               flat exports (no activities): the count_* columns.
 *   engagement  events.<type> (plain counts), engagement.recency_days (days from the last event
 *               to decision_at; NULL = no event), engagement.active_days (distinct calendar
 *               days with an event), engagement.decayed_total (all types).
 * The per-type totals come from one GROUP BY lead over the lead's events with a FILTER per type
 * (`activityTypes[i]` is aggregated as decayed_<i> / events_<i>), not a lead × type grid.
 */
export function leadFeaturesSql(
  columns: readonly LeadFeatureColumn[],
  activityTypes: readonly string[],
): string {
  const perType = activityTypes.flatMap((type, i) => [
    `count(*) FILTER (WHERE a.type = ${quoteString(type)}) AS ${quoteIdent(`events_${i}`)}`,
    `sum(decay_weight_of(a.age_days, run.half_life_days)) FILTER (WHERE a.type = ${quoteString(type)}) AS ${quoteIdent(`decayed_${i}`)}`,
  ]);
  const perLead =
    activityTypes.length === 0
      ? "per_lead AS (SELECT NULL::VARCHAR AS lead_id WHERE false)"
      : `acts AS (
  SELECT a.lead_id, a.type, a.occurred_at,
         epoch(l.decision_at - a.occurred_at) / 86400.0 AS age_days
  FROM activities a JOIN l ON l.lead_id = a.lead_id
  WHERE a.occurred_at <= l.decision_at
    AND NOT list_contains(from_json($sales_types, '["VARCHAR"]'), a.type)
), per_lead AS (
  SELECT a.lead_id,
         min(a.age_days) AS recency_days,
         count(DISTINCT CAST(a.occurred_at AS DATE)) AS active_days,
         sum(decay_weight_of(a.age_days, run.half_life_days)) AS decayed_total,
         ${perType.join(",\n         ")}
  FROM acts a CROSS JOIN run
  GROUP BY a.lead_id
)`;
  const select = columns.map(
    (c) =>
      `CAST(${c.expr} AS ${c.kind === "numeric" ? "DOUBLE" : "VARCHAR"}) AS ${quoteIdent(c.feature)}`,
  );
  return `-- lead-features: every lead's candidate features as of its decision time, one column each (src/features/lead-features-sql.ts)
CREATE OR REPLACE TABLE lead_features AS
WITH run AS (
  SELECT half_life_days FROM feature_run LIMIT 1
), l AS (
  SELECT l.*, b.decision_at FROM leads l JOIN lead_labels b ON b.lead_id = l.lead_id
), ${perLead}
SELECT l.lead_id${select.map((s) => `,\n       ${s}`).join("")}
FROM l LEFT JOIN per_lead p ON p.lead_id = l.lead_id`;
}
