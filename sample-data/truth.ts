/**
 * The answer key: what is planted in the world, for tests and for checking an analysis.
 * `truth/summary.json` holds the true parameters, counts, segment rates, the MQL failure
 * patterns and the threshold sweep under the true model; `truth/dirty-rows.csv` lists every
 * dirty row with the line it is on and the outcome a correct loader produces. Lead-level truth
 * (each lead's hidden η and its ids in every set) is not committed, to keep the data small:
 * `simulateWorld(seed)` and `assignIds(world)` rebuild it in a few hundred milliseconds.
 */
import type { DirtyRow } from "./export-set.js";
import { csvFile, hubspotDay } from "./format.js";
import { dealOf } from "./lead-state.js";
import {
  CALENDAR,
  CAPACITY,
  type Channel,
  COST_PER_LEAD,
  DAY,
  HISTORICAL_RULE,
  LEAD_COUNT,
  SALES,
  sigmoid,
  TRUE_MODEL,
} from "./model.js";
import type { SpendRow } from "./spend.js";
import { isIcp, type Lead, type World } from "./world.js";

/** MQLs at least this old have fully matured (SQL ≤ 10 days, close ≤ 150 days later). */
export const MATURE_BEFORE = CALENDAR.today - 160 * DAY;
const WEEKS = (CALENDAR.end - CALENDAR.start) / (7 * DAY);

export function writeTruth(
  world: World,
  spend: SpendRow[],
  dirty: DirtyRow[],
): Record<string, string> {
  return {
    "truth/summary.json": `${JSON.stringify(summarize(world, spend), null, 2)}\n`,
    "truth/dirty-rows.csv": csvFile(
      ["set", "file", "line", "id", "kind", "expected"],
      dirty.map((d) => [d.set, d.file, d.line, d.id, d.kind, d.expected]),
    ),
  };
}

interface Rate {
  n: number;
  won: number;
  winRate: number;
}

function rate(leads: readonly Lead[], world: World): Rate {
  const won = leads.filter((l) => dealOf(l, world)?.outcome === "won").length;
  return { n: leads.length, won, winRate: round(leads.length ? won / leads.length : 0) };
}

function groupRates(
  leads: readonly Lead[],
  world: World,
  key: (l: Lead) => string,
): Record<string, Rate> {
  const groups = new Map<string, Lead[]>();
  for (const l of leads) {
    const k = key(l);
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  return Object.fromEntries(
    [...groups.keys()].sort().map((k) => [k, rate(groups.get(k) ?? [], world)]),
  );
}

/** Expected deal amount of a lead's deal under the amount model. */
function expectedAmount(lead: Lead): number {
  const enterprise = (lead.company.employees ?? 0) >= 1000 ? SALES.enterpriseMultiplier : 1;
  return SALES.amountMedian * Math.exp(SALES.amountSigma ** 2 / 2) * enterprise;
}

export function summarize(world: World, spend: SpendRow[]): unknown {
  const leads = world.leads;
  const mqls = leads.filter((l) => l.mqlAt !== undefined);
  const mature = mqls.filter((l) => (l.firstMqlAt ?? Infinity) <= MATURE_BEFORE);
  const deals = world.deals;

  // Channels: leads, MQLs, SQLs, won, spend and unit costs over the whole period.
  const channels = Object.keys(TRUE_MODEL.channel) as Channel[];
  const byChannel = Object.fromEntries(
    channels.map((c) => {
      const inC = leads.filter((l) => l.channel === c);
      const m = inC.filter((l) => l.mqlAt !== undefined);
      const won = inC.filter((l) => dealOf(l, world)?.outcome === "won").length;
      const spent = spend.filter((s) => s.channel === c).reduce((a, s) => a + s.amount, 0);
      const matureC = mature.filter((l) => l.channel === c);
      return [
        c,
        {
          leads: inC.length,
          mqls: m.length,
          sqls: inC.filter((l) => l.sqlAt !== undefined).length,
          won,
          spend: round(spent, 2),
          costPerMql: m.length && spent ? round(spent / m.length, 2) : null,
          costPerWon: won && spent ? round(spent / won, 2) : null,
          matureMqlWinRate: rate(matureC, world).winRate,
        },
      ];
    }),
  );

  // MQL failure patterns (observable definitions, on mature MQLs).
  const marketingUpToMql = (l: Lead) =>
    l.events.filter(
      (e) => e.type !== "call" && e.type !== "meeting" && e.at <= (l.firstMqlAt ?? 0),
    );
  const formFillOnly = (l: Lead) =>
    marketingUpToMql(l).every((e) => e.type === "form_submit" || e.type === "content_download");
  const singleSession = (l: Lead) => {
    const ev = marketingUpToMql(l);
    return (
      ev.length >= 3 &&
      new Set(ev.map((e) => hubspotDay(e.at))).size === 1 &&
      !ev.some((e) => e.type === "demo_request")
    );
  };
  const personaMismatch = (l: Lead) => !isIcp(l.company.country) || l.seniority === "student";
  const patterns = {
    definitions: {
      formFillOnly:
        "every marketing event up to the first MQL is a form submission or content download",
      singleSession:
        "3+ marketing events up to the first MQL, all on one portal-local day, none a demo request",
      personaMismatch: "country outside the ICP list or a student/intern title",
      recycled:
        "disqualified, then re-MQL'd 45-120 days later by a workflow with no new engagement (the export shows the re-MQL date)",
    },
    allMatureMqls: rate(mature, world),
    formFillOnly: rate(mature.filter(formFillOnly), world),
    singleSession: rate(mature.filter(singleSession), world),
    personaMismatch: rate(mature.filter(personaMismatch), world),
    recycled: rate(
      mature.filter((l) => l.recycled),
      world,
    ),
    none: rate(
      mature.filter(
        (l) => !formFillOnly(l) && !singleSession(l) && !personaMismatch(l) && !l.recycled,
      ),
      world,
    ),
  };

  // Speed to lead (first touch after the first MQL), on mature first-pass MQLs.
  const sla = {
    definition:
      "touch class of the latest sales pass: on_time < 48 h after MQL, late 2-9 days, never",
    byTouch: groupRates(mature, world, (l) => l.touch ?? "none"),
    slowOwner: SALES.owners[SALES.touch.slowOwnerIndex],
    byOwner: groupRates(mature, world, (l) => SALES.owners[l.owner ?? 0] ?? ""),
  };

  return {
    seed: world.seed,
    today: new Date(CALENDAR.today).toISOString().slice(0, 10),
    created: {
      from: new Date(CALENDAR.start).toISOString().slice(0, 10),
      toExclusive: new Date(CALENDAR.end).toISOString().slice(0, 10),
    },
    matureMqlsBefore: new Date(MATURE_BEFORE).toISOString().slice(0, 10),
    trueModel: TRUE_MODEL,
    sales: SALES,
    historicalRule: HISTORICAL_RULE,
    costPerLead: COST_PER_LEAD,
    counts: {
      leads: LEAD_COUNT,
      mqls: mqls.length,
      matureMqls: mature.length,
      recycled: leads.filter((l) => l.recycled).length,
      sqls: leads.filter((l) => l.sqlAt !== undefined).length,
      deals: deals.length,
      won: deals.filter((d) => d.outcome === "won").length,
      lost: deals.filter((d) => d.outcome === "lost").length,
      open: deals.filter((d) => d.outcome === "open").length,
      wonRevenue: deals.filter((d) => d.outcome === "won").reduce((a, d) => a + d.amount, 0),
      dealsWithTwoContacts: deals.filter((d) => d.leads.length > 1).length,
      events: leads.reduce((a, l) => a + l.events.length, 0),
      flatLeads: leads.filter((l) => l.inFlat).length,
    },
    matureMqlWinRates: {
      bySeniority: groupRates(mature, world, (l) => l.seniority),
      byIcp: groupRates(mature, world, (l) => (isIcp(l.company.country) ? "icp" : "outside_icp")),
      bySize: groupRates(mature, world, (l) =>
        (l.company.employees ?? 0) >= 200 ? "200_plus" : "under_200_or_blank",
      ),
      byIndustry: groupRates(mature, world, (l) => l.company.industry),
      byPricingViews30d: groupRates(mature, world, (l) => String(Math.min(l.window.pricing, 3))),
      byDemoRequest30d: groupRates(mature, world, (l) => (l.window.demo > 0 ? "yes" : "no")),
      byWebinar30d: groupRates(mature, world, (l) => (l.window.webinar > 0 ? "yes" : "no")),
      byContentDownload30d: groupRates(mature, world, (l) =>
        l.window.download > 0 ? "yes" : "no",
      ),
      byPreferredChannels: groupRates(mature, world, (l) => l.preferredChannels || "(blank)"),
      byArchetype: groupRates(mature, world, (l) => l.archetype),
    },
    channels: byChannel,
    mqlFailurePatterns: patterns,
    speedToLead: sla,
    thresholds: thresholdSweep(leads),
  };
}

/**
 * The planted "best threshold region" under the true model: for each threshold of the
 * historical points rule, the leads whose running score ever reached it (before today), the
 * MQLs per week, and, if every one of them were touched within 48 h, the expected MQL-to-SQL
 * rate mean σ(η + sqlShiftOnTime), expected wins Σ σ(η) and expected won revenue
 * Σ σ(η)·E[amount]. Feasible: at most CAPACITY.mqlsPerWeek and at least CAPACITY.minMqlToSql.
 * The region is every feasible threshold within 5 % of the best feasible revenue. The ceiling
 * ranks leads by their true propensity instead and hands over as many as capacity allows.
 */
export function thresholdSweep(leads: readonly Lead[]): unknown {
  const maxScore = leads.map((l) =>
    l.scoreTrajectory.reduce((m, p) => (p.at <= CALENDAR.today ? Math.max(m, p.score) : m), 0),
  );
  const rows = [];
  for (let t = 10; t <= 120; t++) {
    const chosen = leads.filter((_, i) => (maxScore[i] ?? 0) >= t);
    const e = expected(chosen);
    const feasible =
      e.mqlsPerWeek <= CAPACITY.mqlsPerWeek && e.expectedMqlToSql >= CAPACITY.minMqlToSql;
    rows.push({ threshold: t, ...e, feasible });
  }
  const feasible = rows.filter((r) => r.feasible);
  const best = feasible.reduce<(typeof rows)[number] | undefined>(
    (b, r) => (b === undefined || r.expectedWonRevenue > b.expectedWonRevenue ? r : b),
    undefined,
  );
  const region = best
    ? feasible
        .filter((r) => r.expectedWonRevenue >= 0.95 * best.expectedWonRevenue)
        .map((r) => r.threshold)
    : [];
  const k = Math.floor(CAPACITY.mqlsPerWeek * WEEKS);
  const ceiling = expected([...leads].sort((a, b) => b.eta - a.eta).slice(0, k));
  return {
    capacity: CAPACITY,
    historicalThreshold: HISTORICAL_RULE.threshold,
    sweep: rows,
    best: best?.threshold ?? null,
    region,
    trueModelCeiling: ceiling,
  };
}

function expected(chosen: readonly Lead[]) {
  const n = chosen.length;
  let sql = 0;
  let wins = 0;
  let revenue = 0;
  for (const l of chosen) {
    sql += sigmoid(l.eta + SALES.sqlShiftOnTime);
    wins += l.pWin;
    revenue += l.pWin * expectedAmount(l);
  }
  return {
    mqls: n,
    mqlsPerWeek: round(n / WEEKS, 2),
    expectedMqlToSql: round(n ? sql / n : 0),
    expectedWins: round(wins, 1),
    expectedWonRevenue: Math.round(revenue),
  };
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
