import * as aq from "arquero";
import type { Db } from "../db/index.js";
import { type Rate, rateOf } from "../funnel/rate.js";

export type ChannelPeriod = "month" | "spend";

/** A row of queries/channels/channel-periods.sql. */
interface ChannelQueryRow {
  channel: string;
  is_total: boolean;
  period_start: Date | null;
  period_end: Date | null;
  status: "matched" | "spend_without_leads" | "leads_without_spend" | "total";
  mature: boolean | null;
  spend: number | null;
  leads: number;
  mqls: number;
  sqls: number;
  mql_sqls: number;
  mql_won: number;
  won_deals: number;
  won_customers: number;
  won_revenue: number;
  cost_per_lead: number | null;
  cost_per_mql: number | null;
  cost_per_sql: number | null;
  cost_per_won_deal: number | null;
  cac: number | null;
  revenue_per_spend: number | null;
  channel_has_spend: boolean;
  channel_has_leads: boolean;
}

export interface ChannelRow extends ChannelQueryRow {
  rates: { mqlToSql: Rate; mqlToWon: Rate };
}

export interface ChannelEconomics {
  /** One row per channel and period, and one total per channel over its mature spend periods. */
  rows: ChannelRow[];
  /** Channels with spend and not one lead anywhere. */
  spendWithoutLeads: { channel: string; spend: number }[];
  /** Lead sources with no spend at all. */
  leadsWithoutSpend: { channel: string; leads: number }[];
}

/**
 * Spend joined to leads by channel and period (queries/channels/channel-periods.sql), with
 * MQL → SQL and MQL → won rates and their 95% Wilson intervals. Needs the lead_stages view.
 */
export async function channelEconomics(
  db: Db,
  options: { period: ChannelPeriod; asOf: Date; maturityDays: number },
): Promise<ChannelEconomics> {
  const raw = await db.query<ChannelQueryRow>("channels/channel-periods", {
    period: options.period,
    as_of: options.asOf.toISOString(),
    maturity_days: options.maturityDays,
  });
  const rows = raw.map((row) => ({
    ...row,
    rates: { mqlToSql: rateOf(row.mql_sqls, row.mqls), mqlToWon: rateOf(row.mql_won, row.mqls) },
  }));
  // One line per channel over all its period rows: does it have spend, leads; how much of each.
  const byChannel = aq
    .from(raw.filter((row) => !row.is_total))
    .groupby("channel")
    .rollup({
      spend: aq.op.sum("spend"),
      leads: aq.op.sum("leads"),
      // channel_has_* are constant within a channel (window values): any row gives them.
      has_spend: aq.op.any("channel_has_spend"),
      has_leads: aq.op.any("channel_has_leads"),
    })
    .orderby("channel")
    .objects() as {
    channel: string;
    spend: number;
    leads: number;
    has_spend: boolean;
    has_leads: boolean;
  }[];
  return {
    rows,
    spendWithoutLeads: byChannel
      .filter((c) => !c.has_leads)
      .map((c) => ({ channel: c.channel, spend: c.spend })),
    leadsWithoutSpend: byChannel
      .filter((c) => !c.has_spend)
      .map((c) => ({ channel: c.channel, leads: c.leads })),
  };
}
