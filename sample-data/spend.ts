/**
 * Monthly marketing spend of the simulated world: for each paid channel and month,
 * (leads created in the channel that month) × cost per lead × a ±10 % monthly factor, split
 * over the channel's campaigns. Each campaign carries the channel label its owner typed into
 * the spend sheet, so one Bing campaign is filed under "PPC" (a spelling variant to map).
 */
import { CALENDAR, type Channel, COST_PER_LEAD } from "./model.js";
import { Prng } from "./prng.js";
import type { World } from "./world.js";

export interface SpendRow {
  /** UTC midnight of the first day of the month. */
  month: number;
  channel: Channel;
  /** The channel as written in each export's spend sheet. */
  label: { hubspot: string; salesforce: string };
  campaign: string;
  amount: number;
}

const CAMPAIGNS: Partial<
  Record<Channel, { campaign: string; share: number; hubspot: string; salesforce: string }[]>
> = {
  paid_search: [
    {
      campaign: "Google Ads - Brand",
      share: 0.35,
      hubspot: "Paid Search",
      salesforce: "Paid Search",
    },
    {
      campaign: "Google Ads - Generic",
      share: 0.45,
      hubspot: "Paid Search",
      salesforce: "Paid Search",
    },
    { campaign: "Bing Ads - Generic", share: 0.2, hubspot: "PPC", salesforce: "PPC" },
  ],
  paid_social: [
    {
      campaign: "LinkedIn Lead Gen Forms",
      share: 0.6,
      hubspot: "Paid Social",
      salesforce: "Paid Social",
    },
    {
      campaign: "Facebook Lead Ads",
      share: 0.4,
      hubspot: "Paid Social",
      salesforce: "Paid Social",
    },
  ],
  events: [
    {
      campaign: "Trade shows & booths",
      share: 1,
      hubspot: "Offline Sources",
      salesforce: "Trade Show",
    },
  ],
  email: [
    {
      campaign: "Email platform & lists",
      share: 1,
      hubspot: "Email Marketing",
      salesforce: "Email",
    },
  ],
};

export function simulateSpend(world: World): SpendRow[] {
  const r = new Prng(world.seed).fork("spend");
  const months: number[] = [];
  for (let d = new Date(CALENDAR.start); d.getTime() < CALENDAR.end; ) {
    months.push(d.getTime());
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  const rows: SpendRow[] = [];
  for (const month of months) {
    const next = new Date(month);
    const monthEnd = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
    for (const channel of Object.keys(CAMPAIGNS) as Channel[]) {
      const leads = world.leads.filter(
        (l) => l.channel === channel && l.createdAt >= month && l.createdAt < monthEnd,
      ).length;
      const total = leads * (COST_PER_LEAD[channel] ?? 0) * r.between(0.9, 1.1);
      for (const c of CAMPAIGNS[channel] ?? []) {
        const amount = Math.round(total * c.share * 100) / 100;
        if (amount <= 0) continue;
        rows.push({
          month,
          channel,
          label: { hubspot: c.hubspot, salesforce: c.salesforce },
          campaign: c.campaign,
          amount,
        });
      }
    }
  }
  return rows;
}
