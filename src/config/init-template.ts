import { PRESETS, type PresetName } from "./presets.js";

const EXAMPLE_FILES: Record<
  PresetName,
  { leads: string; deals: string; activities: string; spend: string }
> = {
  hubspot: {
    leads: "exports/hubspot-crm-exports-all-contacts-*.csv",
    deals: "exports/hubspot-crm-exports-all-deals-*.csv",
    activities: "exports/activities.csv",
    spend: "exports/spend.csv",
  },
  salesforce: {
    leads: "exports/Lead.csv",
    deals: "exports/Opportunity.csv",
    activities: "exports/Task.csv",
    spend: "exports/spend.csv",
  },
  canonical: {
    leads: "exports/leads.csv",
    deals: "exports/deals.csv",
    activities: "exports/activities.csv",
    spend: "exports/spend.csv",
  },
};

const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

/** A commented handoff.yaml for a preset: every key with its default and what it means. */
export function initTemplate(name: PresetName): string {
  const preset = PRESETS[name];
  const files = EXAMPLE_FILES[name];
  return `# handoff.yaml — where your exports live and how to read them.
# Preset: ${name} — ${preset.description}.
# Paths are relative to this file; a glob (*) loads every matching file.
# Check it with: handoff load  (errors name the key and the fix), then: handoff status

preset: ${name}

# The time zone the export's local times are in (HubSpot exports in the portal's time zone,
# Salesforce data exports in UTC). Times with an explicit offset (…Z, +02:00) are read as such.
timezone: ${name === "salesforce" ? "UTC" : "America/New_York"}

# Ambiguous dates like 04/08/2025: auto decides from the data (a day above 12 proves the
# order; a column that mixes both orders is an error), mdy = US, dmy = European, ymd = ISO.
date_order: auto
# Extra strptime formats to try first, e.g. ["%d-%b-%Y"] for 31-Mar-2025.
date_formats: []
# Decimal separator: "." for 1,234.56 or "," for 1.234,56.
decimal: "."

sources:
  leads:
    path: ${files.leads}
    # Map a canonical field to your export's header when it is not one the preset knows:
    # columns:
    #   lead_id: "Contact ID"
    #   mql_at: "MQL Date (custom)"
    # Headers to leave out entirely (names, e-mails and phone numbers are left out by default):
    # ignore: ["Notes"]
    # encoding: latin-1     # for files saved by Excel on Windows; default utf-8
    # delimiter: ";"        # default: detected from the header line
  deals:
    path: ${files.deals}
  # activities:             # event-level activity export (one row per event)
  #   path: ${files.activities}
  # spend:                  # spend by channel and month (or week)
  #   path: ${files.spend}

# Time windows used by features, fit, backtest and funnel.
windows:
  decision: created        # a lead is judged at creation + scoring_days (or "mql": at its MQL date)
  scoring_days: 30
  maturity_days: auto      # days an outcome may take to count; auto = from your own time to close
  # as_of: 2026-09-30      # the data's "today"; default: the latest date in the data

values:
  # Which deal stages mean won and lost (used when the export has no won / closed flag).
  deal_stages:
    won: ${list(preset.dealStages.won)}
    lost: ${list(preset.dealStages.lost)}
  # Which lead statuses mean accepted by sales, and disqualified.
  lead_statuses:
    sales_accepted: ${list(preset.leadStatuses.salesAccepted)}
    disqualified: ${list(preset.leadStatuses.disqualified)}
  # Activity labels → canonical types (pricing_view, demo_request, content_download, webinar,
  # email_click, email_open, form_submit, page_view, meeting, call). Common labels are known.
  # activity_types:
  #   "Viewed /pricing": pricing_view
  # Source spellings → one channel name (applied to leads and spend alike).
  # sources:
  #   paid_search: Paid Search
  #   PPC: Paid Search
`;
}
