import { existsSync } from "node:fs";
import { relative } from "node:path";
import type { GlobalOptions, Output } from "../cli/output.js";
import { formatNumber, formatPercent, formatTable } from "../cli/table.js";
import { withDb } from "../db/index.js";
import { UserError } from "../errors.js";
import { type DataStatus, dataStatus } from "../load/data-status.js";

export interface StatusOptions extends GlobalOptions {
  rejects?: boolean;
}

/** `handoff status`: what is loaded, how complete, what it can support. */
export async function status(options: StatusOptions, out: Output): Promise<DataStatus> {
  if (options.db !== ":memory:" && !existsSync(options.db)) {
    throw new UserError(
      `database ${options.db} not found: load exports first (handoff load --help)`,
    );
  }
  const result = await withDb(options.db, async (db) => {
    const s = await dataStatus(db);
    if (options.rejects) {
      (s as DataStatus & { rejectRows?: unknown[] }).rejectRows = await db.all(
        `SELECT kind, file, line, "column", reason, message, value, raw FROM rejects ORDER BY kind, file, line`,
      );
    }
    return s;
  });
  if (options.json) out.json(result);
  else out.result(formatStatus(result, options.rejects === true));
  return result;
}

function formatStatus(s: DataStatus & { rejectRows?: unknown[] }, allRejects: boolean): string {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  const parts: string[] = [];
  parts.push(
    formatTable(
      [
        { key: "table_name", label: "table" },
        { key: "rows", label: "rows", align: "right" },
        { key: "first", label: "from" },
        { key: "last", label: "to" },
      ],
      s.tables.map((t) => ({
        ...t,
        rows: formatNumber(t.rows),
        first: day(t.first),
        last: day(t.last),
      })),
    ),
  );
  const l = s.links;
  parts.push(
    `\nLinks: ${formatNumber(l.deals_linked)} of ${formatNumber(l.deals)} deals credited to ${formatNumber(l.leads_with_deal)} leads` +
      ` (${formatNumber(l.deals_with_several_leads)} deals to several leads); ${formatNumber(l.deals_won)} won, ${formatNumber(l.deals_open)} open;` +
      ` ${formatNumber(l.leads_with_won_deal)} leads with a won deal.` +
      `\nFunnel markers: ${formatNumber(l.leads_with_mql_date)} leads with an MQL date, ${formatNumber(l.leads_sales_accepted)} sales-accepted, ${formatNumber(l.leads_disqualified)} disqualified.`,
  );
  parts.push("\nLead fields (share of leads with a value):");
  parts.push(
    formatTable(
      [
        { key: "column", label: "column" },
        { key: "header", label: "from export column" },
        { key: "role", label: "role" },
        { key: "share", label: "filled", align: "right" },
      ],
      s.fill
        .filter((f) => f.filled > 0 || f.role === "canonical")
        .map((f) => ({ ...f, share: formatPercent(f.share) })),
    ),
  );
  if (s.activityTypes.length > 0) {
    parts.push("\nActivity types:");
    parts.push(
      formatTable(
        [
          { key: "type", label: "type" },
          { key: "events", label: "events", align: "right" },
          { key: "leads", label: "leads", align: "right" },
          { key: "raw", label: "exported as" },
        ],
        s.activityTypes.map((a) => ({
          ...a,
          events: formatNumber(a.events),
          leads: formatNumber(a.leads),
          raw: a.raw_labels.join(", "),
        })),
      ),
    );
  }
  parts.push("\nWhat the data supports:");
  for (const c of s.capabilities)
    parts.push(`  ${c.available ? "yes" : "no "}  ${c.analysis}: ${c.note}`);
  if (s.rejects.length > 0) {
    parts.push("\nRejected rows:");
    parts.push(
      formatTable(
        [
          { key: "kind", label: "kind" },
          { key: "reason", label: "reason" },
          { key: "rows", label: "rows", align: "right" },
          { key: "example", label: "first example" },
        ],
        s.rejects.map((r) => ({
          ...r,
          rows: formatNumber(r.rows),
          example: `${relative(process.cwd(), r.example_file) || r.example_file}${r.example_line ? `:${r.example_line}` : ""}${r.example_column ? ` "${r.example_column}"` : ""}: ${r.example_message}`,
        })),
      ),
    );
    if (!allRejects)
      parts.push(
        "(handoff status --rejects lists every rejected row; add --json for the raw rows)",
      );
  }
  if (allRejects && s.rejectRows) {
    parts.push("\nAll rejected rows:");
    parts.push(
      formatTable(
        [
          { key: "where", label: "where" },
          { key: "reason", label: "reason" },
          { key: "message", label: "message" },
          { key: "value", label: "value" },
        ],
        (
          s.rejectRows as {
            file: string;
            line: number | null;
            column: string | null;
            reason: string;
            message: string;
            value: string | null;
          }[]
        ).map((r) => ({
          where: `${relative(process.cwd(), r.file) || r.file}${r.line ? `:${r.line}` : ""}${r.column ? ` "${r.column}"` : ""}`,
          reason: r.reason,
          message: r.message,
          value: r.value,
        })),
      ),
    );
  }
  return parts.join("\n");
}
