/**
 * HubSpot-shaped exports of the world: the event-level set (contacts with lifecycle dates,
 * deals, activities, spend) and the flat set (contacts with lifetime counts and no dates at all,
 * won deals only). Dates are the portal's local time (US Eastern), "2025-03-04 14:22";
 * amounts "12,500.00"; deals list associated contacts separated by ";".
 */
import { type DirtyRow, type ExportSet, insertAt, type Row, renderRows } from "./export-set.js";
import { csvFile, hubspotDateTime, hubspotDay, money, slug } from "./format.js";
import type { ExportIds } from "./ids.js";
import { currentStage, dealOf, lifetimeCounts, type Stage } from "./lead-state.js";
import { type EventType, SALES } from "./model.js";
import { Prng } from "./prng.js";
import type { SpendRow } from "./spend.js";
import { CHANNEL_LABELS, COUNTRIES, INDUSTRIES } from "./vocab.js";
import type { Deal, Lead, World } from "./world.js";

export const HUBSPOT_ACTIVITY_LABELS: Record<EventType, string> = {
  page_view: "Page view",
  pricing_view: "Pricing page view",
  demo_request: "Demo request",
  content_download: "Content download",
  webinar: "Webinar attended",
  email_click: "Marketing email clicked",
  form_submit: "Form submission",
  call: "Call",
  meeting: "Meeting",
};

const OPEN_STAGES = [
  "Appointment Scheduled",
  "Qualified to Buy",
  "Presentation Scheduled",
  "Decision Maker Bought-In",
  "Contract Sent",
];
/** A portal-specific lost stage the preset does not know (mapped in handoff.yaml). */
export const HUBSPOT_NO_DECISION_STAGE = "Closed - No Decision";

const LIFECYCLE: Record<Stage, [string, (r: Prng, lead: Lead) => string]> = {
  lead: ["Lead", (r) => (r.bernoulli(0.5) ? "New" : "")],
  mql_untouched: ["Marketing Qualified Lead", () => "Open"],
  mql_working: ["Marketing Qualified Lead", (r) => r.pick(["Attempted to Contact", "In Progress"])],
  disqualified: ["Other", (_r, lead) => lead.disqualifyReason ?? "Unqualified"],
  open_deal: ["Opportunity", () => "Open Deal"],
  won: ["Customer", () => "Connected"],
  lost: ["Opportunity", () => "Connected"],
};

export function writeHubspot(world: World, ids: ExportIds, spend: SpendRow[]): ExportSet {
  const r = new Prng(world.seed).fork("hubspot");
  const dirty: DirtyRow[] = [];
  const files: Record<string, string> = {};
  const pick = picker(new Prng(world.seed).fork("hubspot-dirty"));

  // contacts.csv
  const header = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Create Date",
    "Lifecycle Stage",
    "Lead Status",
    "Original Source",
    "Original Source Drill-Down 1",
    "Job Title",
    "Company Name",
    "Industry",
    "Number of Employees",
    "Country/Region",
    "Contact owner",
    "Number of Pageviews",
    "Number of Form Submissions",
    "Number of Sessions",
    "Marketing emails clicked",
    "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date",
    "Became an Opportunity Date",
    "Became a Customer Date",
    "First Engagement Date",
    "Preferred channels",
  ];
  const COL = Object.fromEntries(header.map((h, i) => [h, i])) as Record<string, number>;
  const contactRow = (lead: Lead, id: string): Row => {
    const stage = currentStage(lead, world);
    const [lifecycle, status] = LIFECYCLE[stage];
    const deal = dealOf(lead, world);
    const counts = lifetimeCounts(lead, hubspotDay);
    const time = (t: number | undefined): string => (t === undefined ? "" : hubspotDateTime(t));
    return {
      cells: [
        id,
        lead.firstName,
        lead.lastName,
        email(lead),
        time(lead.createdAt),
        lifecycle,
        status(r, lead),
        CHANNEL_LABELS[lead.channel].hubspot,
        lead.channelDetail,
        lead.title,
        lead.company.name,
        INDUSTRIES[lead.company.industry][1],
        lead.company.employees,
        COUNTRIES[lead.company.country][1],
        lead.owner === undefined || stage === "lead" ? "" : SALES.owners[lead.owner],
        counts.pageViews,
        counts.formSubmissions,
        counts.sessions,
        counts.emailClicks,
        time(lead.mqlAt),
        time(lead.sqlAt),
        time(deal?.createdAt),
        time(deal?.outcome === "won" ? deal.closeAt : undefined),
        time(lead.firstTouchAt),
        lead.preferredChannels,
      ],
    };
  };
  const order = [...world.leads].sort((a, b) => b.createdAt - a.createdAt || b.index - a.index);
  const rows = order.map((lead) => contactRow(lead, id(ids, lead)));
  const rowByLead = new Map(order.map((lead, i) => [lead, rows[i] as Row]));
  const rowOf = (lead: Lead): Row => rowByLead.get(lead) as Row;
  const plain = (l: Lead): boolean => l.mqlAt === undefined;

  // Dirty contacts.
  const badDate = pick(world.leads, plain);
  rowOf(badDate).cells[COL["Create Date"] as number] = "2025-02-30 09:15";
  rowOf(badDate).dirty = {
    kind: "bad_date",
    id: id(ids, badDate),
    expected:
      'rejected (reason bad_date, column "Create Date"): February 30 does not exist; its activities stay unmatched',
  };
  const paddedTitle = pick(world.leads, (l) => l.seniority === "vp" && l.mqlAt !== undefined);
  rowOf(paddedTitle).cells[COL["Job Title"] as number] = `  ${paddedTitle.title} `;
  rowOf(paddedTitle).dirty = {
    kind: "title_whitespace",
    id: id(ids, paddedTitle),
    expected: "loaded with the title trimmed; still a VP title",
  };
  const spaced = pick(world.leads, (l) => dealOf(l, world)?.outcome === "won");
  rowOf(spaced).cells[0] = `${id(ids, spaced)} `;
  rowOf(spaced).dirty = {
    kind: "id_trailing_space",
    id: id(ids, spaced),
    expected: "loaded as the trimmed id; its won deal (listed without the space) still credits it",
  };
  for (let k = 0; k < 6; k++) {
    const variant = pick(world.leads, (l) => l.channel === "paid_search");
    rowOf(variant).cells[COL["Original Source"] as number] = "paid_search";
    rowOf(variant).dirty = {
      kind: "source_variant",
      id: id(ids, variant),
      expected: 'loaded; source "paid_search" maps to "Paid Search" (values.sources)',
    };
  }
  const missingTemplate = pick(world.leads, plain);
  const missing = contactRow(missingTemplate, "");
  missing.cells[1] = "Test";
  missing.cells[2] = "Import";
  missing.cells[3] = "test.import@example.com";
  missing.dirty = {
    kind: "missing_id",
    id: "",
    expected: 'rejected (reason missing_id, column "Record ID"); not part of the world',
  };
  insertAt(rows, order.indexOf(missingTemplate) + 1, missing);
  const dupOf = pick(world.leads, plain);
  const dup = contactRow(dupOf, id(ids, dupOf));
  dup.cells[COL["Lifecycle Stage"] as number] = "Subscriber";
  dup.cells[COL["Job Title"] as number] = "Consultant";
  dup.dirty = {
    kind: "duplicate_conflict",
    id: id(ids, dupOf),
    expected:
      "second row with the same Record ID and a different Lifecycle Stage and Job Title: reported as duplicate_conflict, never silently merged",
  };
  insertAt(rows, rows.indexOf(rowOf(dupOf)) + 7, dup);
  files["contacts.csv"] = renderRows("hubspot", "contacts.csv", header, rows, dirty);

  // deals.csv
  const dealHeader = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Amount",
    "Close Date",
    "Create Date",
    "Pipeline",
    "Deal owner",
    "Associated Contact IDs",
  ];
  const dealRows: Row[] = [...world.deals]
    .sort((a, b) => b.createdAt - a.createdAt || b.index - a.index)
    .map((deal) => ({
      cells: [
        ids.hubspotDeal[deal.index],
        dealName(world, deal),
        dealStage(r, deal),
        money(deal.amount),
        hubspotDateTime(deal.closeAt),
        hubspotDateTime(deal.createdAt),
        "Sales Pipeline",
        SALES.owners[deal.owner],
        deal.leads.map((i) => ids.hubspotContact[i]).join(";"),
      ],
    }));
  const extraDealId = (offset: number): string => String(ids.nextHubspotDeal + offset);
  insertAt(dealRows, 40, {
    cells: [
      extraDealId(7_411),
      "Globex Corporation - Renewal",
      "Closed Won",
      money(9_900),
      "2026-03-31 17:00",
      "2026-01-12 10:04",
      "Sales Pipeline",
      SALES.owners[2],
      String(ids.nextHubspotContact + 99_001),
    ],
    dirty: {
      kind: "unknown_contact",
      id: extraDealId(7_411),
      expected:
        "deal loaded; its associated contact id is not in contacts.csv, so no lead is credited (reported as an unmatched association); not part of the world",
    },
  });
  const credited = pick(world.leads, (l) => dealOf(l, world)?.outcome === "won");
  insertAt(dealRows, 120, {
    cells: [
      extraDealId(10_430),
      `${credited.company.name} - Credit note`,
      "Closed Lost",
      money(-4_500),
      "2025-11-28 12:00",
      "2025-11-20 09:30",
      "Sales Pipeline",
      SALES.owners[0],
      id(ids, credited),
    ],
    dirty: {
      kind: "negative_amount",
      id: extraDealId(10_430),
      expected:
        "rejected or flagged (reason negative_amount): a credit note, not a deal; never subtracted from won revenue; not part of the world",
    },
  });
  files["deals.csv"] = renderRows("hubspot", "deals.csv", dealHeader, dealRows, dirty);

  // activities.csv
  const activities: { at: number; row: Row }[] = [];
  for (const lead of world.leads) {
    for (const e of lead.events) {
      activities.push({
        at: e.at,
        row: {
          cells: [id(ids, lead), hubspotDateTime(e.at), HUBSPOT_ACTIVITY_LABELS[e.type], e.detail],
        },
      });
    }
  }
  activities.sort((a, b) => a.at - b.at || cmp(a.row.cells[0], b.row.cells[0]));
  const activityRows = activities.map((a) => a.row);
  const someLead = pick(world.leads, (l) => l.events.length > 3);
  insertAt(activityRows, 2_000, {
    cells: [id(ids, someLead), "2025-06-31 10:00", "Page view", "/blog"],
    dirty: {
      kind: "bad_date",
      id: id(ids, someLead),
      expected: 'rejected (reason bad_date, column "Activity Date"): June 31 does not exist',
    },
  });
  insertAt(activityRows, 9_000, {
    cells: ["", "2025-09-03 11:42", "Content download", "Lead Scoring 101"],
    dirty: {
      kind: "missing_id",
      id: "",
      expected: 'rejected (reason missing_id, column "Contact ID")',
    },
  });
  files["activities.csv"] = renderRows(
    "hubspot",
    "activities.csv",
    ["Contact ID", "Activity Date", "Activity Type", "Details"],
    activityRows,
    dirty,
  );

  // spend.csv
  files["spend.csv"] = csvFile(
    ["Month", "Channel", "Campaign", "Spend"],
    spend.map((s) => [
      new Date(s.month).toISOString().slice(0, 10),
      s.label.hubspot,
      s.campaign,
      money(s.amount),
    ]),
  );
  return { files, dirty };
}

/** The flat set: the same portal exported without any date column, and only won deals. */
export function writeFlat(world: World, ids: ExportIds): ExportSet {
  const r = new Prng(world.seed).fork("flat-status");
  const pick = picker(new Prng(world.seed).fork("flat-dirty"));
  const dirty: DirtyRow[] = [];
  const files: Record<string, string> = {};
  const header = [
    "Record ID",
    "First Name",
    "Last Name",
    "Lifecycle Stage",
    "Lead Status",
    "Original Source",
    "Original Source Drill-Down 1",
    "Job Title",
    "Company Name",
    "Industry",
    "Number of Employees",
    "Country/Region",
    "Contact owner",
    "Number of Pageviews",
    "Number of Form Submissions",
    "Number of Sessions",
    "Marketing emails clicked",
    "Preferred channels",
  ];
  const COL = Object.fromEntries(header.map((h, i) => [h, i])) as Record<string, number>;
  const flatLeads = world.leads.filter((l) => l.inFlat);
  const contactRow = (lead: Lead, rid: string): Row => {
    const stage = currentStage(lead, world);
    const [lifecycle, status] = LIFECYCLE[stage];
    const counts = lifetimeCounts(lead, hubspotDay);
    return {
      cells: [
        rid,
        lead.firstName,
        lead.lastName,
        lifecycle,
        status(r, lead),
        CHANNEL_LABELS[lead.channel].hubspot,
        lead.channelDetail,
        lead.title,
        lead.company.name,
        INDUSTRIES[lead.company.industry][1],
        lead.company.employees,
        COUNTRIES[lead.company.country][1],
        lead.owner === undefined || stage === "lead" ? "" : SALES.owners[lead.owner],
        counts.pageViews,
        counts.formSubmissions,
        counts.sessions,
        counts.emailClicks,
        lead.preferredChannels,
      ],
    };
  };
  // Exported from a view sorted by Record ID.
  const rows = flatLeads.map((lead) => contactRow(lead, id(ids, lead)));
  const rowByLead = new Map(flatLeads.map((lead, i) => [lead, rows[i] as Row]));
  const rowOf = (lead: Lead): Row => rowByLead.get(lead) as Row;
  const inFlatWon = (l: Lead): boolean => dealOf(l, world)?.outcome === "won" && l.inFlat;
  const plain = (l: Lead): boolean => l.inFlat && l.mqlAt === undefined;

  const badNumber = pick(world.leads, (l) => plain(l) && l.company.employees !== undefined);
  rowOf(badNumber).cells[COL["Number of Employees"] as number] = "1,000-5,000";
  rowOf(badNumber).dirty = {
    kind: "bad_number",
    id: id(ids, badNumber),
    expected:
      'flagged (reason bad_number, column "Number of Employees"): a range, not a number; employees is NULL for this lead (or the row is rejected)',
  };
  const paddedTitle = pick(world.leads, (l) => l.inFlat && l.seniority === "director");
  rowOf(paddedTitle).cells[COL["Job Title"] as number] = ` ${paddedTitle.title}  `;
  rowOf(paddedTitle).dirty = {
    kind: "title_whitespace",
    id: id(ids, paddedTitle),
    expected: "loaded with the title trimmed; still a director title",
  };
  const spaced = pick(world.leads, inFlatWon);
  rowOf(spaced).cells[0] = `${id(ids, spaced)} `;
  rowOf(spaced).dirty = {
    kind: "id_trailing_space",
    id: id(ids, spaced),
    expected: "loaded as the trimmed id; its won deal still credits it",
  };
  for (let k = 0; k < 4; k++) {
    const variant = pick(world.leads, (l) => l.inFlat && l.channel === "paid_search");
    rowOf(variant).cells[COL["Original Source"] as number] = k % 2 === 0 ? "paid_search" : "PPC";
    rowOf(variant).dirty = {
      kind: "source_variant",
      id: id(ids, variant),
      expected: 'loaded; "paid_search" and "PPC" map to "Paid Search" (values.sources)',
    };
  }
  const missingTemplate = pick(world.leads, plain);
  const missing = contactRow(missingTemplate, "");
  missing.cells[1] = "";
  missing.cells[2] = "";
  missing.dirty = {
    kind: "missing_id",
    id: "",
    expected: 'rejected (reason missing_id, column "Record ID"); not part of the world',
  };
  insertAt(rows, flatLeads.indexOf(missingTemplate) + 1, missing);
  const dupOf = pick(world.leads, plain);
  const dup = contactRow(dupOf, id(ids, dupOf));
  dup.cells[COL["Number of Pageviews"] as number] = 250;
  dup.cells[COL["Lifecycle Stage"] as number] = "Marketing Qualified Lead";
  dup.dirty = {
    kind: "duplicate_conflict",
    id: id(ids, dupOf),
    expected:
      "second row with the same Record ID and different counts and stage: reported as duplicate_conflict, never silently merged",
  };
  insertAt(rows, rows.indexOf(rowOf(dupOf)) + 11, dup);
  files["contacts.csv"] = renderRows("flat", "contacts.csv", header, rows, dirty);

  const dealRows: Row[] = world.deals
    .filter((d) => d.outcome === "won" && d.leads.some((i) => world.leads[i]?.inFlat))
    .map((deal) => ({
      cells: [
        ids.hubspotDeal[deal.index],
        dealName(world, deal),
        "Closed Won",
        money(deal.amount),
        deal.leads
          .filter((i) => world.leads[i]?.inFlat)
          .map((i) => ids.hubspotContact[i])
          .join(";"),
      ],
    }));
  const extraDealId = (offset: number): string => String(ids.nextHubspotDeal + offset);
  insertAt(dealRows, 10, {
    cells: [
      extraDealId(5_003),
      "Initech - Expansion",
      "Closed Won",
      money(14_200),
      String(ids.nextHubspotContact + 77_003),
    ],
    dirty: {
      kind: "unknown_contact",
      id: extraDealId(5_003),
      expected:
        "deal loaded; its contact id is not in contacts.csv, so no lead is credited (unmatched association); not part of the world",
    },
  });
  const refunded = pick(world.leads, inFlatWon);
  insertAt(dealRows, 30, {
    cells: [
      extraDealId(7_224),
      `${refunded.company.name} - Refund`,
      "Closed Won",
      money(-1_200),
      id(ids, refunded),
    ],
    dirty: {
      kind: "negative_amount",
      id: extraDealId(7_224),
      expected:
        "rejected or flagged (reason negative_amount): a refund, never counted as won revenue; not part of the world",
    },
  });
  files["deals.csv"] = renderRows(
    "flat",
    "deals.csv",
    ["Record ID", "Deal Name", "Deal Stage", "Amount", "Associated Contact IDs"],
    dealRows,
    dirty,
  );
  return { files, dirty };
}

function id(ids: ExportIds, lead: Lead): string {
  return ids.hubspotContact[lead.index] as string;
}

function email(lead: Lead): string {
  const domain =
    lead.seniority === "student"
      ? "gmail.com"
      : `${slug(lead.company.name.replace(/ (Inc\.|GmbH|Ltd|LLC|BV|& Co)$/, ""))}.com`;
  return `${slug(lead.firstName)}.${slug(lead.lastName)}@${domain}`;
}

function dealName(world: World, deal: Deal): string {
  const lead = world.leads[deal.leads[0] as number] as Lead;
  return `${lead.company.name} - New Business`;
}

function dealStage(r: Prng, deal: Deal): string {
  const u = r.uniform();
  if (deal.outcome === "won") return "Closed Won";
  if (deal.outcome === "lost") return u < 0.12 ? HUBSPOT_NO_DECISION_STAGE : "Closed Lost";
  return OPEN_STAGES[deal.openStage] as string;
}

function cmp(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Picks distinct leads for dirty rows, each satisfying a condition. */
export function picker(r: Prng): (leads: readonly Lead[], ok: (l: Lead) => boolean) => Lead {
  const used = new Set<number>();
  return (leads, ok) => {
    const candidates = leads.filter((l) => ok(l) && !used.has(l.index));
    const lead = r.pick(candidates);
    used.add(lead.index);
    return lead;
  };
}
