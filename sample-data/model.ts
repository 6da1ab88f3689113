/**
 * The true model of the sample-data world: every planted parameter in one place, so that the
 * simulation, the README and `truth/summary.json` cannot disagree. Change a number here and the
 * generated files, the truth summary and the planted-effect tests all move together.
 */

export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** The simulated calendar (UTC instants, milliseconds). */
export const CALENDAR = {
  /** First lead creation (inclusive). */
  start: Date.UTC(2024, 9, 1),
  /** Last lead creation (exclusive: leads are created before 2026-10-01). */
  end: Date.UTC(2026, 9, 1),
  /** "Today" for the data: nothing after it is observed; open deals close after it. */
  today: Date.UTC(2026, 10, 15),
  /** Relative growth of lead volume from the first to the last day (density 1 → 1 + growth). */
  growth: 0.6,
} as const;

export const LEAD_COUNT = 5000;
/** Share of the world's leads written to the flat (no dates) export set. */
export const FLAT_SHARE = 0.6;

export type Channel =
  | "organic_search"
  | "paid_search"
  | "paid_social"
  | "email"
  | "referral"
  | "direct"
  | "events"
  | "organic_social";

export type Seniority =
  | "c_level"
  | "vp"
  | "director"
  | "manager"
  | "individual"
  | "student"
  | "unknown";

export type Archetype = "normal" | "form_filler" | "single_session";

export type MarketingEvent =
  | "page_view"
  | "pricing_view"
  | "demo_request"
  | "content_download"
  | "webinar"
  | "email_click"
  | "form_submit";

export type SalesEvent = "call" | "meeting";
export type EventType = MarketingEvent | SalesEvent;

export const ICP_COUNTRIES = ["US", "GB", "DE", "CA", "AU", "NL"] as const;

/**
 * True win propensity of a lead handed to sales and touched on time:
 *   P(won | MQL, touched ≤ 48 h) = σ(η),
 *   η = intercept + seniority[title] + size200·[employees ≥ 200] + software·[industry = Software]
 *       + nonIcp·[country ∉ ICP] + pricingPerView·min(pricing views in first 30 days, pricingCap)
 *       + demo·[demo request in first 30 days] + webinarPerEvent·min(webinars in 30 days, webinarCap)
 *       + contentDownload·(downloads in 30 days) + channel[source] + ε,  ε ~ N(0, noiseSd).
 * "First 30 days" counts events with creation ≤ t < creation + 30 days.
 */
export const TRUE_MODEL = {
  intercept: -3.2,
  seniority: {
    c_level: 1.6,
    vp: 1.3,
    director: 1.0,
    manager: 0.3,
    individual: 0,
    unknown: -0.2,
    student: -1.5,
  } satisfies Record<Seniority, number>,
  size200: 0.7,
  software: 0.5,
  nonIcp: -1.0,
  pricingPerView: 0.45,
  pricingCap: 4,
  demo: 1.4,
  webinarPerEvent: 0.25,
  webinarCap: 2,
  contentDownload: 0,
  /** Page views, email clicks, form submissions and the custom properties carry no weight. */
  channel: {
    organic_search: 0,
    paid_search: 0,
    paid_social: -0.9,
    email: 0,
    referral: 0,
    direct: 0,
    events: 0.8,
    organic_social: 0,
  } satisfies Record<Channel, number>,
  noiseSd: 0.5,
  windowDays: 30,
} as const;

/**
 * Sales process after an MQL. Acceptance (SQL) needs a sales touch; the chance depends on the
 * true propensity and on how fast the first touch came:
 *   P(SQL | touched ≤ 48 h) = σ(η + sqlShiftOnTime), P(SQL | touched later) = σ(η + sqlShiftLate),
 *   P(SQL | re-MQL after recycling) additionally shifted by recycledShift; never touched → no SQL.
 *   P(won | SQL) = σ(η) / σ(η + sqlShiftOnTime), so P(won | MQL, on time) = σ(η) exactly.
 */
export const SALES = {
  owners: [
    "Dana Whitfield",
    "Marcus Okafor",
    "Priya Raman",
    "Tom Lindqvist",
    "Sofia Alvarez",
    "Kevin Brandt",
  ],
  /** Chance of each owner receiving a new MQL (round robin with holidays, roughly equal). */
  ownerWeights: [1, 1, 1, 1, 1, 1],
  /** First touch after MQL: on time (< 48 h), late (2–9 days), never. Owner 6 is the slow rep. */
  touch: {
    default: { onTime: 0.74, late: 0.18, never: 0.08 },
    slowOwner: { onTime: 0.35, late: 0.45, never: 0.2 },
    slowOwnerIndex: 5,
    /** On-time delay: 0.03 days + Exponential(mean 0.4 days), capped below 2 days. */
    onTimeMeanDays: 0.4,
    lateDays: [2, 9],
  },
  sqlShiftOnTime: 1.8,
  sqlShiftLate: 1.3,
  recycledShift: -0.5,
  /** SQL comes 0 .. (10 − touch delay) days after the first touch, so within 10 days of MQL. */
  sqlWithinDays: 10,
  /** Not accepted: disqualified 2–21 days after the first touch (Unqualified 60 %, Bad Timing 40 %). */
  disqualifyDays: [2, 21],
  unqualifiedShare: 0.6,
  /** Disqualified MQLs that a nurture workflow re-MQLs 45–120 days later, with no new engagement. */
  recycleShare: 0.22,
  recycleDays: [45, 120],
  /** Deals: created at SQL, closed 15–150 days later; amounts log-normal. */
  dealCloseDays: [15, 150],
  amountMedian: 18_000,
  amountSigma: 0.5,
  /** Amount multiplier for companies with 1,000+ employees. */
  enterpriseMultiplier: 1.5,
  /** Chance a deal also lists an earlier colleague at the same company as associated contact. */
  secondContactShare: 0.25,
} as const;

/**
 * The historical MQL rule (the one the data was produced under): points, no decay, no caps;
 * a lead became MQL at the first moment its running score reached `threshold`. Fit points are
 * granted at creation.
 */
export const HISTORICAL_RULE = {
  threshold: 40,
  fit: { seniorTitle: 15, managerTitle: 5, employees200: 10 },
  events: {
    page_view: 3,
    pricing_view: 10,
    demo_request: 40,
    content_download: 10,
    form_submit: 10,
    webinar: 15,
    email_click: 3,
  } satisfies Record<MarketingEvent, number>,
} as const;

/** Lead mix: channel shares, with the per-channel shifts that make channels differ in kind. */
export const CHANNEL_SHARES: Record<Channel, number> = {
  organic_search: 0.23,
  paid_search: 0.18,
  paid_social: 0.2,
  email: 0.08,
  referral: 0.08,
  direct: 0.1,
  events: 0.06,
  organic_social: 0.07,
};

export const SENIORITY_SHARES: Record<Seniority, number> = {
  c_level: 0.05,
  vp: 0.07,
  director: 0.12,
  manager: 0.25,
  individual: 0.33,
  student: 0.08,
  unknown: 0.1,
};

/** Archetype shares: base, and for Paid Social (lead-gen forms attract form fillers). */
export const ARCHETYPES = {
  formFiller: { base: 0.04, paidSocial: 0.18 },
  singleSession: { base: 0.04, paidSocial: 0.04 },
} as const;

/**
 * Marketing spend per lead created in a channel and month (before ±10 % monthly noise):
 * Paid Social is cheap per lead (and per MQL, as its form fillers MQL easily) but rarely wins;
 * events (trade shows) are expensive and win often.
 */
export const COST_PER_LEAD: Partial<Record<Channel, number>> = {
  paid_search: 210,
  paid_social: 90,
  events: 650,
  email: 80,
};

/** Capacity assumption for the planted threshold region (see truth/summary.json). */
export const CAPACITY = {
  /** 6 reps × ~3.5 new MQLs each per week. */
  mqlsPerWeek: 21,
  minMqlToSql: 0.2,
} as const;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
