import type { FailureModeRow } from "../../funnel/mql-failure-modes.js";
import type { Block, ReportDocument, Section } from "../types.js";
import { spendTotals } from "./board.js";
import {
  count,
  DEFINITIONS,
  modelCardOf,
  money,
  pct,
  tidyChartData,
  unavailableSection,
} from "./page-helpers.js";
import type { ChannelsInputs } from "./page-inputs.js";

const MODE_LABEL: Record<FailureModeRow["mode"], string> = {
  all_mqls: "All MQLs",
  form_fill_only: "Form fill only",
  single_session: "Single session",
  persona_mismatch: "Outside the ideal customer profile",
  recycled: "Recycled lead",
};

/**
 * The channels page: what each channel's spend bought (cost per lead, MQL, SQL and won deal,
 * CAC, conversion with intervals) and the kinds of MQL that rarely convert. Pure.
 */
export function buildChannelsReport(inputs: ChannelsInputs): ReportDocument {
  const { context } = inputs;
  const sections: Section[] = [economicsSection(inputs), failureSection(inputs)];
  const bySource = slaBySource(inputs);
  if (bySource) sections.push(bySource);
  return tidyChartData({
    title: "Channels and MQL quality",
    subtitle: "What each marketing channel's spend bought, and which kinds of MQL rarely convert.",
    generatedAt: context.generatedAt,
    currency: context.currency,
    sections,
    modelCard: modelCardOf(context, [
      DEFINITIONS.mql,
      DEFINITIONS.sql,
      DEFINITIONS.costPer,
      DEFINITIONS.cac,
      DEFINITIONS.mqlToSql,
      DEFINITIONS.mqlToWon,
      DEFINITIONS.failureModes,
      DEFINITIONS.sla,
      DEFINITIONS.maturity,
      DEFINITIONS.interval,
    ]),
  });
}

function economicsSection(inputs: ChannelsInputs): Section {
  const currency = inputs.context.currency;
  if (!inputs.channels.ok)
    return unavailableSection(
      "economics",
      "Channel economics",
      "Channel economics are",
      inputs.channels.reason,
    );
  const report = inputs.channels.value;
  const totals = spendTotals(report.economics.rows);
  const blocks: Block[] = [
    {
      kind: "chart",
      chart: "common/cost-by-channel",
      title: "Cost per MQL, SQL and won deal",
      data: {
        costs: totals.flatMap((r) => [
          { channel: r.channel, outcome: "MQL", cost: r.cost_per_mql },
          { channel: r.channel, outcome: "SQL", cost: r.cost_per_sql },
          { channel: r.channel, outcome: "Won", cost: r.cost_per_won_deal },
        ]),
      },
      caption:
        "Over each channel's mature periods with spend; lowest cost per won deal first. A gap means the channel had none of that outcome.",
    },
    {
      kind: "table",
      columns: [
        { key: "channel", label: "Channel", format: "text" },
        { key: "spend", label: "Spend", format: "money" },
        { key: "mqls", label: "MQLs", format: "int" },
        { key: "won", label: "Won", format: "int" },
        { key: "cpm", label: "Cost / MQL", format: "money" },
        { key: "cps", label: "Cost / SQL", format: "money" },
        { key: "cac", label: "CAC", format: "money" },
        { key: "roas", label: "Revenue ÷ spend", format: "number" },
        { key: "wonRate", label: "MQL→won", format: "pct" },
      ],
      rows: totals.map((r) => ({
        channel: r.channel,
        spend: r.spend,
        mqls: r.mqls,
        won: r.won_deals,
        cpm: r.cost_per_mql,
        cps: r.cost_per_sql,
        cac: r.cac,
        roas: r.revenue_per_spend,
        wonRate: r.rates.mqlToWon.n > 0 ? r.rates.mqlToWon.estimate : null,
      })),
      caption: `Spend in ${currency}; won = won deals; CAC = spend per new customer. Leads are counted in the period they were created, for their own source; a won deal counts once, for its first lead.`,
    },
  ];
  const withMqls = totals.filter((r) => r.rates.mqlToWon.n > 0);
  if (withMqls.length > 0)
    blocks.push({
      kind: "chart",
      chart: "common/rate-by-bin",
      title: "MQL→won by channel",
      data: {
        bins: withMqls.map((r, i) => ({
          bin: r.channel,
          order: i,
          rate: r.rates.mqlToWon.estimate,
          lower: r.rates.mqlToWon.low,
          upper: r.rates.mqlToWon.high,
          n: r.rates.mqlToWon.n,
        })),
        overall: [],
      },
      caption:
        "Share of each paid channel's mature MQLs that became customers, with 95% intervals.",
    });
  const notes: string[] = [];
  const { leadsWithoutSpend, spendWithoutLeads } = report.economics;
  if (leadsWithoutSpend.length > 0)
    notes.push(
      `Sources with leads but no spend (organic or untracked): ${leadsWithoutSpend.map((c) => `${c.channel} (${count(c.leads)} leads)`).join(", ")}.`,
    );
  if (spendWithoutLeads.length > 0)
    notes.push(
      `Spend with no lead from that channel at all: ${spendWithoutLeads.map((c) => `${c.channel} (${money(c.spend, currency)})`).join(", ")}. Check the channel names in the spend and lead exports match.`,
    );
  for (const warning of report.warnings) notes.push(`Check: ${warning}.`);
  if (notes.length > 0) blocks.push({ kind: "text", paragraphs: notes });
  return {
    id: "economics",
    heading: "Channel economics",
    intro: "What each paid channel's spend bought, over the periods whose outcomes are in.",
    blocks,
  };
}

function failureSection(inputs: ChannelsInputs): Section {
  if (!inputs.funnel.ok)
    return unavailableSection(
      "failure-modes",
      "MQLs that rarely convert",
      "MQL failure modes are",
      inputs.funnel.reason,
    );
  const modes = inputs.funnel.value.failureModes;
  const all = modes.find((m) => m.mode === "all_mqls");
  const computable = modes.filter(
    (m) => m.mode !== "all_mqls" && m.computable && m.sqlRate !== null && m.sqlRate.n > 0,
  );
  const blocks: Block[] = [];
  if (computable.length > 0)
    blocks.push({
      kind: "chart",
      chart: "common/rate-by-bin",
      title: "MQL→SQL by failure mode",
      data: {
        bins: computable.map((m, i) => ({
          bin: MODE_LABEL[m.mode],
          order: i,
          rate: m.sqlRate?.estimate ?? 0,
          lower: m.sqlRate?.low ?? 0,
          upper: m.sqlRate?.high ?? 0,
          n: m.sqlRate?.n ?? 0,
        })),
        overall: all?.sqlRate
          ? [{ rate: all.sqlRate.estimate, label: `All MQLs ${pct(all.sqlRate.estimate)}` }]
          : [],
      },
      caption:
        "Share of mature MQLs of each kind that sales accepted, with 95% intervals; the dashed line is all MQLs.",
    });
  blocks.push({
    kind: "table",
    columns: [
      { key: "mode", label: "Kind of MQL", format: "text" },
      { key: "mqls", label: "MQLs", format: "int" },
      { key: "mature", label: "Mature", format: "int" },
      { key: "sqlRate", label: "MQL→SQL", format: "pct" },
      { key: "wonRate", label: "MQL→won", format: "pct" },
      { key: "reason", label: "Note", format: "text" },
    ],
    rows: modes.map((m) => ({
      mode: MODE_LABEL[m.mode],
      mqls: m.mqls,
      mature: m.mature_mqls,
      sqlRate: m.sqlRate && m.sqlRate.n > 0 ? m.sqlRate.estimate : null,
      wonRate: m.wonRate && m.wonRate.n > 0 ? m.wonRate.estimate : null,
      reason: m.reason,
    })),
    caption:
      "Kinds overlap: one MQL can be a form fill only and recycled. Rates are over MQLs old enough for their outcome to be known.",
  });
  return {
    id: "failure-modes",
    heading: "MQLs that rarely convert",
    intro:
      "Kinds of MQL that sales accepts less often than average: candidates for a stricter rule or a nurture track instead of a handoff.",
    blocks,
  };
}

function slaBySource(inputs: ChannelsInputs): Section | null {
  if (!inputs.funnel.ok || "notComputable" in inputs.funnel.value.sla) return null;
  const hours = inputs.funnel.value.settings.slaHours;
  const rows = inputs.funnel.value.sla.rows.filter((r) => r.dimension === "source");
  if (rows.length === 0) return null;
  return {
    id: "follow-up-by-source",
    heading: "Sales follow-up by channel",
    intro: `How quickly sales contacts a new MQL from each channel: the agreed time is ${hours} hours.`,
    blocks: [
      {
        kind: "table",
        columns: [
          { key: "source", label: "Channel", format: "text" },
          { key: "mqls", label: "MQLs", format: "int" },
          { key: "within", label: "Within SLA", format: "int" },
          { key: "late", label: "Late", format: "int" },
          { key: "never", label: "Never touched", format: "int" },
          { key: "share", label: "Share within", format: "pct" },
          { key: "median", label: "Median hours", format: "number" },
        ],
        rows: rows.map((r) => ({
          source: r.value ?? "(no source)",
          mqls: r.mqls,
          within: r.within_sla,
          late: r.late,
          never: r.never_touched,
          share: r.withinSla.n > 0 ? r.withinSla.estimate : null,
          median: r.median_hours_to_touch,
        })),
        caption:
          "Share within = within SLA over MQLs whose SLA has run out (within, late or never touched).",
      },
    ],
  };
}
