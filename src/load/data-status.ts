import type { Db } from "../db/index.js";
import { quoteIdent } from "../db/quote.js";

export interface TableStatus {
  table_name: string;
  rows: number;
  first: Date | null;
  last: Date | null;
}

export interface FieldFill {
  column: string;
  role: "canonical" | "extra" | "derived";
  header: string | null;
  filled: number;
  share: number;
}

export interface DataStatus {
  tables: TableStatus[];
  links: Record<string, number>;
  fill: FieldFill[];
  rejects: {
    kind: string;
    reason: string;
    rows: number;
    example_file: string;
    example_line: number | null;
    example_column: string | null;
    example_message: string;
    example_value: string | null;
  }[];
  activityTypes: { type: string; events: number; leads: number; raw_labels: string[] }[];
  loads: {
    load_id: number;
    kind: string;
    file: string;
    action: string;
    rows_loaded: number;
    rows_rejected: number;
    loaded_at: Date;
  }[];
  capabilities: { analysis: string; available: boolean; note: string }[];
}

const BOOKKEEPING = new Set(["source_file", "source_line", "is_sales_accepted", "is_disqualified"]);

/** What is loaded, how complete it is, and which analyses it can support. */
export async function dataStatus(db: Db): Promise<DataStatus> {
  await db.exec("load/schema");
  const tables = await db.query<TableStatus>("load/status-tables");
  const links = (await db.query<Record<string, number>>("load/status-links"))[0] ?? {};
  const rejects = await db.query<DataStatus["rejects"][number]>("load/status-rejects");
  const activityTypes = await db.query<DataStatus["activityTypes"][number]>(
    "load/status-activity-types",
  );
  const loads = await db.all<DataStatus["loads"][number]>(
    "SELECT load_id, kind, file, action, rows_loaded, rows_rejected, loaded_at FROM load_log ORDER BY load_id, kind, file",
  );

  const columns = (await db.tableColumns("leads"))
    .map((c) => c.name)
    .filter((c) => !BOOKKEEPING.has(c));
  const catalog = new Map(
    (
      await db.all<{ column_name: string; header: string; role: string }>(
        "SELECT column_name, header, role FROM column_catalog WHERE kind = 'leads'",
      )
    ).map((r) => [r.column_name, r]),
  );
  const total = links.leads ?? 0;
  let fill: FieldFill[] = [];
  if (columns.length > 0) {
    const counts =
      (
        await db.all<Record<string, number>>(
          `SELECT ${columns.map((c, i) => `count(${quoteIdent(c)})::BIGINT AS n${i}`).join(", ")} FROM leads`,
        )
      )[0] ?? {};
    fill = columns.map((column, i) => {
      const entry = catalog.get(column);
      const filled = counts[`n${i}`] ?? 0;
      return {
        column,
        role:
          (entry?.role as FieldFill["role"]) ?? (column === "source_raw" ? "derived" : "canonical"),
        header: entry?.header ?? null,
        filled,
        share: total > 0 ? filled / total : 0,
      };
    });
  }
  return {
    tables,
    links,
    fill,
    rejects,
    activityTypes,
    loads,
    capabilities: capabilities(tables, links, fill),
  };
}

function capabilities(
  tables: TableStatus[],
  links: Record<string, number>,
  fill: FieldFill[],
): DataStatus["capabilities"] {
  const rows = (name: string) => tables.find((t) => t.table_name === name)?.rows ?? 0;
  const filled = (column: string) => (fill.find((f) => f.column === column)?.share ?? 0) > 0;
  const flatCounts = fill
    .filter((f) => f.column.startsWith("count_") && f.filled > 0)
    .map((f) => f.column);
  const out: DataStatus["capabilities"] = [];
  const leads = rows("leads");
  out.push({
    analysis: "time-based analysis (as-of features, out-of-time validation, cohorts)",
    available: filled("created_at"),
    note: filled("created_at")
      ? "leads have creation dates"
      : "no creation dates: fit falls back to a random stratified holdout; funnels have no cohorts",
  });
  out.push({
    analysis: "intent features",
    available: rows("activities") > 0 || flatCounts.length > 0,
    note:
      rows("activities") > 0
        ? `from ${rows("activities").toLocaleString("en-US")} activity events (as of each lead's decision time)`
        : flatCounts.length > 0
          ? `no activities file: intent features come from flat counts only (${flatCounts.join(", ")}), which are totals as of the export, not as of the decision time`
          : "no activities file and no flat counts: fit signals only",
  });
  out.push({
    analysis: "closed-won labels",
    available: (links.leads_with_won_deal ?? 0) > 0,
    note: `${(links.leads_with_won_deal ?? 0).toLocaleString("en-US")} of ${leads.toLocaleString("en-US")} leads have a won deal`,
  });
  out.push({
    analysis: "sales-accepted (SQL) labels",
    available: (links.leads_sales_accepted ?? 0) > 0,
    note: `${(links.leads_sales_accepted ?? 0).toLocaleString("en-US")} leads were accepted by sales`,
  });
  out.push({
    analysis: "historical MQL rule (funnel, swap set)",
    available: filled("mql_at"),
    note: filled("mql_at")
      ? `${(links.leads_with_mql_date ?? 0).toLocaleString("en-US")} leads have an MQL date`
      : "no MQL dates: the current rule cannot be reconstructed from history",
  });
  out.push({
    analysis: "channel economics (cost per MQL/SQL/won)",
    available: rows("spend") > 0 && filled("source"),
    note:
      rows("spend") > 0
        ? `spend for ${links.spend_sources ?? 0} sources`
        : "no spend file: costs are not available",
  });
  out.push({
    analysis: "SLA (MQL to first sales touch)",
    available: filled("first_touch_at") || (rows("activities") > 0 && filled("mql_at")),
    note: filled("first_touch_at")
      ? "first sales touch dates on leads"
      : rows("activities") > 0
        ? "first call/meeting activity after MQL"
        : "no first-touch dates and no activities",
  });
  return out;
}
