import type { ChannelRow } from "../../channels/channel-economics.js";
import type { CohortFunnelRow } from "../../funnel/cohort-funnel.js";
import type { FunnelReport } from "../../funnel/funnel-report.js";
import type { Band, Block, ChartRow, Headline, ReportDocument, Section } from "../types.js";
import {
  bandOfInterval,
  bandOfRange,
  count,
  DEFINITIONS,
  isoDay,
  modelCardOf,
  money,
  moneyShort,
  pct,
  pointsChange,
  quarterLabel,
  relativeChange,
  tidyChartData,
  unavailableSection,
} from "./page-helpers.js";
import type { BoardInputs } from "./page-inputs.js";

const DAY = 86_400_000;

/** The quarters of the funnel: one row per quarter of lead creation, oldest first. */
export function quarterRows(funnel: FunnelReport): CohortFunnelRow[] {
  return funnel.cohorts
    .filter((r) => !r.is_total && r.cohort_start !== null && r.cohort_end !== null)
    .sort((a, b) => (a.cohort_start?.getTime() ?? 0) - (b.cohort_start?.getTime() ?? 0));
}

/**
 * The board page: headline figures with their change against the previous complete quarter
 * and their health band, a plain-language summary built from those figures, the funnel by
 * quarter, conversion trends against the healthy band, cost by channel and SLA compliance.
 * Pure: results in, document out. Immature quarters (outcomes still coming in) show counts
 * only and are marked, never drawn as falling rates.
 */
export function buildBoardReport(inputs: BoardInputs): ReportDocument {
  const { context } = inputs;
  const sections: Section[] = [];
  const summary: string[] = [];

  if (!inputs.funnel.ok) {
    sections.push(undatedSummary(inputs, inputs.funnel.reason, summary));
    sections.push(costSection(inputs, summary));
  } else {
    const funnel = inputs.funnel.value;
    const rows = quarterRows(funnel);
    const asOf = funnel.windows.asOf;
    const headlines = headlineFigures(inputs, rows, asOf, summary);
    const immature = rows.filter((r) => !r.mature && r.mqls > 0);
    if (immature.length > 0)
      summary.push(
        `${immature.length === 1 ? "One quarter" : `${countWord(immature.length)} quarters`} (${immature
          .map((r) => quarterLabel(r.cohort_start as Date))
          .join(
            ", ",
          )}) ${immature.length === 1 ? "is" : "are"} still maturing: their leads have not had the ${funnel.windows.maturityDays} days outcomes take, so their rates are left out rather than shown as a fall.`,
      );
    sections.push({
      id: "summary",
      heading: "At a glance",
      intro: `Marketing-qualified leads (MQLs) and what became of them, by quarter of lead creation, as of ${isoDay(asOf)}.`,
      blocks: [{ kind: "headlines", items: headlines }],
    });
    sections.push(funnelSection(rows, context.currency));
    sections.push(trendSection(inputs, rows, funnel));
    sections.push(costSection(inputs, summary));
    sections.push(slaSection(funnel, summary));
  }
  // the summary paragraphs go into the first section, after the headline cards
  sections[0]?.blocks.push({ kind: "text", paragraphs: summary });
  return tidyChartData({
    title: "Marketing-to-sales handoff: board summary",
    subtitle:
      "How many leads marketing hands to sales, how many sales accepts and wins, and at what cost.",
    generatedAt: context.generatedAt,
    currency: context.currency,
    sections,
    modelCard: modelCardOf(context, [
      DEFINITIONS.mql,
      DEFINITIONS.sql,
      DEFINITIONS.mqlToSql,
      DEFINITIONS.mqlToWon,
      DEFINITIONS.pipeline,
      DEFINITIONS.wonRevenue,
      DEFINITIONS.healthBand,
      DEFINITIONS.maturity,
      DEFINITIONS.interval,
      DEFINITIONS.costPer,
      DEFINITIONS.sla,
    ]),
  });
}

/** For exports without creation dates: all-time figures, no change, no trend, and why. */
function undatedSummary(inputs: BoardInputs, reason: string, summary: string[]): Section {
  const t = inputs.totals;
  const currency = inputs.context.currency;
  const items: Headline[] = [];
  if (t !== null) {
    items.push({
      label: "Leads",
      value: count(t.leads),
      band: "neutral",
      note: "All leads in the export.",
    });
    if (t.mqls > 0) {
      items.push(
        {
          label: "MQLs",
          value: count(t.mqls),
          band: "neutral",
          note: `${pct(t.mqls / t.leads)} of leads.`,
        },
        {
          label: "MQL→SQL",
          value: pct(t.sqls / t.mqls),
          band: bandOfRange(
            t.sqls / t.mqls,
            inputs.healthBand.tooLooseBelow,
            inputs.healthBand.tooStrictAbove,
          ),
          note: `Healthy range ${pct(inputs.healthBand.tooLooseBelow)} to ${pct(inputs.healthBand.tooStrictAbove)}.`,
        },
        { label: "MQL→won", value: pct(t.won / t.mqls), band: "neutral" },
        {
          label: "Won revenue from MQLs",
          value: moneyShort(t.won_revenue, currency),
          band: "neutral",
        },
      );
      summary.push(
        `Over the whole export, ${count(t.mqls)} of ${count(t.leads)} leads were MQLs; sales accepted ${pct(t.sqls / t.mqls)} of them and ${pct(t.won / t.mqls)} became customers, bringing ${money(t.won_revenue, currency)} in won revenue.`,
      );
    } else {
      items.push(
        {
          label: "Accepted by sales",
          value: count(t.all_sqls),
          band: "neutral",
          note: `${pct(t.leads > 0 ? t.all_sqls / t.leads : null)} of leads.`,
        },
        {
          label: "Won",
          value: count(t.all_won),
          band: "neutral",
          note: `${pct(t.leads > 0 ? t.all_won / t.leads : null)} of leads.`,
        },
        {
          label: "Won revenue",
          value: moneyShort(t.all_won_revenue, currency),
          band: "neutral",
          note: "From deals linked to the leads.",
        },
      );
      summary.push(
        `The export marks no lead as an MQL (no MQL date), so MQL figures cannot be shown. Over all ${count(t.leads)} leads, sales accepted ${count(t.all_sqls)} and ${count(t.all_won)} became customers, bringing ${money(t.all_won_revenue, currency)} in won revenue.`,
      );
    }
  }
  summary.push(
    `Quarterly figures, changes against the previous quarter, trends and follow-up times need lead creation dates, which this export lacks (${reason}). Without dates nothing can be judged mature, so these are the outcomes as the export shows them.`,
  );
  return {
    id: "summary",
    heading: "At a glance",
    intro: "All-time figures: the export has no lead creation dates.",
    blocks: items.length > 0 ? [{ kind: "headlines", items }] : [],
  };
}

function headlineFigures(
  inputs: BoardInputs,
  rows: CohortFunnelRow[],
  asOf: Date,
  summary: string[],
): Headline[] {
  const { context } = inputs;
  const total = inputs.funnel.ok ? inputs.funnel.value.cohorts.find((r) => r.is_total) : undefined;
  const complete = rows.filter((r) => (r.cohort_end as Date).getTime() <= asOf.getTime());
  const mature = rows.filter((r) => r.mature);
  const [last, prev] = [complete.at(-1), complete.at(-2)];
  const [lastM, prevM] = [mature.at(-1), mature.at(-2)];
  const items: Headline[] = [];

  if (last) {
    const weeks =
      ((last.cohort_end as Date).getTime() - (last.cohort_start as Date).getTime()) / (7 * DAY);
    const capacity = inputs.weeklyCapacity === null ? null : inputs.weeklyCapacity * weeks;
    const band: Band =
      capacity === null
        ? "neutral"
        : last.mqls <= capacity
          ? "good"
          : last.mqls <= capacity * 1.1
            ? "watch"
            : "bad";
    const q = quarterLabel(last.cohort_start as Date);
    items.push({
      label: `MQLs, ${q}`,
      value: count(last.mqls),
      change: prev
        ? `${relativeChange(last.mqls, prev.mqls)} vs ${quarterLabel(prev.cohort_start as Date)}`
        : undefined,
      band,
      note:
        capacity === null
          ? "No sales capacity set (backtest.weekly_mql_capacity)."
          : `Sales can work about ${count(capacity)} a quarter (${inputs.weeklyCapacity} a week).`,
    });
    summary.push(
      `In ${q} marketing passed ${count(last.mqls)} MQLs to sales${
        prev
          ? `, ${last.mqls >= prev.mqls ? "up" : "down"} ${relativeChange(last.mqls, prev.mqls).replace(/^[+−]/, "")} on ${quarterLabel(prev.cohort_start as Date)}`
          : ""
      }${
        capacity === null
          ? ""
          : last.mqls <= capacity
            ? `, within sales' capacity of about ${count(capacity)}`
            : `, more than sales' capacity of about ${count(capacity)}`
      }.`,
    );
  }

  if (lastM) {
    const q = quarterLabel(lastM.cohort_start as Date);
    const pq = prevM ? quarterLabel(prevM.cohort_start as Date) : "";
    const sql = lastM.rates.mqlToSql;
    const won = lastM.rates.mqlToWon;
    const { tooLooseBelow: lo, tooStrictAbove: hi } = inputs.healthBand;
    const sqlBand = bandOfRange(sql.estimate, lo, hi);
    items.push({
      label: `MQL→SQL, ${q}`,
      value: pct(sql.estimate),
      change: prevM
        ? `${pointsChange(sql.estimate, prevM.rates.mqlToSql.estimate)} vs ${pq}`
        : undefined,
      band: sqlBand,
      note: `Healthy range ${pct(lo)} to ${pct(hi)}. 95% interval ${pct(sql.low)} to ${pct(sql.high)}.`,
    });
    const overallWon = total?.rates.mqlToWon.estimate ?? won.estimate;
    items.push({
      label: `MQL→won, ${q}`,
      value: pct(won.estimate),
      change: prevM
        ? `${pointsChange(won.estimate, prevM.rates.mqlToWon.estimate)} vs ${pq}`
        : undefined,
      band: bandOfInterval(won.high, overallWon),
      note: `${pct(overallWon)} over all mature quarters. 95% interval ${pct(won.low)} to ${pct(won.high)}.`,
    });
    const pipeOf = (row: CohortFunnelRow) =>
      inputs.pipeline.find((p) => p.cohort_start.getTime() === (row.cohort_start as Date).getTime())
        ?.pipeline ?? 0;
    const pipeline = pipeOf(lastM);
    items.push({
      label: `Pipeline from MQLs, ${q}`,
      value: moneyShort(pipeline, context.currency),
      change: prevM ? `${relativeChange(pipeline, pipeOf(prevM))} vs ${pq}` : undefined,
      band: "neutral",
      note: "Deals of any stage opened from the quarter's MQLs.",
    });
    const quarterTarget = inputs.newArrTarget === null ? null : inputs.newArrTarget / 4;
    const revenueBand: Band =
      quarterTarget === null
        ? "neutral"
        : lastM.won_revenue >= quarterTarget
          ? "good"
          : lastM.won_revenue >= 0.75 * quarterTarget
            ? "watch"
            : "bad";
    items.push({
      label: `Won revenue from MQLs, ${q}`,
      value: moneyShort(lastM.won_revenue, context.currency),
      change: prevM
        ? `${relativeChange(lastM.won_revenue, prevM.won_revenue)} vs ${pq}`
        : undefined,
      band: revenueBand,
      note:
        quarterTarget === null
          ? "No new-ARR target set (targets.new_arr)."
          : `Quarterly target ${moneyShort(quarterTarget, context.currency)} (a quarter of targets.new_arr).`,
    });
    const where =
      sqlBand === "good"
        ? `within the healthy ${pct(lo)} to ${pct(hi)} range`
        : sql.estimate < lo
          ? `below the healthy range (${pct(lo)} to ${pct(hi)}): the line lets in leads sales rejects`
          : `above the healthy range (${pct(lo)} to ${pct(hi)}): the line may be holding back leads sales would take`;
    summary.push(
      `Of the ${count(lastM.mqls)} MQLs created in ${q}, the latest quarter whose outcomes are in, sales accepted ${pct(sql.estimate)} (${where}) and ${pct(won.estimate)} became customers, bringing ${money(lastM.won_revenue, context.currency)} in won revenue from ${money(pipeline, context.currency)} of pipeline.`,
    );
    if (prevM) {
      const separated = won.high < prevM.rates.mqlToWon.low || won.low > prevM.rates.mqlToWon.high;
      summary.push(
        separated
          ? `MQL→won ${won.estimate > prevM.rates.mqlToWon.estimate ? "rose" : "fell"} from ${pct(prevM.rates.mqlToWon.estimate)} in ${pq}, a change larger than chance alone explains at this volume.`
          : `MQL→won moved from ${pct(prevM.rates.mqlToWon.estimate)} in ${pq} to ${pct(won.estimate)}; at these volumes that is within normal variation (the 95% intervals overlap).`,
      );
    }
  }
  return items;
}

const STAGES = [
  { key: "open", label: "Not accepted by sales (yet)" },
  { key: "sql", label: "Accepted, no opportunity" },
  { key: "opportunity", label: "Opportunity, not won" },
  { key: "won", label: "Won" },
] as const;

function funnelSection(rows: CohortFunnelRow[], currency: string): Section {
  const funnel: ChartRow[] = [];
  const withMqls = rows.filter((r) => r.mqls > 0);
  const counts = withMqls.map((r) => ({
    row: r,
    counts: {
      open: r.mqls - r.sqls,
      sql: r.sqls - r.opportunities,
      opportunity: r.opportunities - r.won,
      won: r.won,
    },
  }));
  // a stage nobody stopped at (e.g. every SQL got a deal) is left out of the legend
  const stages = STAGES.filter((s) => counts.some((c) => c.counts[s.key] > 0));
  counts.forEach(({ row, counts: c }, i) => {
    const label = `${quarterLabel(row.cohort_start as Date)} (n=${count(row.mqls)})${row.mature ? "" : " · still maturing"}`;
    stages.forEach((s, j) => {
      funnel.push({
        cohort: label,
        cohort_order: i,
        stage: s.label,
        stage_order: j,
        count: c[s.key],
      });
    });
  });
  const table = rows.map((r) => ({
    quarter: quarterLabel(r.cohort_start as Date),
    leads: r.leads,
    mqls: r.mqls,
    sqls: r.sqls,
    won: r.won,
    mqlToSql: r.mature ? r.rates.mqlToSql.estimate : null,
    mqlToWon: r.mature ? r.rates.mqlToWon.estimate : null,
    revenue: r.won_revenue,
    status: r.mature ? "mature" : `still maturing until ${isoDay(r.matures_on as Date)}`,
  }));
  return {
    id: "funnel",
    heading: "The funnel by quarter",
    intro:
      "Each bar is one quarter's MQLs, split by how far they got. The newest quarters are still maturing: their leads have not had time to be accepted or to close, so their bars grow as outcomes come in.",
    blocks: [
      {
        kind: "chart",
        chart: "common/funnel-by-cohort",
        title: "What became of each quarter's MQLs",
        data: { funnel },
        caption:
          "Share of each quarter's MQLs by the furthest stage reached; n = MQLs created in the quarter.",
      },
      {
        kind: "table",
        columns: [
          { key: "quarter", label: "Quarter", format: "text" },
          { key: "leads", label: "Leads", format: "int" },
          { key: "mqls", label: "MQLs", format: "int" },
          { key: "sqls", label: "SQLs", format: "int" },
          { key: "won", label: "Won", format: "int" },
          { key: "mqlToSql", label: "MQL→SQL", format: "pct" },
          { key: "mqlToWon", label: "MQL→won", format: "pct" },
          { key: "revenue", label: "Won revenue", format: "money" },
          { key: "status", label: "Status", format: "text" },
        ],
        rows: table,
        caption: `SQLs and won are among the quarter's MQLs. Rates are left blank (—) for quarters still maturing. Won revenue in ${currency}.`,
      },
    ],
  };
}

function trendSection(inputs: BoardInputs, rows: CohortFunnelRow[], funnel: FunnelReport): Section {
  const mature = rows.filter((r) => r.mature && r.mqls > 0);
  const immature = rows.filter((r) => !r.mature);
  const immatureSpan =
    immature.length === 0
      ? []
      : [
          {
            from: isoDay(immature[0]?.cohort_start as Date),
            to: isoDay(immature.at(-1)?.cohort_end as Date),
            label: "Still maturing:\nno rates yet",
          },
        ];
  const trend = (key: "mqlToSql" | "mqlToWon") =>
    mature.map((r) => ({
      period: isoDay(r.cohort_start as Date),
      rate: r.rates[key].estimate,
      lower: r.rates[key].low,
      upper: r.rates[key].high,
      n: r.rates[key].n,
    }));
  const { tooLooseBelow: lo, tooStrictAbove: hi } = inputs.healthBand;
  const blocks: Block[] = [
    {
      kind: "chart",
      chart: "board/rate-trend",
      title: "MQL→SQL: share of MQLs sales accepted",
      data: {
        trend: trend("mqlToSql"),
        band: [{ lower: lo, upper: hi, label: `Healthy ${pct(lo)} to ${pct(hi)}` }],
        immature: immatureSpan,
      },
      caption: `By quarter of lead creation; the blue band is the 95% interval, the green band the healthy range. Quarters created less than ${funnel.windows.maturityDays} days before the data's end are shaded grey and not plotted.`,
    },
    {
      kind: "chart",
      chart: "board/rate-trend",
      title: "MQL→won: share of MQLs that became customers",
      data: { trend: trend("mqlToWon"), band: [], immature: immatureSpan },
      caption:
        "By quarter of lead creation, with the 95% interval. No healthy range is configured for this rate. The maturity window covers nine in ten wins, so the latest plotted quarter may still gain a few.",
    },
  ];
  return {
    id: "trends",
    heading: "Conversion trends",
    intro:
      "Are MQLs getting better or worse? Each point is one quarter's MQLs. Wide shaded intervals mean few leads: read the direction over several quarters, not one point.",
    blocks,
  };
}

function slaSection(funnel: FunnelReport, summary: string[]): Section {
  if ("notComputable" in funnel.sla)
    return unavailableSection(
      "follow-up",
      "Sales follow-up",
      "SLA compliance is",
      funnel.sla.notComputable,
    );
  const hours = funnel.settings.slaHours;
  const all = funnel.sla.rows.find((r) => r.dimension === "all");
  const owners = funnel.sla.rows
    .filter((r) => r.dimension === "owner" && r.withinSla.n > 0)
    .sort((a, b) => b.withinSla.estimate - a.withinSla.estimate);
  if (all && all.withinSla.n > 0) {
    const worst = owners.at(-1);
    summary.push(
      `Sales made first contact within ${hours} hours for ${pct(all.withinSla.estimate)} of MQLs${
        worst && owners.length > 1
          ? `; ${worst.value ?? "(no owner)"} had the lowest share (${pct(worst.withinSla.estimate)})`
          : ""
      }.`,
    );
  }
  const blocks: Block[] = [];
  if (all)
    blocks.push({
      kind: "headlines",
      items: [
        {
          label: `Touched within ${hours} h`,
          value: pct(all.withinSla.estimate),
          band: "neutral",
          note: `${count(all.within_sla)} of ${count(all.withinSla.n)} MQLs whose SLA has run out; median ${all.median_hours_to_touch === null ? "—" : `${all.median_hours_to_touch.toFixed(1)} h`} to first touch.`,
        },
        {
          label: "Never touched",
          value: count(all.never_touched),
          band: "neutral",
          note: `${count(all.late)} more were touched late.`,
        },
      ],
    });
  if (owners.length > 0)
    blocks.push({
      kind: "chart",
      chart: "common/rate-by-bin",
      title: `Share of MQLs touched within ${hours} hours, by owner`,
      data: {
        bins: owners.map((r, i) => ({
          bin: r.value ?? "(no owner)",
          order: i,
          rate: r.withinSla.estimate,
          lower: r.withinSla.low,
          upper: r.withinSla.high,
          n: r.withinSla.n,
        })),
        overall: all
          ? [{ rate: all.withinSla.estimate, label: `All MQLs ${pct(all.withinSla.estimate)}` }]
          : [],
      },
      caption: "Error bars are 95% intervals; the dashed line is the share over all MQLs.",
    });
  blocks.push({
    kind: "table",
    columns: [
      { key: "by", label: "By", format: "text" },
      { key: "value", label: "Who / where", format: "text" },
      { key: "mqls", label: "MQLs", format: "int" },
      { key: "within", label: "Within SLA", format: "int" },
      { key: "late", label: "Late", format: "int" },
      { key: "never", label: "Never touched", format: "int" },
      { key: "share", label: "Share within", format: "pct" },
      { key: "median", label: "Median hours", format: "number" },
    ],
    rows: funnel.sla.rows
      .filter((r) => r.dimension !== "source")
      .map((r) => ({
        by: r.dimension,
        value: r.value ?? (r.dimension === "all" ? "all MQLs" : "(none)"),
        mqls: r.mqls,
        within: r.within_sla,
        late: r.late,
        never: r.never_touched,
        share: r.withinSla.n > 0 ? r.withinSla.estimate : null,
        median: r.median_hours_to_touch,
      })),
    caption:
      "MQLs touched by sales before they became MQLs, and those whose SLA has not yet run out, are left out of the share.",
  });
  return {
    id: "follow-up",
    heading: "Sales follow-up",
    intro: `How quickly sales contacts a new MQL: the agreed time is ${hours} hours.`,
    blocks,
  };
}

/** Channels with spend over their mature periods, cheapest per won deal first. */
export function spendTotals(rows: ChannelRow[]): ChannelRow[] {
  return rows
    .filter((r) => r.is_total && r.spend !== null && r.spend > 0)
    .sort(
      (a, b) =>
        (a.cost_per_won_deal ?? Number.POSITIVE_INFINITY) -
          (b.cost_per_won_deal ?? Number.POSITIVE_INFINITY) || a.channel.localeCompare(b.channel),
    );
}

function costSection(inputs: BoardInputs, summary: string[]): Section {
  if (!inputs.channels.ok)
    return unavailableSection(
      "cost",
      "Cost by channel",
      "Cost per MQL, SQL and won deal is",
      inputs.channels.reason,
    );
  const totals = spendTotals(inputs.channels.value.economics.rows);
  const currency = inputs.context.currency;
  const costs = totals.flatMap((r) => [
    { channel: r.channel, outcome: "MQL", cost: r.cost_per_mql },
    { channel: r.channel, outcome: "SQL", cost: r.cost_per_sql },
    { channel: r.channel, outcome: "Won", cost: r.cost_per_won_deal },
  ]);
  const withWon = totals.filter((r) => r.cost_per_won_deal !== null);
  if (withWon.length >= 2) {
    const [best, worst] = [withWon[0] as ChannelRow, withWon.at(-1) as ChannelRow];
    summary.push(
      `Among paid channels, ${best.channel} won customers most cheaply (${money(best.cost_per_won_deal, currency)} of spend per won deal) and ${worst.channel} most expensively (${money(worst.cost_per_won_deal, currency)}).`,
    );
  }
  return {
    id: "cost",
    heading: "Cost by channel",
    intro:
      "What each paid channel's spend bought: cost per MQL, per accepted lead (SQL) and per won deal, over the periods whose outcomes are in.",
    blocks: [
      {
        kind: "chart",
        chart: "common/cost-by-channel",
        title: "Cost per MQL, SQL and won deal",
        data: { costs },
        caption:
          "Channels ordered from the lowest to the highest cost per won deal. Channels without spend are on the channels page.",
      },
    ],
  };
}

/** 2 → "Two": small counts read better as words at the start of a sentence. */
function countWord(n: number): string {
  const words = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];
  return words[n] ?? count(n);
}
