import { formatDate, formatNumber, formatRate } from "../funnel/format.js";
import { type TextColumn, textTable } from "../util/text-table.js";
import type { ChannelRow } from "./channel-economics.js";
import type { ChannelsReport } from "./channels-report.js";

const money = (value: number | null) =>
  formatNumber(value, value !== null && Math.abs(value) < 100 ? 2 : 0);

/** The channels report as terminal text. */
export function renderChannels(report: ChannelsReport): string {
  const { economics, windows } = report;
  const out: string[] = [
    `Channel economics by ${report.settings.period === "month" ? "calendar month" : "spend period (as the spend file cuts them)"}. As of ${windows.asOf.toISOString().slice(0, 10)}; maturity ${windows.maturityDays} days.`,
    "A lead belongs to the period its created_at falls in, for its own source only. A won deal counts once, for its first lead.",
    "",
  ];
  const costColumns: TextColumn[] = [
    { header: "spend", align: "right" },
    { header: "leads", align: "right" },
    { header: "MQL", align: "right" },
    { header: "SQL", align: "right" },
    { header: "won deals", align: "right" },
    { header: "cost/lead", align: "right" },
    { header: "cost/MQL", align: "right" },
    { header: "cost/SQL", align: "right" },
    { header: "cost/won", align: "right" },
    { header: "CAC", align: "right" },
    { header: "revenue/spend", align: "right" },
  ];
  const costCells = (row: ChannelRow) => [
    money(row.spend),
    formatNumber(row.leads),
    formatNumber(row.mqls),
    formatNumber(row.sqls),
    formatNumber(row.won_deals),
    money(row.cost_per_lead),
    money(row.cost_per_mql),
    money(row.cost_per_sql),
    money(row.cost_per_won_deal),
    money(row.cac),
    formatNumber(row.revenue_per_spend, 2),
  ];
  const totals = economics.rows.filter((row) => row.is_total);
  out.push(
    "Channel totals over mature periods with spend",
    textTable(
      [
        { header: "channel" },
        ...costColumns,
        { header: "MQL→SQL", align: "right" },
        { header: "MQL→Won", align: "right" },
      ],
      totals.map((row) => [
        row.channel,
        ...costCells(row),
        formatRate(row.rates.mqlToSql),
        formatRate(row.rates.mqlToWon),
      ]),
    ),
    "",
  );
  const periods = economics.rows.filter((row) => !row.is_total);
  out.push(
    "By period",
    textTable(
      [
        { header: "channel" },
        { header: "period" },
        { header: "status" },
        ...costColumns,
        { header: "mature" },
      ],
      periods.map((row) => [
        row.channel,
        row.period_start
          ? `${formatDate(row.period_start)}…${formatDate(row.period_end)}`
          : "(outside spend periods)",
        row.status.replaceAll("_", " "),
        ...costCells(row),
        row.mature === null ? "" : row.mature ? "yes" : "no",
      ]),
    ),
  );
  if (economics.spendWithoutLeads.length > 0) {
    out.push(
      "",
      "Channels with spend but no leads:",
      ...economics.spendWithoutLeads.map((c) => `- ${c.channel}: spend ${money(c.spend)}`),
    );
  }
  if (economics.leadsWithoutSpend.length > 0) {
    out.push(
      "",
      "Lead sources with no spend:",
      ...economics.leadsWithoutSpend.map(
        (c) => `- ${c.channel}: ${formatNumber(c.leads)} ${c.leads === 1 ? "lead" : "leads"}`,
      ),
    );
  }
  if (report.spellings.unmapped.length > 0) {
    out.push(
      "",
      "Source names kept as exported (values.sources does not mention them):",
      ...report.spellings.unmapped.map(
        (u) =>
          `- "${u.value}" (${u.origins.join(", ")}, ${formatNumber(u.rows)} ${u.rows === 1 ? "row" : "rows"})`,
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
