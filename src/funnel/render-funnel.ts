import { type TextColumn, textTable } from "../util/text-table.js";
import type { CohortFunnelRow } from "./cohort-funnel.js";
import {
  formatCohort,
  formatDate,
  formatDays,
  formatNumber,
  formatRate,
  percent,
} from "./format.js";
import type { FunnelReport } from "./funnel-report.js";

const NOT_OBSERVABLE = "n/o";

/** The funnel report as terminal text: cohort tables, SLA, failure modes, back-solve, notes. */
export function renderFunnel(report: FunnelReport): string {
  const { windows, observability: obs, settings } = report;
  const out: string[] = [];
  const maturity =
    windows.maturitySource === "config"
      ? `${windows.maturityDays} days (windows.maturity_days)`
      : windows.maturitySource === "auto"
        ? `${windows.maturityDays} days (auto: 90th percentile of lead-to-won days over ${windows.maturityBasis?.wonLeads} won leads)`
        : `${windows.maturityDays} days (default: only ${windows.maturityBasis?.wonLeads ?? 0} won leads to measure; set windows.maturity_days)`;
  out.push(
    `Funnel by ${settings.grain} of lead creation${settings.by ? `, by ${settings.by}` : ""}. As of ${windows.asOf.toISOString().slice(0, 16).replace("T", " ")} UTC (${windows.asOfSource === "config" ? "windows.as_of" : "latest date in the data"}); maturity ${maturity}.`,
    "Counts after Lead are MQL-sourced (among MQLs); rates are 95% Wilson intervals; immature cohorts have no rates.",
    "",
  );

  const segments = [...new Set(report.cohorts.map((row) => row.segment))];
  const withSegment = settings.by !== null;
  const rateCell = (
    row: CohortFunnelRow,
    key: keyof CohortFunnelRow["rates"],
    hidden: string | null,
  ) => (hidden ? NOT_OBSERVABLE : row.mature ? formatRate(row.rates[key]) : "—");
  const oppHidden = obs.opportunity;
  const head: TextColumn[] = [
    ...(withSegment ? [{ header: settings.by ?? "" }] : []),
    { header: "cohort" },
    { header: "leads", align: "right" },
    { header: "MQL", align: "right" },
    { header: "SQL", align: "right" },
    { header: "Opp", align: "right" },
    { header: "Won", align: "right" },
    { header: "Lead→MQL", align: "right" },
    { header: "MQL→SQL", align: "right" },
    { header: "SQL→Opp", align: "right" },
    { header: "Opp→Won", align: "right" },
    { header: "MQL→Won", align: "right" },
    { header: "status" },
  ];
  const rows = segments.flatMap((segment) =>
    report.cohorts
      .filter((row) => row.segment === segment)
      .map((row) => [
        ...(withSegment ? [row.segment] : []),
        formatCohort(row.cohort_start, settings.grain),
        formatNumber(row.leads),
        formatNumber(row.mqls),
        formatNumber(row.sqls),
        oppHidden ? NOT_OBSERVABLE : formatNumber(row.opportunities),
        formatNumber(row.won),
        rateCell(row, "leadToMql", obs.leadToMql),
        rateCell(row, "mqlToSql", null),
        rateCell(row, "sqlToOpportunity", oppHidden),
        rateCell(row, "opportunityToWon", oppHidden),
        rateCell(row, "mqlToWon", null),
        row.is_total ? "" : row.mature ? "mature" : `immature until ${formatDate(row.matures_on)}`,
      ]),
  );
  out.push("Cohort funnel", textTable(head, rows), "");

  const velocityHead: TextColumn[] = [
    ...(withSegment ? [{ header: settings.by ?? "" }] : []),
    { header: "cohort" },
    { header: "days Lead→MQL", align: "right" },
    { header: "MQL→SQL", align: "right" },
    { header: "SQL→Opp", align: "right" },
    { header: "Opp→Won", align: "right" },
    { header: "MQL→Won", align: "right" },
    { header: "won deals", align: "right" },
    { header: "avg won deal", align: "right" },
    { header: "SQL w/o MQL", align: "right" },
  ];
  const velocityRows = segments.flatMap((segment) =>
    report.cohorts
      .filter((row) => row.segment === segment)
      .map((row) => [
        ...(withSegment ? [row.segment] : []),
        formatCohort(row.cohort_start, settings.grain),
        formatDays(row.days_lead_to_mql),
        formatDays(row.days_mql_to_sql),
        oppHidden ? NOT_OBSERVABLE : formatDays(row.days_sql_to_opportunity),
        oppHidden ? NOT_OBSERVABLE : formatDays(row.days_opportunity_to_won),
        formatDays(row.days_mql_to_won),
        formatNumber(row.won_deals),
        formatNumber(row.avg_won_deal_size),
        formatNumber(row.sql_without_mql),
      ]),
  );
  out.push(
    "Velocity (median days between stages) and won deal size of MQL-sourced pipeline",
    textTable(velocityHead, velocityRows),
    "",
  );

  out.push(...renderSla(report), "", ...renderFailureModes(report), "", ...renderBacksolve(report));

  const notes = [obs.leadToMql, obs.sql, obs.opportunity, ...obs.notes].filter(
    (n): n is string => n !== null,
  );
  if (notes.length > 0) out.push("", "Notes", ...notes.map((note) => `- ${note}`));
  return `${out.join("\n")}\n`;
}

function renderSla(report: FunnelReport): string[] {
  const title = `MQL follow-up SLA: first sales touch within ${report.settings.slaHours} h (touch = first_touch_at, else ${report.settings.touchTypes.join(" / ")} activity)`;
  if ("notComputable" in report.sla) return [title, `not computable: ${report.sla.notComputable}`];
  const head: TextColumn[] = [
    { header: "by" },
    { header: "value" },
    { header: "MQLs", align: "right" },
    { header: "within SLA", align: "right" },
    { header: "late", align: "right" },
    { header: "never touched", align: "right" },
    { header: "pending", align: "right" },
    { header: "touched before MQL", align: "right" },
    { header: "share within SLA", align: "right" },
    { header: "median h", align: "right" },
  ];
  const rows = report.sla.rows.map((row) => [
    row.dimension,
    row.value ?? "",
    formatNumber(row.mqls),
    formatNumber(row.within_sla),
    formatNumber(row.late),
    formatNumber(row.never_touched),
    formatNumber(row.pending),
    formatNumber(row.touched_before_mql),
    formatRate(row.withinSla),
    formatDays(row.median_hours_to_touch),
  ]);
  return [
    title,
    textTable(head, rows),
    "share within SLA = within / (within + late + never touched); pending = SLA not yet run out; touched before MQL = not a handoff, left out.",
  ];
}

function renderFailureModes(report: FunnelReport): string[] {
  const head: TextColumn[] = [
    { header: "MQL failure mode" },
    { header: "MQLs", align: "right" },
    { header: "mature", align: "right" },
    { header: "SQL rate", align: "right" },
    { header: "won rate", align: "right" },
  ];
  const rows = report.failureModes.map((row) =>
    row.computable
      ? [
          row.mode.replaceAll("_", " "),
          formatNumber(row.mqls),
          formatNumber(row.mature_mqls),
          formatRate(row.sqlRate),
          formatRate(row.wonRate),
        ]
      : [row.mode.replaceAll("_", " "), "—", "—", `not computable: ${row.reason}`, ""],
  );
  return [
    "MQL failure modes (modes overlap; rates over MQLs created at least the maturity window before as-of)",
    textTable(head, rows),
  ];
}

function renderBacksolve(report: FunnelReport): string[] {
  const b = report.backsolve;
  const src = (source: string) => (source === "config" ? "given" : "from data");
  const lines = ["Volume back-solve (MQLs needed per month for the new-ARR target)"];
  lines.push(
    `  average deal size ${formatNumber(b.inputs.avgDealSize.value)} (${src(b.inputs.avgDealSize.source)}); win rate SQL→Won ${b.inputs.winRate.value === null ? "—" : percent(b.inputs.winRate.value)} (${src(b.inputs.winRate.source)}; data ${formatRate(b.inputs.winRate.data)}); MQL→SQL ${b.inputs.mqlToSql.value === null ? "—" : percent(b.inputs.mqlToSql.value)} (${src(b.inputs.mqlToSql.source)}; data ${formatRate(b.inputs.mqlToSql.data)})`,
  );
  const actual = `${formatNumber(b.actualMqlsPerMonth, 1)} MQLs/month (${b.runRate.mqls} MQLs in ${formatDate(b.runRate.from)} … ${formatDate(new Date(b.runRate.to.getTime() - 86_400_000))})`;
  if (b.missing !== null) {
    lines.push(`  not computed: ${b.missing}`, `  actual run rate ${actual}`);
    return lines;
  }
  lines.push(
    `  new ARR ${formatNumber(b.inputs.newArr)} → ${formatNumber(b.dealsNeeded, 1)} won deals → ${formatNumber(b.sqlsNeeded, 1)} SQLs → ${formatNumber(b.mqlsNeeded, 1)} MQLs a year`,
    `  needed ${formatNumber(b.mqlsNeededPerMonth, 1)} MQLs/month vs actual ${actual}: ${
      (b.gapPerMonth ?? 0) > 0
        ? `short by ${formatNumber(b.gapPerMonth, 1)} a month`
        : `ahead by ${formatNumber(-(b.gapPerMonth ?? 0), 1)} a month`
    }`,
  );
  return lines;
}
