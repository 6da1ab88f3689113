-- schema: the canonical tables every stage reads (DESIGN.md "Canonical tables").
-- params: none. Idempotent: CREATE ... IF NOT EXISTS. Timestamps are UTC (TIMESTAMP).
-- Extra export columns are added to `leads` / `deals` at load time (ALTER TABLE) and
-- recorded in `column_catalog`.

CREATE TABLE IF NOT EXISTS leads (
  lead_id           VARCHAR PRIMARY KEY,
  created_at        TIMESTAMP,   -- NULL only for flat exports without a create date (time-based analyses are then disabled)
  source            VARCHAR,   -- channel, normalised by the source mapping
  source_raw        VARCHAR,   -- as exported
  source_detail     VARCHAR,   -- e.g. HubSpot "Original Source Drill-Down 1"
  campaign          VARCHAR,
  company           VARCHAR,
  account_id        VARCHAR,
  industry          VARCHAR,
  employees         DOUBLE,
  country           VARCHAR,
  title             VARCHAR,
  seniority         VARCHAR,   -- as exported, when the export has it; features derive it from title
  owner             VARCHAR,
  status            VARCHAR,   -- lead status as exported
  lifecycle_stage   VARCHAR,
  mql_at            TIMESTAMP,
  sql_at            TIMESTAMP,
  opportunity_at    TIMESTAMP,
  customer_at       TIMESTAMP,
  disqualified_at   TIMESTAMP,
  first_touch_at    TIMESTAMP,
  is_sales_accepted BOOLEAN,   -- sql_at known, or a status / conversion flag that means accepted
  is_disqualified   BOOLEAN,   -- a status that means disqualified (recycled / unqualified)
  converted_deal_id VARCHAR,   -- Salesforce ConvertedOpportunityId
  count_page_view   DOUBLE,    -- flat-export intent counts (HubSpot "Number of Pageviews", ...)
  count_form_submit DOUBLE,
  count_session     DOUBLE,
  count_email_click DOUBLE,
  count_email_open  DOUBLE,
  count_event       DOUBLE,
  source_file       VARCHAR NOT NULL,
  source_line       BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS deals (
  deal_id      VARCHAR PRIMARY KEY,
  lead_id      VARCHAR,    -- first associated lead (all of them are in deal_leads)
  account_id   VARCHAR,
  name         VARCHAR,
  pipeline     VARCHAR,
  owner        VARCHAR,
  created_at   TIMESTAMP,
  closed_at    TIMESTAMP,
  stage        VARCHAR,
  is_closed    BOOLEAN NOT NULL,
  is_won       BOOLEAN NOT NULL,
  amount       DOUBLE,
  lead_ids_raw VARCHAR,    -- the association column as exported
  source_file  VARCHAR NOT NULL,
  source_line  BIGINT NOT NULL
);

-- Which leads each deal is credited to: from the deal side (HubSpot associated contact IDs,
-- a lead_id column) and from the lead side (Salesforce ConvertedOpportunityId). Rebuilt by
-- every load.
CREATE TABLE IF NOT EXISTS deal_leads (
  deal_id VARCHAR NOT NULL,
  lead_id VARCHAR NOT NULL,
  via     VARCHAR NOT NULL,  -- 'deal' | 'lead'
  PRIMARY KEY (deal_id, lead_id)
);

-- Associations as exported on the deal side (one row per deal and listed id), kept so that
-- deal_leads can be rebuilt when leads arrive later.
CREATE TABLE IF NOT EXISTS deal_contacts (
  deal_id VARCHAR NOT NULL,
  lead_id VARCHAR NOT NULL,
  PRIMARY KEY (deal_id, lead_id)
);

CREATE TABLE IF NOT EXISTS activities (
  lead_id     VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  type        VARCHAR NOT NULL,  -- canonical type after the activity type mapping
  type_raw    VARCHAR,           -- the export's label, NULL when it is the canonical type itself (read coalesce(type_raw, type))
  detail      VARCHAR,
  source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS spend (
  period_start DATE NOT NULL,
  period_end   DATE NOT NULL,   -- inclusive
  source       VARCHAR NOT NULL,
  source_raw   VARCHAR,
  campaign     VARCHAR,
  amount       DOUBLE NOT NULL,
  source_file  VARCHAR NOT NULL,
  source_line  BIGINT NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;

CREATE TABLE IF NOT EXISTS load_log (
  load_id        BIGINT NOT NULL,
  kind           VARCHAR NOT NULL,   -- leads | deals | activities | spend
  file           VARCHAR NOT NULL,   -- absolute path
  sha256         VARCHAR NOT NULL,
  bytes          BIGINT NOT NULL,
  preset         VARCHAR NOT NULL,
  action         VARCHAR NOT NULL,   -- loaded | replaced | unchanged
  rows_read      BIGINT NOT NULL,
  rows_loaded    BIGINT NOT NULL,
  rows_rejected  BIGINT NOT NULL,
  rows_skipped   BIGINT NOT NULL,    -- report footers, blank lines, exact duplicate rows
  loaded_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS rejects (
  load_id BIGINT NOT NULL,
  kind    VARCHAR NOT NULL,
  file    VARCHAR NOT NULL,
  line    BIGINT,            -- physical line in the file (1 = header)
  "column" VARCHAR,          -- header name as exported
  reason  VARCHAR NOT NULL,  -- short code, e.g. bad_date, missing_id, duplicate_conflict
  message VARCHAR NOT NULL,  -- what was expected, in words
  value   VARCHAR,           -- the offending value
  raw     VARCHAR            -- the whole row as JSON {header: value}, or the raw line
);

-- Where each canonical and extra column came from, per kind (for status and features).
CREATE TABLE IF NOT EXISTS column_catalog (
  kind        VARCHAR NOT NULL,
  column_name VARCHAR NOT NULL,
  header      VARCHAR NOT NULL,
  role        VARCHAR NOT NULL,  -- canonical | extra
  data_type   VARCHAR NOT NULL,
  PRIMARY KEY (kind, column_name)
);
