/**
 * Salesforce-shaped exports of the world: Lead and Task exports as the Data Loader writes them
 * (API names, every field quoted, 18-character ids, date-times "2025-03-04T14:22:00.000Z",
 * Task ActivityDate a plain date), and an Opportunity report exported as "Details Only" CSV
 * (report labels, 15-character ids, amounts "USD 18,500.00", en_US dates "3/4/2025", checkbox
 * columns 1/0) ending with the report footer.
 */
import { type DirtyRow, type ExportSet, insertAt, type Row, renderRows } from "./export-set.js";
import {
  csvFile,
  csvRow,
  isoDate,
  money,
  salesforceDateTime,
  salesforceId15,
  salesforceId18,
  salesforceReportDate,
} from "./format.js";
import type { ExportIds } from "./ids.js";
import { currentStage, dealOf, type Stage } from "./lead-state.js";
import { type EventType, SALES } from "./model.js";
import { Prng } from "./prng.js";
import type { SpendRow } from "./spend.js";
import { CHANNEL_LABELS, INDUSTRIES } from "./vocab.js";
import type { Lead, World } from "./world.js";
import { picker } from "./write-hubspot.js";

/** Task types as a marketing-automation sync writes them (all in the preset's aliases). */
export const SALESFORCE_ACTIVITY_LABELS: Record<EventType, string> = {
  page_view: "Website Visit",
  pricing_view: "Viewed Pricing",
  demo_request: "Requested a Demo",
  content_download: "Download",
  webinar: "Webinar",
  email_click: "Clicked Email",
  form_submit: "Form",
  call: "Call",
  meeting: "Meeting",
};

const STATUS: Record<Stage, string> = {
  lead: "Open - Not Contacted",
  mql_untouched: "Open - Not Contacted",
  mql_working: "Working - Contacted",
  disqualified: "Closed - Not Converted",
  open_deal: "Closed - Converted",
  won: "Closed - Converted",
  lost: "Closed - Converted",
};

const OPEN_STAGES = [
  "Qualification",
  "Needs Analysis",
  "Value Proposition",
  "Proposal/Price Quote",
  "Negotiation/Review",
];

export function writeSalesforce(world: World, ids: ExportIds, spend: SpendRow[]): ExportSet {
  const dirty: DirtyRow[] = [];
  const files: Record<string, string> = {};
  const pick = picker(new Prng(world.seed).fork("salesforce-dirty"));
  let counter = ids.nextSalesforce + 5_000;
  const freshId = (prefix: string): string => {
    counter += 17;
    return salesforceId15(prefix, counter);
  };

  // leads.csv (Data Loader export of Lead)
  const header = [
    "Id",
    "CreatedDate",
    "Status",
    "LeadSource",
    "Title",
    "Company",
    "Industry",
    "NumberOfEmployees",
    "Country",
    "OwnerId",
    "IsConverted",
    "ConvertedDate",
    "ConvertedOpportunityId",
    "MQL_Date__c",
    "First_Touch_Date__c",
    "Disqualified_Date__c",
    "Preferred_Channel__c",
  ];
  const COL = Object.fromEntries(header.map((h, i) => [h, i])) as Record<string, number>;
  const leadRow = (lead: Lead, leadId: string): Row => {
    const stage = currentStage(lead, world);
    const deal = dealOf(lead, world);
    const converted = deal !== undefined;
    const time = (t: number | undefined): string => (t === undefined ? "" : salesforceDateTime(t));
    return {
      cells: [
        leadId,
        time(lead.createdAt),
        STATUS[stage],
        CHANNEL_LABELS[lead.channel].salesforce,
        lead.title,
        lead.company.name,
        INDUSTRIES[lead.company.industry][2],
        lead.company.employees,
        lead.company.country,
        stage === "lead" || lead.owner === undefined
          ? ids.salesforceQueue
          : ids.salesforceOwner[lead.owner],
        converted ? "true" : "false",
        lead.sqlAt === undefined ? "" : isoDate(lead.sqlAt),
        deal === undefined ? "" : salesforceId18(ids.salesforceOpportunity[deal.index] as string),
        time(lead.mqlAt),
        time(lead.firstTouchAt),
        time(lead.disqualifiedAt),
        lead.preferredChannels,
      ],
    };
  };
  const rows = world.leads.map((lead) => leadRow(lead, leadId(ids, lead)));
  const rowByLead = new Map(world.leads.map((lead) => [lead, rows[lead.index] as Row]));
  const at = (lead: Lead): Row => rowByLead.get(lead) as Row;
  const plain = (l: Lead): boolean => l.mqlAt === undefined;

  const badDate = pick(world.leads, plain);
  at(badDate).cells[COL.CreatedDate as number] = "2025-02-30T09:15:00.000Z";
  at(badDate).dirty = {
    kind: "bad_date",
    id: leadId(ids, badDate),
    expected:
      'rejected (reason bad_date, column "CreatedDate"): February 30 does not exist; its activities stay unmatched',
  };
  const padded = pick(world.leads, (l) => l.seniority === "c_level" && l.mqlAt !== undefined);
  at(padded).cells[COL.Title as number] = ` ${padded.title}   `;
  at(padded).dirty = {
    kind: "title_whitespace",
    id: leadId(ids, padded),
    expected: "loaded with the title trimmed; still a C-level title",
  };
  const spaced = pick(world.leads, (l) => dealOf(l, world)?.outcome === "won");
  at(spaced).cells[0] = `${leadId(ids, spaced)} `;
  at(spaced).dirty = {
    kind: "id_trailing_space",
    id: leadId(ids, spaced),
    expected:
      "loaded as the trimmed id; its activities (WhoId without the space) and its won opportunity still match",
  };
  for (let k = 0; k < 8; k++) {
    const variant = pick(world.leads, (l) => l.channel === "paid_search");
    at(variant).cells[COL.LeadSource as number] = k % 2 === 0 ? "paid_search" : "PPC";
    at(variant).dirty = {
      kind: "source_variant",
      id: leadId(ids, variant),
      expected: 'loaded; "paid_search" and "PPC" map to "Paid Search" (values.sources)',
    };
  }
  const template = pick(world.leads, plain);
  const missing = leadRow(template, "");
  missing.dirty = {
    kind: "missing_id",
    id: "",
    expected: 'rejected (reason missing_id, column "Id"); not part of the world',
  };
  insertAt(rows, template.index + 1, missing);
  const dupOf = pick(world.leads, plain);
  const dup = leadRow(dupOf, leadId(ids, dupOf));
  dup.cells[COL.Status as number] = "Closed - Not Converted";
  dup.cells[COL.Industry as number] = "Retail";
  dup.dirty = {
    kind: "duplicate_conflict",
    id: leadId(ids, dupOf),
    expected:
      "second row with the same Id and a different Status and Industry: reported as duplicate_conflict, never silently merged",
  };
  insertAt(rows, rows.indexOf(at(dupOf)) + 5, dup);
  const orphanTemplate = pick(world.leads, plain);
  const orphanOpp = salesforceId18(freshId("006"));
  const orphanLead = salesforceId18(freshId("00Q"));
  const orphan = leadRow(orphanTemplate, orphanLead);
  orphan.cells[COL.Status as number] = "Closed - Converted";
  orphan.cells[COL.IsConverted as number] = "true";
  orphan.cells[COL.ConvertedDate as number] = "2025-05-14";
  orphan.cells[COL.ConvertedOpportunityId as number] = orphanOpp;
  orphan.cells[COL.MQL_Date__c as number] = "2025-05-12T15:03:00.000Z";
  orphan.dirty = {
    kind: "unknown_deal",
    id: orphanLead,
    expected:
      "lead loaded (converted); its ConvertedOpportunityId is not in opportunities.csv (a deleted opportunity), so it has no deal; not part of the world",
  };
  insertAt(rows, rows.indexOf(at(orphanTemplate)) + 1, orphan);
  files["leads.csv"] = renderRows("salesforce", "leads.csv", header, rows, dirty, true);

  // opportunities.csv (report, Details Only)
  const oppHeader = [
    "Opportunity Owner",
    "Opportunity ID",
    "Opportunity Name",
    "Stage",
    "Closed",
    "Won",
    "Amount",
    "Close Date",
    "Created Date",
    "Account ID",
  ];
  const oppRows: Row[] = [...world.deals]
    .sort((a, b) => a.closeAt - b.closeAt || a.index - b.index)
    .map((deal) => {
      const lead = world.leads[deal.leads[0] as number] as Lead;
      return {
        cells: [
          SALES.owners[deal.owner],
          ids.salesforceOpportunity[deal.index],
          `${lead.company.name} - New Business`,
          deal.outcome === "won"
            ? "Closed Won"
            : deal.outcome === "lost"
              ? "Closed Lost"
              : OPEN_STAGES[deal.openStage],
          deal.outcome === "open" ? "0" : "1",
          deal.outcome === "won" ? "1" : "0",
          `USD ${money(deal.amount)}`,
          salesforceReportDate(deal.closeAt),
          salesforceReportDate(deal.createdAt),
          ids.salesforceAccount.get(lead.company),
        ],
      };
    });
  const negativeId = freshId("006");
  insertAt(oppRows, 200, {
    cells: [
      SALES.owners[3],
      negativeId,
      "Acme Corp - Billing correction",
      "Closed Lost",
      "1",
      "0",
      `USD ${money(-2_000)}`,
      "8/29/2025",
      "8/18/2025",
      freshId("001"),
    ],
    dirty: {
      kind: "negative_amount",
      id: negativeId,
      expected:
        "rejected or flagged (reason negative_amount); linked to no lead; not part of the world",
    },
  });
  const footer = [
    "",
    csvRow([`Grand Totals (${oppRows.length} records)`], true),
    "",
    csvRow(["Confidential Information - Do Not Distribute"], true),
    csvRow(["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."], true),
  ].join("\n");
  files["opportunities.csv"] =
    `${renderRows("salesforce", "opportunities.csv", oppHeader, oppRows, dirty, true)}${footer}\n`;

  // activities.csv (Data Loader export of Task)
  const activities: { at: number; row: Row }[] = [];
  for (const lead of world.leads) {
    for (const e of lead.events) {
      activities.push({
        at: e.at,
        row: {
          cells: [leadId(ids, lead), isoDate(e.at), SALESFORCE_ACTIVITY_LABELS[e.type], e.detail],
        },
      });
    }
  }
  activities.sort(
    (a, b) => a.at - b.at || (String(a.row.cells[0]) < String(b.row.cells[0]) ? -1 : 1),
  );
  const activityRows = activities.map((a) => a.row);
  const someLead = pick(world.leads, (l) => l.events.length > 3);
  insertAt(activityRows, 3_000, {
    cells: [leadId(ids, someLead), "2025-06-31", "Website Visit", "/blog"],
    dirty: {
      kind: "bad_date",
      id: leadId(ids, someLead),
      expected: 'rejected (reason bad_date, column "ActivityDate"): June 31 does not exist',
    },
  });
  insertAt(activityRows, 8_000, {
    cells: ["", "2025-09-03", "Download", "Lead Scoring 101"],
    dirty: { kind: "missing_id", id: "", expected: 'rejected (reason missing_id, column "WhoId")' },
  });
  files["activities.csv"] = renderRows(
    "salesforce",
    "activities.csv",
    ["WhoId", "ActivityDate", "Type", "Subject"],
    activityRows,
    dirty,
    true,
  );

  // spend.csv (a campaign cost sheet)
  files["spend.csv"] = csvFile(
    ["Start Date", "End Date", "Lead Source", "Campaign Name", "Amount Spent"],
    spend.map((s) => {
      const d = new Date(s.month);
      const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
      return [isoDate(s.month), isoDate(end), s.label.salesforce, s.campaign, s.amount.toFixed(2)];
    }),
  );
  return { files, dirty };
}

function leadId(ids: ExportIds, lead: Lead): string {
  return ids.salesforceLead[lead.index] as string;
}
