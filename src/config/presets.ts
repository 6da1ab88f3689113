/**
 * Presets: how the real HubSpot and Salesforce exports name each canonical column, plus the
 * canonical shape (the shared bench generator's files, hand-made exports).
 *
 * Each canonical field lists the header names it accepts, first match wins; matching ignores
 * case, surrounding spaces and repeated inner spaces. Sources for the names:
 * ../shared/reference/CRM_EXPORT_HEADERS.md (real export headers, vendor field references).
 */

export type Kind = "leads" | "deals" | "activities" | "spend";
export const KINDS: readonly Kind[] = ["leads", "deals", "activities", "spend"];
export type PresetName = "hubspot" | "salesforce" | "canonical";
export const PRESET_NAMES: readonly PresetName[] = ["hubspot", "salesforce", "canonical"];

/** Field types: how an exported text value is parsed. */
export type FieldType =
  | "id"
  | "text"
  | "timestamp"
  | "size"
  | "date"
  | "number"
  | "money"
  | "boolean"
  | "idlist";

export interface FieldSpec {
  type: FieldType;
  /** Must be present in the export (a missing one is an error before anything is written). */
  required?: boolean;
  /** Must be non-empty on every row (an empty one is a reject). */
  notNull?: boolean;
}

/** The canonical input fields per kind, their types, and which are required. */
export const FIELDS: Record<Kind, Record<string, FieldSpec>> = {
  leads: {
    lead_id: { type: "id", required: true, notNull: true },
    created_at: { type: "timestamp", notNull: true },
    source: { type: "text" },
    source_detail: { type: "text" },
    campaign: { type: "text" },
    company: { type: "text" },
    account_id: { type: "id" },
    industry: { type: "text" },
    employees: { type: "size" },
    country: { type: "text" },
    title: { type: "text" },
    seniority: { type: "text" },
    owner: { type: "text" },
    status: { type: "text" },
    lifecycle_stage: { type: "text" },
    mql_at: { type: "timestamp" },
    sql_at: { type: "timestamp" },
    opportunity_at: { type: "timestamp" },
    customer_at: { type: "timestamp" },
    disqualified_at: { type: "timestamp" },
    first_touch_at: { type: "timestamp" },
    is_converted: { type: "boolean" },
    converted_deal_id: { type: "id" },
    count_page_view: { type: "number" },
    count_form_submit: { type: "number" },
    count_session: { type: "number" },
    count_email_click: { type: "number" },
    count_email_open: { type: "number" },
    count_event: { type: "number" },
  },
  deals: {
    deal_id: { type: "id", required: true, notNull: true },
    lead_ids: { type: "idlist" },
    account_id: { type: "id" },
    name: { type: "text" },
    pipeline: { type: "text" },
    owner: { type: "text" },
    created_at: { type: "timestamp" },
    closed_at: { type: "timestamp" },
    stage: { type: "text" },
    is_closed: { type: "boolean" },
    is_won: { type: "boolean" },
    amount: { type: "money" },
  },
  activities: {
    lead_id: { type: "id", required: true, notNull: true },
    occurred_at: { type: "timestamp", required: true, notNull: true },
    type: { type: "text", required: true, notNull: true },
    detail: { type: "text" },
  },
  spend: {
    period_start: { type: "date", required: true, notNull: true },
    period_end: { type: "date" },
    source: { type: "text", required: true, notNull: true },
    campaign: { type: "text" },
    amount: { type: "money", required: true, notNull: true },
  },
};

export interface Preset {
  name: PresetName;
  description: string;
  /** Accepted header names per canonical field, per kind. */
  headers: Record<Kind, Record<string, string[]>>;
  /** Deal stage labels that mean won / lost (when the export has no IsWon / IsClosed). */
  dealStages: { won: string[]; lost: string[] };
  /** Lead statuses that mean sales accepted / disqualified. */
  leadStatuses: { salesAccepted: string[]; disqualified: string[] };
  /** Lifecycle stages that mean the lead reached SQL or beyond. */
  acceptedLifecycleStages: string[];
  /** Salesforce ids: compare on the case-sensitive 15-character form. */
  salesforceIds: boolean;
  /** Default order of day and month in ambiguous dates like 04/08/2025. */
  dateOrder: "mdy" | "dmy";
}

/** Activity and spend exports have no vendor standard: every preset accepts these names. */
const ACTIVITY_HEADERS: Record<string, string[]> = {
  lead_id: [
    "lead_id",
    "Lead ID",
    "Contact ID",
    "Record ID",
    "Associated Contact ID",
    "WhoId",
    "Who Id",
    "LeadId",
  ],
  occurred_at: [
    "occurred_at",
    "Timestamp",
    "Activity Date",
    "ActivityDate",
    "Event Date",
    "Date",
    "CreatedDate",
    "Created Date",
    "Time",
  ],
  type: ["type", "Activity Type", "Event Type", "Type", "TaskSubtype", "Event", "Activity"],
  detail: ["detail", "Subject", "URL", "Page URL", "Asset", "Description", "Details", "Name"],
};

const SPEND_HEADERS: Record<string, string[]> = {
  period_start: [
    "period_start",
    "month",
    "Month",
    "Period Start",
    "Start Date",
    "Week",
    "Date",
    "Day",
  ],
  period_end: ["period_end", "Period End", "End Date"],
  source: ["source", "Source", "Channel", "Original Source", "Lead Source", "LeadSource"],
  campaign: ["campaign", "Campaign", "Campaign Name"],
  amount: ["amount", "Amount", "Spend", "Cost", "Amount Spent"],
};

export const PRESETS: Record<PresetName, Preset> = {
  hubspot: {
    name: "hubspot",
    description: "HubSpot contacts and deals exports (Export from a Contacts / Deals view)",
    headers: {
      leads: {
        lead_id: ["Record ID", "Contact ID", "Contact Id", "hs_object_id", "vid"],
        created_at: ["Create Date", "Object create date/time", "createdate", "Became a Lead Date"],
        source: ["Original Source", "Original Source Type", "hs_analytics_source"],
        source_detail: [
          "Original Source Drill-Down 1",
          "Original source data 1",
          "hs_analytics_source_data_1",
        ],
        campaign: ["First Touch Converting Campaign", "Campaign"],
        company: ["Company Name", "Associated Company", "company"],
        account_id: [
          "Associated Company IDs",
          "Associated Company ID",
          "Associated Company IDs (Primary)",
          "associatedcompanyid",
        ],
        industry: ["Industry", "industry"],
        employees: ["Number of Employees", "Company size", "numemployees"],
        country: ["Country/Region", "Country", "country", "IP Country"],
        title: ["Job Title", "jobtitle"],
        seniority: ["Seniority", "hs_seniority"],
        owner: ["Contact owner", "HubSpot Owner", "hubspot_owner_id"],
        status: ["Lead Status", "hs_lead_status"],
        lifecycle_stage: ["Lifecycle Stage", "lifecyclestage"],
        mql_at: [
          "Became a Marketing Qualified Lead Date",
          "hs_lifecyclestage_marketingqualifiedlead_date",
        ],
        sql_at: ["Became a Sales Qualified Lead Date", "hs_lifecyclestage_salesqualifiedlead_date"],
        opportunity_at: ["Became an Opportunity Date", "hs_lifecyclestage_opportunity_date"],
        customer_at: ["Became a Customer Date", "hs_lifecyclestage_customer_date"],
        disqualified_at: ["Disqualified Date", "Became an Other Lifecycle Date"],
        first_touch_at: [
          "First Engagement Date",
          "Date of first engagement",
          "hs_sa_first_engagement_date",
          "First Contacted Date",
        ],
        is_converted: [],
        converted_deal_id: [],
        count_page_view: ["Number of Pageviews", "hs_analytics_num_page_views"],
        count_form_submit: ["Number of Form Submissions", "num_conversion_events"],
        count_session: ["Number of Sessions", "hs_analytics_num_visits"],
        count_email_click: ["Marketing emails clicked", "hs_email_click"],
        count_email_open: ["Marketing emails opened", "hs_email_open"],
        count_event: ["Number of event completions", "hs_analytics_num_event_completions"],
      },
      deals: {
        deal_id: ["Record ID", "Deal ID", "hs_object_id"],
        lead_ids: [
          "Associated Contact IDs",
          "Associated Contact ID",
          "Associated Contacts IDs",
          "Contact IDs",
        ],
        account_id: [
          "Associated Company IDs",
          "Associated Company ID",
          "Associated Company IDs (Primary)",
        ],
        name: ["Deal Name", "dealname"],
        pipeline: ["Pipeline", "pipeline"],
        owner: ["Deal owner", "hubspot_owner_id"],
        created_at: ["Create Date", "createdate"],
        closed_at: ["Close Date", "closedate"],
        stage: ["Deal Stage", "dealstage"],
        is_closed: ["Is Closed", "Is closed", "hs_is_closed"],
        is_won: ["Is Closed Won", "hs_is_closed_won"],
        amount: ["Amount", "Amount in company currency", "amount"],
      },
      activities: ACTIVITY_HEADERS,
      spend: SPEND_HEADERS,
    },
    dealStages: { won: ["Closed Won", "closedwon"], lost: ["Closed Lost", "closedlost"] },
    leadStatuses: {
      salesAccepted: ["Open Deal", "Connected"],
      disqualified: ["Unqualified", "Bad Timing"],
    },
    acceptedLifecycleStages: [
      "Sales Qualified Lead",
      "salesqualifiedlead",
      "Opportunity",
      "opportunity",
      "Customer",
      "customer",
      "Evangelist",
      "evangelist",
    ],
    salesforceIds: false,
    dateOrder: "mdy",
  },
  salesforce: {
    name: "salesforce",
    description:
      "Salesforce Lead and Opportunity exports (Data Loader / Data Export API names, or report labels)",
    headers: {
      leads: {
        lead_id: ["Id", "Lead ID", "Lead Id"],
        created_at: ["CreatedDate", "Created Date", "Create Date"],
        source: ["LeadSource", "Lead Source"],
        source_detail: ["Lead_Source_Detail__c", "Lead Source Detail"],
        campaign: ["Campaign", "Campaign Name", "Primary Campaign Source"],
        company: ["Company", "Company / Account"],
        account_id: ["ConvertedAccountId", "Converted Account ID", "Converted Account"],
        industry: ["Industry"],
        employees: ["NumberOfEmployees", "No. of Employees", "Employees", "Number of Employees"],
        country: ["Country", "Country Code", "CountryCode"],
        title: ["Title"],
        seniority: ["Seniority__c", "Seniority"],
        owner: ["OwnerId", "Lead Owner", "Owner", "Owner Name"],
        status: ["Status", "Lead Status"],
        lifecycle_stage: [],
        mql_at: ["MQL_Date__c", "MQL Date", "Marketing Qualified Date"],
        sql_at: ["ConvertedDate", "Converted Date", "SQL_Date__c", "SQL Date"],
        opportunity_at: [],
        customer_at: [],
        disqualified_at: ["Disqualified_Date__c", "Disqualified Date"],
        first_touch_at: ["First_Touch_Date__c", "First Touch Date", "First Call Date"],
        is_converted: ["IsConverted", "Converted"],
        converted_deal_id: [
          "ConvertedOpportunityId",
          "Converted Opportunity ID",
          "Converted Opportunity",
        ],
        count_page_view: [],
        count_form_submit: [],
        count_session: [],
        count_email_click: [],
        count_email_open: [],
        count_event: [],
      },
      deals: {
        deal_id: ["Id", "Opportunity ID", "Opportunity Id"],
        lead_ids: ["Lead ID", "Converted Lead ID", "LeadId"],
        account_id: ["AccountId", "Account ID"],
        name: ["Name", "Opportunity Name"],
        pipeline: ["RecordTypeId", "Record Type", "Opportunity Record Type"],
        owner: ["OwnerId", "Opportunity Owner", "Owner"],
        created_at: ["CreatedDate", "Created Date"],
        closed_at: ["CloseDate", "Close Date"],
        stage: ["StageName", "Stage"],
        is_closed: ["IsClosed", "Closed"],
        is_won: ["IsWon", "Won"],
        amount: ["Amount", "Total Amount"],
      },
      activities: ACTIVITY_HEADERS,
      spend: SPEND_HEADERS,
    },
    dealStages: { won: ["Closed Won"], lost: ["Closed Lost"] },
    leadStatuses: {
      salesAccepted: ["Closed - Converted", "Qualified", "Converted", "Sales Accepted"],
      disqualified: ["Closed - Not Converted", "Unqualified", "Disqualified"],
    },
    acceptedLifecycleStages: [],
    salesforceIds: true,
    dateOrder: "mdy",
  },
  canonical: {
    name: "canonical",
    description: "Handoff's own column names (also the shared benchmark generator's files)",
    headers: {
      leads: canonicalHeaders("leads"),
      deals: { ...canonicalHeaders("deals"), lead_ids: ["lead_ids", "lead_id"] },
      activities: canonicalHeaders("activities"),
      spend: { ...canonicalHeaders("spend"), period_start: ["period_start", "month"] },
    },
    dealStages: { won: ["Closed Won", "won"], lost: ["Closed Lost", "lost"] },
    leadStatuses: {
      salesAccepted: ["sales_accepted", "accepted"],
      disqualified: ["disqualified", "unqualified"],
    },
    acceptedLifecycleStages: [],
    salesforceIds: false,
    dateOrder: "mdy",
  },
};

function canonicalHeaders(kind: Kind): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const field of Object.keys(FIELDS[kind])) out[field] = [field];
  return out;
}

/** Canonical activity types, and the raw names that map onto them (after lower-casing). */
export const ACTIVITY_TYPE_ALIASES: Record<string, string[]> = {
  pricing_view: ["pricing_view", "pricing page view", "pricing page", "viewed pricing", "pricing"],
  demo_request: ["demo_request", "demo request", "requested a demo", "demo", "contact sales"],
  content_download: [
    "content_download",
    "content download",
    "download",
    "ebook download",
    "whitepaper download",
  ],
  webinar: ["webinar", "webinar attended", "event attended", "event"],
  email_click: ["email_click", "email click", "clicked email", "marketing email clicked"],
  email_open: ["email_open", "email open", "opened email"],
  form_submit: ["form_submit", "form submission", "form submit", "form"],
  page_view: ["page_view", "page view", "pageview", "website visit", "visit"],
  meeting: ["meeting", "meeting booked"],
  call: ["call"],
};
