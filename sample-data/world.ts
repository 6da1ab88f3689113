/**
 * The simulated world behind every sample export: leads, their engagement events, the
 * historical MQL rule firing, the sales process and the deals. Pure: a seed in, a World out;
 * the writers turn it into HubSpot, Salesforce and flat export files.
 *
 * Steps (numbered in `simulateWorld`):
 *   1. leads: creation time, channel, archetype, person, company
 *   2. engagement events, cut at "today"
 *   3. true propensity η from the planted model (model.ts TRUE_MODEL)
 *   4. historical MQL rule: MQL at the first moment the running score reaches the threshold
 *   5. sales: owner, first touch, SQL or disqualification, recycling, deals
 */
import {
  ARCHETYPES,
  type Archetype,
  CALENDAR,
  CHANNEL_SHARES,
  type Channel,
  DAY,
  type EventType,
  FLAT_SHARE,
  HISTORICAL_RULE,
  ICP_COUNTRIES,
  LEAD_COUNT,
  type MarketingEvent,
  MINUTE,
  SALES,
  SENIORITY_SHARES,
  type Seniority,
  sigmoid,
  TRUE_MODEL,
} from "./model.js";
import { Prng } from "./prng.js";
import {
  CHANNEL_LABELS,
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  CONTENT,
  COUNTRIES,
  type Country,
  EMAILS,
  FIRST_NAMES,
  FORMS,
  INDUSTRIES,
  type Industry,
  LAST_NAMES,
  PAGES,
  PREFERRED_CHANNELS,
  TITLES,
  WEBINARS,
} from "./vocab.js";

export interface Company {
  name: string;
  industry: Industry;
  /** Undefined when the export leaves it blank. */
  employees: number | undefined;
  country: Country;
}

export interface WorldEvent {
  at: number;
  type: EventType;
  detail: string;
}

export type TouchClass = "on_time" | "late" | "never";

export interface Deal {
  index: number;
  /** Lead indexes credited (the converting lead first). */
  leads: number[];
  owner: number;
  createdAt: number;
  /** Simulated close instant: in the past for closed deals, in the future for open ones. */
  closeAt: number;
  outcome: "won" | "lost" | "open";
  /** 0..4 progress through the open stages (open deals only). */
  openStage: number;
  amount: number;
}

export interface Lead {
  index: number;
  createdAt: number;
  channel: Channel;
  channelDetail: string;
  archetype: Archetype;
  firstName: string;
  lastName: string;
  title: string;
  seniority: Seniority;
  company: Company;
  preferredChannels: string;
  /** Latent interest behind the normal archetype's event rates. */
  interest: number;
  /**
   * Browsing that HubSpot counts ("Number of Pageviews", "Number of Sessions") but that is not
   * in the activity log (only key pages are logged as events): extra page views and sessions.
   */
  untracked: { pageViews: number; sessions: number };
  /** Marketing events then sales events, each sorted by time, none after today. */
  events: WorldEvent[];
  window: { pricing: number; demo: number; webinar: number; download: number };
  eta: number;
  pWin: number;
  /** Historical score at the end of the observed period (for the threshold sweep). */
  scoreTrajectory: { at: number; score: number }[];
  /** First MQL by the historical rule. */
  firstMqlAt: number | undefined;
  /** MQL as the CRM shows it now (the re-MQL instant for recycled leads). */
  mqlAt: number | undefined;
  recycled: boolean;
  owner: number | undefined;
  touch: TouchClass | undefined;
  firstTouchAt: number | undefined;
  sqlAt: number | undefined;
  disqualifiedAt: number | undefined;
  disqualifyReason: "Unqualified" | "Bad Timing" | undefined;
  deal: number | undefined;
  inFlat: boolean;
}

export interface World {
  seed: number;
  leads: Lead[];
  deals: Deal[];
}

const MARKETING_TYPES: readonly MarketingEvent[] = [
  "page_view",
  "pricing_view",
  "demo_request",
  "content_download",
  "webinar",
  "email_click",
  "form_submit",
];

export function simulateWorld(seed: number): World {
  const root = new Prng(seed);
  const rPeople = root.fork("people");
  const rEvents = root.fork("events");
  const rNoise = root.fork("noise");
  const rSales = root.fork("sales");
  const rDeals = root.fork("deals");
  const rFlat = root.fork("flat");

  // 1. Leads, in creation order.
  const createdTimes: number[] = [];
  for (let i = 0; i < LEAD_COUNT; i++) createdTimes.push(drawCreation(rPeople));
  createdTimes.sort((a, b) => a - b);
  const companies: Company[] = [];
  const leads: Lead[] = createdTimes.map((createdAt, index) => {
    const channel = rPeople.weighted(entries(CHANNEL_SHARES));
    const ff =
      channel === "paid_social" ? ARCHETYPES.formFiller.paidSocial : ARCHETYPES.formFiller.base;
    const ss =
      channel === "paid_social"
        ? ARCHETYPES.singleSession.paidSocial
        : ARCHETYPES.singleSession.base;
    const u = rPeople.uniform();
    const archetype: Archetype =
      channel === "events"
        ? "normal"
        : u < ff
          ? "form_filler"
          : u < ff + ss
            ? "single_session"
            : "normal";
    const seniority = drawSeniority(rPeople, channel, archetype);
    const title = rPeople.pick(TITLES[seniority]);
    const company = drawCompany(rPeople, companies, channel);
    return {
      index,
      createdAt,
      channel,
      channelDetail: rPeople.pick(CHANNEL_LABELS[channel].drillDown),
      archetype,
      firstName: rPeople.pick(FIRST_NAMES),
      lastName: rPeople.pick(LAST_NAMES),
      title,
      seniority,
      company,
      preferredChannels: rPeople.pick(PREFERRED_CHANNELS),
      interest: archetype === "normal" ? rPeople.normal() : -1,
      untracked: { pageViews: 0, sessions: 0 },
      events: [],
      window: { pricing: 0, demo: 0, webinar: 0, download: 0 },
      eta: 0,
      pWin: 0,
      scoreTrajectory: [],
      firstMqlAt: undefined,
      mqlAt: undefined,
      recycled: false,
      owner: undefined,
      touch: undefined,
      firstTouchAt: undefined,
      sqlAt: undefined,
      disqualifiedAt: undefined,
      disqualifyReason: undefined,
      deal: undefined,
      inFlat: rFlat.bernoulli(FLAT_SHARE),
    };
  });

  for (const lead of leads) {
    // 2. Engagement events.
    lead.events = drawEvents(rEvents, lead);
    if (lead.archetype === "normal") {
      const pageViews = rEvents.poisson(2.5 * Math.exp(0.5 * lead.interest));
      lead.untracked = {
        pageViews,
        sessions: Math.min(pageViews, rEvents.poisson(0.8 * Math.exp(0.3 * lead.interest))),
      };
    }
    // 3. True propensity.
    const windowEnd = lead.createdAt + TRUE_MODEL.windowDays * DAY;
    for (const e of lead.events) {
      if (e.at >= windowEnd) continue;
      if (e.type === "pricing_view") lead.window.pricing++;
      else if (e.type === "demo_request") lead.window.demo++;
      else if (e.type === "webinar") lead.window.webinar++;
      else if (e.type === "content_download") lead.window.download++;
    }
    lead.eta = trueEta(lead) + rNoise.normal(0, TRUE_MODEL.noiseSd);
    lead.pWin = sigmoid(lead.eta);
    // 4. Historical MQL rule.
    lead.scoreTrajectory = historicalScoreTrajectory(lead);
    const crossing = lead.scoreTrajectory.find((p) => p.score >= HISTORICAL_RULE.threshold);
    lead.firstMqlAt = crossing?.at;
    lead.mqlAt = crossing?.at;
  }

  // 5. Sales process and deals.
  const deals: Deal[] = [];
  const byCompany = new Map<Company, Lead[]>();
  for (const lead of leads) {
    const list = byCompany.get(lead.company) ?? [];
    list.push(lead);
    byCompany.set(lead.company, list);
  }
  for (const lead of leads) {
    if (lead.firstMqlAt === undefined) continue;
    runSalesPass(rSales, rDeals, lead, lead.firstMqlAt, 0, deals, byCompany);
    if (
      lead.sqlAt === undefined &&
      lead.disqualifiedAt !== undefined &&
      rSales.bernoulli(SALES.recycleShare)
    ) {
      const reMql = roundMinute(
        lead.disqualifiedAt + rSales.between(SALES.recycleDays[0], SALES.recycleDays[1]) * DAY,
      );
      if (reMql <= CALENDAR.today) {
        lead.recycled = true;
        lead.mqlAt = reMql;
        lead.touch = undefined;
        runSalesPass(rSales, rDeals, lead, reMql, SALES.recycledShift, deals, byCompany);
      }
    }
    lead.events.sort((a, b) => a.at - b.at || byCode(a.type, b.type));
  }
  return { seed, leads, deals };
}

/** The deterministic part of η (everything but the noise term). */
export function trueEta(lead: Lead): number {
  const m = TRUE_MODEL;
  let eta = m.intercept + m.seniority[lead.seniority];
  if ((lead.company.employees ?? 0) >= 200) eta += m.size200;
  if (lead.company.industry === "software") eta += m.software;
  if (!isIcp(lead.company.country)) eta += m.nonIcp;
  eta += m.pricingPerView * Math.min(lead.window.pricing, m.pricingCap);
  if (lead.window.demo > 0) eta += m.demo;
  eta += m.webinarPerEvent * Math.min(lead.window.webinar, m.webinarCap);
  eta += m.contentDownload * lead.window.download;
  eta += m.channel[lead.channel];
  return eta;
}

export function isIcp(country: Country): boolean {
  return (ICP_COUNTRIES as readonly string[]).includes(country);
}

/** Fit points of the historical rule (granted at creation). */
export function historicalFitPoints(lead: Lead): number {
  const f = HISTORICAL_RULE.fit;
  let points = 0;
  if (lead.seniority === "c_level" || lead.seniority === "vp" || lead.seniority === "director") {
    points += f.seniorTitle;
  } else if (lead.seniority === "manager") points += f.managerTitle;
  if ((lead.company.employees ?? 0) >= 200) points += f.employees200;
  return points;
}

/** The historical score at creation (fit points) and after each marketing event, in time order. */
function historicalScoreTrajectory(lead: Lead): { at: number; score: number }[] {
  let score = historicalFitPoints(lead);
  const out = [{ at: lead.createdAt, score }];
  for (const e of lead.events) {
    if (e.type === "call" || e.type === "meeting") continue;
    score += HISTORICAL_RULE.events[e.type];
    out.push({ at: e.at, score });
  }
  return out;
}

function runSalesPass(
  r: Prng,
  rDeals: Prng,
  lead: Lead,
  mqlAt: number,
  shift: number,
  deals: Deal[],
  byCompany: Map<Company, Lead[]>,
): void {
  const today = CALENDAR.today;
  const owner = lead.owner ?? pickOwner(r);
  lead.owner = owner;
  const probs = owner === SALES.touch.slowOwnerIndex ? SALES.touch.slowOwner : SALES.touch.default;
  const u = r.uniform();
  const touch: TouchClass =
    u < probs.onTime ? "on_time" : u < probs.onTime + probs.late ? "late" : "never";
  const delayDays =
    touch === "on_time"
      ? Math.min(1.98, 0.03 + r.exponential(SALES.touch.onTimeMeanDays))
      : r.between(SALES.touch.lateDays[0], SALES.touch.lateDays[1]);
  // Draw every number of the pass whatever happens, so streams stay aligned across branches.
  const sqlU = r.uniform();
  const sqlAfterTouch = r.between(0, SALES.sqlWithinDays - delayDays);
  const dqAfterTouch = r.between(SALES.disqualifyDays[0], SALES.disqualifyDays[1]);
  const dqReason = r.bernoulli(SALES.unqualifiedShare) ? "Unqualified" : "Bad Timing";
  lead.touch = touch;
  if (touch === "never") return;
  const touchAt = roundMinute(mqlAt + delayDays * DAY);
  if (touchAt > today) {
    lead.touch = undefined; // the MQL is too recent for anyone to have called yet
    return;
  }
  lead.firstTouchAt ??= touchAt;
  lead.events.push({ at: touchAt, type: "call", detail: "Intro call" });
  const shiftSql = (touch === "on_time" ? SALES.sqlShiftOnTime : SALES.sqlShiftLate) + shift;
  const accepted = sqlU < sigmoid(lead.eta + shiftSql);
  if (accepted) {
    const sqlAt = roundMinute(touchAt + sqlAfterTouch * DAY);
    if (sqlAt > today) return;
    lead.sqlAt = sqlAt;
    lead.events.push({ at: sqlAt, type: "meeting", detail: "Discovery meeting" });
    const deal = createDeal(rDeals, lead, deals.length, owner, sqlAt, byCompany);
    deals.push(deal);
    lead.deal = deal.index;
    return;
  }
  const dqAt = roundMinute(touchAt + dqAfterTouch * DAY);
  if (dqAt <= today) {
    lead.disqualifiedAt = dqAt;
    lead.disqualifyReason = dqReason;
  }
}

function createDeal(
  r: Prng,
  lead: Lead,
  index: number,
  owner: number,
  sqlAt: number,
  byCompany: Map<Company, Lead[]>,
): Deal {
  const createdAt = roundMinute(sqlAt + r.between(5, 180) * MINUTE);
  const closeAt = roundMinute(
    createdAt + r.between(SALES.dealCloseDays[0], SALES.dealCloseDays[1]) * DAY,
  );
  const wonU = r.uniform();
  const enterprise = (lead.company.employees ?? 0) >= 1000 ? SALES.enterpriseMultiplier : 1;
  const amount =
    Math.round((r.logNormal(SALES.amountMedian, SALES.amountSigma) * enterprise) / 100) * 100;
  const secondU = r.uniform();
  const colleagues = (byCompany.get(lead.company) ?? []).filter(
    (o) => o !== lead && o.createdAt < createdAt,
  );
  const leadsCredited = [lead.index];
  if (colleagues.length > 0 && secondU < SALES.secondContactShare) {
    leadsCredited.push(r.pick(colleagues).index);
  }
  const pWonGivenSql = lead.pWin / sigmoid(lead.eta + SALES.sqlShiftOnTime);
  let outcome: Deal["outcome"] = wonU < pWonGivenSql ? "won" : "lost";
  let openStage = 0;
  if (closeAt > CALENDAR.today) {
    outcome = "open";
    const progress = (CALENDAR.today - createdAt) / (closeAt - createdAt);
    openStage = Math.min(4, Math.floor(progress * 5));
  }
  return { index, leads: leadsCredited, owner, createdAt, closeAt, outcome, openStage, amount };
}

function pickOwner(r: Prng): number {
  return r.weighted(SALES.ownerWeights.map((w, i) => [i, w] as const));
}

/** Creation instant: linear growth over the period, fewer leads at weekends, US office hours. */
function drawCreation(r: Prng): number {
  const days = (CALENDAR.end - CALENDAR.start) / DAY;
  const g = CALENDAR.growth;
  for (;;) {
    // Inverse CDF of the density 1 + g·x on [0, 1].
    const u = r.uniform();
    const x = (-1 + Math.sqrt(1 + 2 * g * u + g * g * u)) / g;
    const day = Math.floor(x * days);
    const midnight = CALENDAR.start + day * DAY;
    const weekday = new Date(midnight).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !r.bernoulli(0.35)) continue;
    const localHour = Math.min(23.9, Math.max(0, r.normal(13, 3.2)));
    return roundMinute(midnight + (localHour + 5) * 3_600_000);
  }
}

function drawSeniority(r: Prng, channel: Channel, archetype: Archetype): Seniority {
  if (archetype === "form_filler") {
    return r.weighted([
      ["student", 0.4],
      ["individual", 0.4],
      ["unknown", 0.2],
    ]);
  }
  const shifted = entries(SENIORITY_SHARES).map(([s, w]) => {
    const senior = s === "c_level" || s === "vp" || s === "director";
    let f = 1;
    if (channel === "paid_social")
      f = senior ? 0.6 : s === "student" ? 2.5 : s === "individual" ? 1.3 : 1;
    if (channel === "events") f = senior ? 1.8 : s === "student" ? 0.2 : 1;
    return [s, w * f] as const;
  });
  return r.weighted(shifted);
}

function drawCompany(r: Prng, companies: Company[], channel: Channel): Company {
  // About one lead in six is a colleague of an earlier lead.
  if (companies.length > 20 && r.bernoulli(0.16)) return r.pick(companies);
  const industry = r.weighted(
    (Object.keys(INDUSTRIES) as Industry[]).map((k) => [k, INDUSTRIES[k][0]] as const),
  );
  const country = r.weighted(
    (Object.keys(COUNTRIES) as Country[]).map((k) => {
      const icp = isIcp(k);
      let w: number = COUNTRIES[k][0];
      if (channel === "paid_social" && !icp) w *= 1.8;
      if (channel === "events" && !icp) w *= 0.4;
      return [k, w] as const;
    }),
  );
  const size = r.logNormal(channel === "events" ? 180 : 90, 1.5);
  const employees = r.bernoulli(0.06) ? undefined : roundSignificant(Math.max(1, size));
  const name = `${r.pick(COMPANY_FIRST)}${r.pick(COMPANY_SECOND)}${r.pick(COMPANY_SUFFIX)}`;
  const company: Company = { name, industry, employees, country };
  companies.push(company);
  return company;
}

/** Engagement events for one lead, by archetype; none after today. */
function drawEvents(r: Prng, lead: Lead): WorldEvent[] {
  const t0 = lead.createdAt;
  const out: WorldEvent[] = [];
  const add = (type: MarketingEvent, at: number): void => {
    out.push({ at: roundMinute(at), type, detail: detailFor(r, type) });
  };
  const spread = (): number => t0 + Math.min(240, r.exponential(20)) * DAY;
  if (lead.archetype === "single_session") {
    // Everything in one visit on the creation day: many pages, a download or two.
    let at = t0;
    add("form_submit", at);
    // Download odds as for other leads, so downloads stay neutral overall.
    const pages = r.int(5, 10);
    const downloads = r.bernoulli(0.3) ? 1 : 0;
    const pricing = r.bernoulli(0.3) ? 1 : 0;
    const kinds: MarketingEvent[] = [
      ...Array<MarketingEvent>(pages).fill("page_view"),
      ...Array<MarketingEvent>(downloads).fill("content_download"),
      ...Array<MarketingEvent>(pricing).fill("pricing_view"),
    ];
    for (const k of kinds) {
      at += r.between(0.5, 4) * MINUTE;
      add(k, at);
    }
  } else if (lead.archetype === "form_filler") {
    // Forms and gated content over weeks, hardly any browsing, never pricing or demo.
    add("form_submit", t0);
    const forms = 2 + r.poisson(1.5);
    const downloads = r.poisson(0.35);
    for (let k = 0; k < forms; k++) add("form_submit", t0 + r.between(1, 60) * DAY);
    for (let k = 0; k < downloads; k++) add("content_download", t0 + r.between(1, 60) * DAY);
    const pages = r.poisson(0.5);
    for (let k = 0; k < pages; k++) add("page_view", t0 + r.between(0, 60) * DAY);
  } else {
    const z = lead.interest;
    const counts: Record<MarketingEvent, number> = {
      page_view: r.poisson(0.25 * Math.exp(0.5 * z)),
      pricing_view: r.poisson(0.25 * Math.exp(1.0 * z)),
      demo_request: r.bernoulli(Math.min(0.5, 0.035 * Math.exp(1.2 * z))) ? 1 : 0,
      content_download: r.poisson(0.35),
      webinar: r.poisson(0.1 * Math.exp(0.6 * z)),
      email_click: r.poisson(0.2),
      form_submit: r.poisson(0.15),
    };
    for (const type of MARKETING_TYPES) {
      for (let k = 0; k < counts[type]; k++) add(type, spread());
    }
    if (lead.channel !== "events") {
      // Contacts are created by a conversion: the earliest form-like event moves to creation,
      // or a newsletter signup creates the contact.
      const formLike = out
        .filter(
          (e) =>
            e.type === "form_submit" || e.type === "content_download" || e.type === "demo_request",
        )
        .sort((a, b) => a.at - b.at)[0];
      if (formLike) formLike.at = t0;
      else out.push({ at: t0, type: "form_submit", detail: "Newsletter signup" });
    }
  }
  return out
    .filter((e) => e.at <= CALENDAR.today)
    .sort((a, b) => a.at - b.at || byCode(a.type, b.type));
}

function detailFor(r: Prng, type: MarketingEvent): string {
  switch (type) {
    case "page_view":
      return r.pick(PAGES);
    case "pricing_view":
      return "/pricing";
    case "demo_request":
      return "Request a demo";
    case "content_download":
      return r.pick(CONTENT);
    case "webinar":
      return r.pick(WEBINARS);
    case "email_click":
      return r.pick(EMAILS);
    case "form_submit":
      return r.pick(FORMS);
  }
}

/** Code-point order (never locale collation: the output must not depend on the machine). */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entries<K extends string>(record: Record<K, number>): [K, number][] {
  return Object.entries(record) as [K, number][];
}

export function roundMinute(t: number): number {
  return Math.round(t / MINUTE) * MINUTE;
}

function roundSignificant(x: number): number {
  if (x < 20) return Math.round(x);
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / p) * p;
}
