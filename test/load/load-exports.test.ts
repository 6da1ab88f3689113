import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PRESETS, type PresetName } from "../../src/config/presets.js";
import { type Config, configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { UserError } from "../../src/errors.js";
import { dataStatus } from "../../src/load/data-status.js";
import { type LoadSource, loadExports } from "../../src/load/load-exports.js";
import { withConnection, writeFiles } from "../helpers/db.js";

const BOM = "\ufeff";
const HUBSPOT_CONTACTS = `${BOM}"Record ID","First Name","Create Date","Lifecycle Stage","Lead Status","Original Source","Job Title","Industry","Number of Employees","Country/Region","Number of Pageviews","Became a Marketing Qualified Lead Date","Became a Sales Qualified Lead Date","Preferred channels"\r
101,Ann,2025-03-04 14:22,Marketing Qualified Lead,Open,Paid Search,VP Marketing,Software,250,United States,12,2025-03-10 09:00,,Email\r
102,Bob,2025-03-05 10:00,Lead,New,paid_search,"Director, ""Ops""\r
EMEA",Retail,"1,200",Germany,3,,,\r
103,Cy,not a date,Lead,New,Organic Search,Analyst,Retail,20,France,1,,,\r
104,Di,2025-03-06 10:00,Sales Qualified Lead,Open Deal,Organic Search,CEO,Software,80,United States,40,2025-03-07 10:00,2025-03-08 10:00,Phone\r
104,Di,2025-03-06 10:00,Sales Qualified Lead,Open Deal,Organic Search,CFO,Software,80,United States,40,2025-03-07 10:00,2025-03-08 10:00,Phone\r
,Ed,2025-03-06 10:00,Lead,New,Organic Search,CEO,Software,80,United States,40,,,\r
105,Fi,2025-03-06 10:00,Lead,New,Organic Search,CEO,Software,80\r
106,Gu,2025-03-07 10:00,Lead,New,Referrals,CEO,Software,80,United States,40,,,\r
106,Gu,2025-03-07 10:00,Lead,New,Referrals,CEO,Software,80,United States,40,,,\r
`;
const HUBSPOT_DEALS = `Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Associated Contact IDs
900,Acme,Closed Won,"$12,500.00",2025-05-01,2025-03-09,104;101
901,Beta,Closed Lost,-5,2025-05-01,2025-03-09,101
902,Gamma,Appointment Scheduled,1000,2027-01-01,2025-03-09,999
903,Delta,Closed Lost,"2,000",2025-06-01,2025-03-09,102
`;

function config(preset: PresetName, extra: Record<string, unknown> = {}): Config {
  return configSchema.parse({ preset, ...extra });
}

async function run(
  db: Db,
  preset: PresetName,
  sources: LoadSource[],
  extra: Record<string, unknown> = {},
  force = false,
) {
  return loadExports(db, {
    preset: PRESETS[preset],
    config: config(preset, extra),
    sources,
    force,
  });
}

/** The temp tables and views the loader stages files in that still exist. */
async function stageObjects(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'stage_')
     UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND starts_with(view_name, 'stage_')`,
  );
  return rows.map((r) => r.name).sort();
}

async function snapshot(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    "leads",
    "deals",
    "deal_leads",
    "activities",
    "spend",
    "rejects",
    "load_log",
  ]) {
    out[table] = await db.all(`SELECT * FROM ${table} ORDER BY ALL`);
  }
  return out;
}

describe("loadExports (HubSpot shapes)", () => {
  const dir = writeFiles({ "contacts.csv": HUBSPOT_CONTACTS, "deals.csv": HUBSPOT_DEALS });
  const sources: LoadSource[] = [
    { kind: "leads", files: [join(dir, "contacts.csv")] },
    { kind: "deals", files: [join(dir, "deals.csv")] },
  ];
  const extra = {
    timezone: "America/New_York",
    values: { sources: { paid_search: "Paid Search" } },
  };

  it("loads good rows, converts local times to UTC, normalises sources and keeps extra columns", async () => {
    await withConnection(async (db) => {
      await run(db, "hubspot", sources, extra);
      const leads = await db.all<Record<string, unknown>>(
        "SELECT lead_id, created_at, source, source_raw, title, employees, mql_at, is_sales_accepted, count_page_view, preferred_channels, source_line FROM leads ORDER BY lead_id",
      );
      expect(leads.map((l) => l.lead_id)).toEqual(["101", "102", "104", "106"]);
      expect(leads[0]).toMatchObject({
        created_at: new Date("2025-03-04T19:22:00Z"), // 14:22 in New York (EST) = 19:22 UTC
        source: "Paid Search",
        employees: 250,
        mql_at: new Date("2025-03-10T13:00:00Z"), // after the DST switch: UTC−4
        is_sales_accepted: false,
        count_page_view: 12,
        preferred_channels: "Email",
        source_line: 2,
      });
      expect(leads[1]).toMatchObject({
        source: "Paid Search",
        source_raw: "paid_search",
        title: 'Director, "Ops"\r\nEMEA',
        employees: 1200,
      });
      expect(leads[2]).toMatchObject({
        lead_id: "104",
        title: "CEO",
        is_sales_accepted: true,
        source_line: 6,
      });
      expect(leads[3]).toMatchObject({ lead_id: "106", source_line: 10 });
    });
  });

  it("rejects each bad row with its physical line, column, reason and raw row", async () => {
    await withConnection(async (db) => {
      const result = await run(db, "hubspot", sources, extra);
      const rejects = await db.all<Record<string, unknown>>(
        `SELECT kind, line, "column", reason, value, raw FROM rejects ORDER BY kind, line`,
      );
      expect(rejects.map((r) => [r.kind, r.line, r.column, r.reason, r.value])).toEqual([
        ["deals", 3, "Amount", "negative_amount", "-5"],
        ["deals", 4, "Associated Contact IDs", "deal_unlinked", "999"],
        ["leads", 5, "Create Date", "bad_date", "not a date"],
        ["leads", 7, "Record ID", "duplicate_conflict", "104"],
        ["leads", 8, "Record ID", "missing_lead_id", null],
        ["leads", 9, "Country/Region", "ragged_row", null],
      ]);
      expect(JSON.parse(rejects[2]?.raw as string)).toMatchObject({
        "Record ID": "103",
        "Create Date": "not a date",
      });
      const leadsFile = result.files.find((f) => f.kind === "leads");
      // 9 records: 4 loaded, 4 rejected, 1 identical duplicate of 106 folded into one; none lost
      expect(leadsFile).toMatchObject({
        rowsRead: 9,
        rowsLoaded: 4,
        rowsRejected: 4,
        rowsSkipped: 1,
      });
      expect(
        (leadsFile?.rowsLoaded ?? 0) +
          (leadsFile?.rowsRejected ?? 0) +
          (leadsFile?.rowsSkipped ?? 0),
      ).toBe(leadsFile?.rowsRead);
    });
  });

  it("credits a deal to every associated lead and keeps deals with at least one known lead", async () => {
    await withConnection(async (db) => {
      await run(db, "hubspot", sources, extra);
      expect(await db.all("SELECT deal_id, lead_id, via FROM deal_leads ORDER BY ALL")).toEqual([
        { deal_id: "900", lead_id: "101", via: "deal" },
        { deal_id: "900", lead_id: "104", via: "deal" },
        { deal_id: "903", lead_id: "102", via: "deal" },
      ]);
      expect(
        await db.all("SELECT deal_id, is_won, is_closed, amount FROM deals ORDER BY deal_id"),
      ).toEqual([
        { deal_id: "900", is_won: true, is_closed: true, amount: 12500 },
        { deal_id: "903", is_won: false, is_closed: true, amount: 2000 },
      ]);
    });
  });

  it("is a no-op when the same files are loaded again", async () => {
    await withConnection(async (db) => {
      await run(db, "hubspot", sources, extra);
      const before = await snapshot(db);
      const again = await run(db, "hubspot", sources, extra);
      expect(again.files.map((f) => f.action)).toEqual(["unchanged", "unchanged"]);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it("replaces rows by id when a file changes, without double counting", async () => {
    await withConnection(async (db) => {
      const file = join(
        writeFiles({
          "c.csv": "Record ID,Create Date,Job Title\n1,2025-01-01,CEO\n2,2025-01-02,Analyst\n",
        }),
        "c.csv",
      );
      await run(db, "hubspot", [{ kind: "leads", files: [file] }]);
      writeFileSync(
        file,
        "Record ID,Create Date,Job Title\n1,2025-01-01,CFO\n2,2025-01-02,Analyst\n3,2025-01-03,VP Sales\n",
      );
      const result = await run(db, "hubspot", [{ kind: "leads", files: [file] }]);
      expect(result.files[0]?.action).toBe("replaced");
      expect(await db.all("SELECT lead_id, title FROM leads ORDER BY lead_id")).toEqual([
        { lead_id: "1", title: "CFO" },
        { lead_id: "2", title: "Analyst" },
        { lead_id: "3", title: "VP Sales" },
      ]);
    });
  });

  it("leaves the database exactly as it was when a later file fails", async () => {
    await withConnection(async (db) => {
      const bad = writeFiles({
        "c.csv": "Record ID,Create Date\n1,2025-01-01\n",
        // a date column that mixes day-first and month-first values cannot be read safely
        "d.csv":
          "Record ID,Deal Stage,Close Date,Associated Contact IDs\n9,Closed Won,31/01/2025,1\n10,Closed Won,01/31/2025,1\n",
      });
      await run(db, "hubspot", sources, extra);
      const before = await snapshot(db);
      await expect(
        run(db, "hubspot", [
          { kind: "leads", files: [join(bad, "c.csv")] },
          { kind: "deals", files: [join(bad, "d.csv")] },
        ]),
      ).rejects.toThrow(
        /mixes day-first dates \("31\/01\/2025" on line 2\) and month-first dates \("01\/31\/2025" on line 3\)/,
      );
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it("leaves the database as it was when the merge fails inside the transaction", async () => {
    await withConnection(async (db) => {
      await run(db, "hubspot", sources, extra);
      const before = await snapshot(db);
      const activities = writeFiles({
        "a.csv": "Contact ID,Activity Date,Activity Type\n101,2025-03-05 10:00,Page View\n",
      });
      // files are staged before the transaction; the fault comes after the leads and deals of
      // this load were merged, inside it
      const run0 = db.run.bind(db);
      db.run = async (sql, params) => {
        if (/^\s*INSERT INTO activities/.test(sql)) throw new Error("injected fault");
        return run0(sql, params);
      };
      await expect(
        run(
          db,
          "hubspot",
          [...sources, { kind: "activities", files: [join(activities, "a.csv")] }],
          extra,
          true,
        ),
      ).rejects.toThrow("injected fault");
      db.run = run0;
      expect(await snapshot(db)).toEqual(before);
      expect(await stageObjects(db)).toEqual([]);
    });
  });

  it("drops every staging table and view after a load, and after a failed one", async () => {
    await withConnection(async (db) => {
      await run(db, "hubspot", sources, extra);
      expect(await stageObjects(db)).toEqual([]);
      const bad = writeFiles({
        "d.csv":
          "Record ID,Deal Stage,Close Date,Associated Contact IDs\n9,Closed Won,31/01/2025,1\n10,Closed Won,01/31/2025,1\n",
      });
      await expect(
        run(
          db,
          "hubspot",
          [...sources, { kind: "deals", files: [join(bad, "d.csv")] }],
          extra,
          true,
        ),
      ).rejects.toThrow(/mixes day-first dates/);
      expect(await stageObjects(db)).toEqual([]);
    });
  });

  it("fails before writing anything when a required column is missing", async () => {
    await withConnection(async (db) => {
      const dir2 = writeFiles({ "c.csv": "First Name,Create Date\nAnn,2025-01-01\n" });
      const error = await run(db, "hubspot", [
        { kind: "leads", files: [join(dir2, "c.csv")] },
      ]).catch((e) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toMatch(
        /missing required column for lead_id: expected one of "Record ID", "Contact ID"/,
      );
      expect(error.location).toMatchObject({ file: join(dir2, "c.csv"), line: 1 });
      expect(await db.all("SELECT count(*) AS n FROM load_log")).toEqual([{ n: 0 }]);
    });
  });
});

describe("loadExports (Salesforce shapes)", () => {
  const leads = `Id,CreatedDate,Status,LeadSource,Title,Industry,NumberOfEmployees,Country,IsConverted,ConvertedDate,ConvertedOpportunityId
00Q5e00000AAAAAEA1,2025-02-01T10:00:00.000Z,Closed - Converted,Web,VP Sales,Software,500,US,true,2025-02-20,0065e00000XYZabAAA
00Q5e00000BBBBBEA1,2025-02-02T10:00:00.000Z,Closed - Not Converted,Web,Analyst,Retail,10,DE,false,,
`;
  const opportunities = `"Opportunity ID","Opportunity Name","Stage","Closed","Won","Amount","Close Date","Created Date"
"0065e00000XYZab","Acme","Closed Won","1","1","USD 18,500.00","3/31/2025","2/20/2025"
"0065e00000QQQqq","Renewal","Closed Won","1","1","USD 1,000.00","3/31/2025","2/20/2025"

"Grand Totals (2 records)"

"Confidential Information - Do Not Distribute"
"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
`;
  it("links converted opportunities across 18- and 15-character ids, skips report footers", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({ "leads.csv": leads, "opps.csv": opportunities });
      const result = await run(db, "salesforce", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
        { kind: "deals", files: [join(dir, "opps.csv")] },
      ]);
      expect(
        await db.all(
          "SELECT lead_id, is_sales_accepted, is_disqualified, sql_at FROM leads ORDER BY lead_id",
        ),
      ).toEqual([
        {
          lead_id: "00Q5e00000AAAAA",
          is_sales_accepted: true,
          is_disqualified: false,
          sql_at: new Date("2025-02-20T00:00:00Z"),
        },
        {
          lead_id: "00Q5e00000BBBBB",
          is_sales_accepted: false,
          is_disqualified: true,
          sql_at: null,
        },
      ]);
      expect(await db.all("SELECT deal_id, lead_id, via FROM deal_leads")).toEqual([
        { deal_id: "0065e00000XYZab", lead_id: "00Q5e00000AAAAA", via: "lead" },
      ]);
      expect(await db.all("SELECT deal_id, amount, is_won FROM deals")).toEqual([
        { deal_id: "0065e00000XYZab", amount: 18500, is_won: true },
      ]);
      const deals = result.files.find((f) => f.kind === "deals");
      expect(deals).toMatchObject({ rowsRead: 5, rowsLoaded: 1, rowsRejected: 1, rowsSkipped: 3 });
      expect(await db.all("SELECT reason FROM rejects")).toEqual([{ reason: "deal_unlinked" }]);
    });
  });
});

describe("loadExports (activities and spend, canonical shape)", () => {
  it("drops an activities file's raw records before the merge when no row can need them", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv": "lead_id,created_at\nL1,2025-01-01\nL2,2025-01-02\n",
        "acts.csv":
          "lead_id,occurred_at,type\nL1,2025-01-03 10:00,page_view\nL2,2025-01-04 10:00,webinar\n",
        "more.csv":
          "lead_id,occurred_at,type\nL2,2025-01-05 10:00,webinar\nL9,2025-01-05 11:00,webinar\n",
      });
      // what is staged when the activities are inserted
      const seen: string[][] = [];
      const run0 = db.run.bind(db);
      db.run = async (sql, params) => {
        if (/^\s*INSERT INTO activities/.test(sql)) seen.push(await stageObjects(db));
        return run0(sql, params);
      };
      // the leads of the same load count as known: nothing needs acts.csv's raw rows
      await run(db, "canonical", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
        { kind: "activities", files: [join(dir, "acts.csv")] },
      ]);
      // an unknown lead is rejected with its whole row, so more.csv's raw rows are kept
      await run(db, "canonical", [{ kind: "activities", files: [join(dir, "more.csv")] }]);
      db.run = run0;
      expect(seen[0]).not.toContain("stage_records_1");
      expect(seen[0]).toContain("stage_typed_1");
      expect(seen[1]).toContain("stage_records_0");
      expect(await db.all("SELECT lead_id, source_line FROM activities ORDER BY ALL")).toEqual([
        { lead_id: "L1", source_line: 2 },
        { lead_id: "L2", source_line: 2 },
        { lead_id: "L2", source_line: 3 },
      ]);
      expect(await db.all("SELECT line, reason, value, raw FROM rejects")).toEqual([
        {
          line: 3,
          reason: "unknown_lead",
          value: "L9",
          raw: '{"lead_id":"L9","occurred_at":"2025-01-05 11:00","type":"webinar"}',
        },
      ]);
    });
  });

  it("stores a label only when it differs from its canonical type, and status still lists it", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv": "lead_id,created_at\nL1,2025-01-01\n",
        "acts.csv":
          "lead_id,occurred_at,type\nL1,2025-01-03 10:00,page_view\nL1,2025-01-04 10:00,Page View\nL1,2025-01-05 10:00,webinar\n",
      });
      await run(db, "canonical", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
        { kind: "activities", files: [join(dir, "acts.csv")] },
      ]);
      expect(await db.all("SELECT type, type_raw FROM activities ORDER BY occurred_at")).toEqual([
        { type: "page_view", type_raw: null },
        { type: "page_view", type_raw: "Page View" },
        { type: "webinar", type_raw: null },
      ]);
      const status = await dataStatus(db);
      expect(status.activityTypes.map((a) => [a.type, a.raw_labels])).toEqual([
        ["page_view", ["Page View", "page_view"]],
        ["webinar", ["webinar"]],
      ]);
    });
  });
  it("maps activity labels to canonical types and rejects events of unknown leads", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv": "lead_id;created_at\nL1;2025-01-01\nL2;2025-01-02\n",
        "acts.tsv":
          "lead_id\toccurred_at\ttype\tdetail\nL1\t2025-01-03 10:00\tPricing page view\t/pricing\nL1\t2025-01-04 10:00\tDemo request\t\nL2\t2025-01-04 11:00\tViewed Case Study!\t\nL9\t2025-01-04 12:00\tWebinar\t\n",
      });
      await run(db, "canonical", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
        { kind: "activities", files: [join(dir, "acts.tsv")] },
      ]);
      expect(
        await db.all("SELECT lead_id, type, type_raw FROM activities ORDER BY occurred_at"),
      ).toEqual([
        { lead_id: "L1", type: "pricing_view", type_raw: "Pricing page view" },
        { lead_id: "L1", type: "demo_request", type_raw: "Demo request" },
        { lead_id: "L2", type: "viewed_case_study", type_raw: "Viewed Case Study!" },
      ]);
      expect(await db.all(`SELECT line, reason, value FROM rejects`)).toEqual([
        { line: 5, reason: "unknown_lead", value: "L9" },
      ]);
    });
  });

  it("derives monthly periods and normalises spend sources with the same mapping as leads", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "spend.csv": 'month,source,amount\n2025-01-01,PPC,"1,000.50"\n2025-02-01,Paid Social,200\n',
      });
      await run(db, "canonical", [{ kind: "spend", files: [join(dir, "spend.csv")] }], {
        values: { sources: { ppc: "Paid Search" } },
      });
      expect(
        await db.all(
          "SELECT period_start::VARCHAR AS s, period_end::VARCHAR AS e, source, source_raw, amount FROM spend ORDER BY s",
        ),
      ).toEqual([
        {
          s: "2025-01-01",
          e: "2025-01-31",
          source: "Paid Search",
          source_raw: "PPC",
          amount: 1000.5,
        },
        {
          s: "2025-02-01",
          e: "2025-02-28",
          source: "Paid Social",
          source_raw: "Paid Social",
          amount: 200,
        },
      ]);
    });
  });

  it("reads Latin-1 files when told to, and rejects their rows with a hint when not", async () => {
    await withConnection(async (db) => {
      const latin1 = Buffer.concat([
        Buffer.from("lead_id,created_at,company\nL1,2025-01-01,"),
        Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]),
        Buffer.from("\n"),
      ]);
      const dir = writeFiles({ "l.csv": latin1 });
      await run(db, "canonical", [{ kind: "leads", files: [join(dir, "l.csv")] }]);
      const rejects = await db.all<{ reason: string; message: string }>(
        "SELECT reason, message FROM rejects",
      );
      expect(rejects[0]?.reason).toBe("bad_encoding");
      expect(rejects[0]?.message).toMatch(/encoding: latin-1/);
      await run(
        db,
        "canonical",
        [{ kind: "leads", files: [join(dir, "l.csv")], encoding: "latin-1" }],
        {},
        true,
      );
      expect(await db.all("SELECT company FROM leads")).toEqual([{ company: "Müller" }]);
    });
  });

  it("keeps a 50-field export's unknown columns as typed extra columns", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "l.csv":
          'lead_id,created_at,Annual Revenue,Is Partner,Last Seen,Notes\nL1,2025-01-01,"1,000",yes,2025-02-01,hello\nL2,2025-01-02,,no,,\n',
      });
      await run(db, "canonical", [{ kind: "leads", files: [join(dir, "l.csv")] }]);
      expect(
        await db.all(
          "SELECT column_name, header, data_type FROM column_catalog WHERE role = 'extra' ORDER BY column_name",
        ),
      ).toEqual([
        { column_name: "annual_revenue", header: "Annual Revenue", data_type: "DOUBLE" },
        { column_name: "is_partner", header: "Is Partner", data_type: "BOOLEAN" },
        { column_name: "last_seen", header: "Last Seen", data_type: "TIMESTAMP" },
        { column_name: "notes", header: "Notes", data_type: "VARCHAR" },
      ]);
      expect(await db.all("SELECT annual_revenue, is_partner FROM leads ORDER BY lead_id")).toEqual(
        [
          { annual_revenue: 1000, is_partner: true },
          { annual_revenue: null, is_partner: false },
        ],
      );
    });
  });
});

describe("loadExports (more reject reasons and formats)", () => {
  it("rejects dates out of range, non-boolean flags and unclosed quotes, each with its line", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv":
          'lead_id,created_at,is_converted\nL1,1985-06-01,true\nL2,2099-01-01,false\nL3,2025-01-01,perhaps\nL4,2025-01-01,yes\nL5,"2025-01-01,no\n',
      });
      await run(db, "canonical", [{ kind: "leads", files: [join(dir, "leads.csv")] }]);
      expect(await db.all(`SELECT line, "column", reason FROM rejects ORDER BY line`)).toEqual([
        { line: 2, column: "created_at", reason: "date_out_of_range" },
        { line: 3, column: "created_at", reason: "date_out_of_range" },
        { line: 4, column: "is_converted", reason: "bad_boolean" },
        { line: 6, column: "created_at", reason: "bad_quoting" },
      ]);
      expect(await db.all("SELECT lead_id, is_sales_accepted FROM leads")).toEqual([
        { lead_id: "L4", is_sales_accepted: true },
      ]);
    });
  });

  it("loads Parquet exports like CSV ones", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({});
      const file = join(dir, "leads.parquet");
      await db.run(
        `COPY (SELECT 'P' || i AS lead_id, TIMESTAMP '2025-01-01' + INTERVAL (i) DAY AS created_at, 'Software' AS industry, i * 10 AS employees FROM range(3) t(i)) TO '${file}' (FORMAT parquet)`,
      );
      const result = await run(db, "canonical", [{ kind: "leads", files: [file] }]);
      expect(result.files[0]).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
      expect(
        await db.all("SELECT lead_id, created_at, employees FROM leads ORDER BY lead_id"),
      ).toEqual([
        { lead_id: "P0", created_at: new Date("2025-01-01T00:00:00Z"), employees: 0 },
        { lead_id: "P1", created_at: new Date("2025-01-02T00:00:00Z"), employees: 10 },
        { lead_id: "P2", created_at: new Date("2025-01-03T00:00:00Z"), employees: 20 },
      ]);
    });
  });

  it("keeps exported ids exactly, trimming surrounding spaces only", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv": "lead_id,created_at\n  A1 ,2025-01-01\na1,2025-01-02\n",
      });
      await run(db, "canonical", [{ kind: "leads", files: [join(dir, "leads.csv")] }]);
      // ids are case-sensitive (Salesforce 15-character ids differ only by case)
      expect(await db.all("SELECT lead_id FROM leads ORDER BY lead_id")).toEqual([
        { lead_id: "A1" },
        { lead_id: "a1" },
      ]);
    });
  });
});

describe("loadExports: header names in column_catalog", () => {
  it("keeps quotes, backslashes, tabs and newlines of header names exactly", async () => {
    const headers = ['x"); DROP TABLE leads; --', "back\\slash", "tab\there", "two\nlines", "it's"];
    const line = (fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");
    const dir = writeFiles({
      "leads.csv": `${line(["lead_id", "created_at", ...headers])}\n${line(["L1", "2025-01-10", "a", "b", "c", "d", "e"])}\n`,
    });
    await withConnection(async (db) => {
      await run(db, "canonical", [{ kind: "leads", files: [join(dir, "leads.csv")] }]);
      const catalog = await db.all<{ header: string }>(
        "SELECT header FROM column_catalog WHERE kind = 'leads' AND role = 'extra' ORDER BY column_name",
      );
      expect(catalog.map((c) => c.header).sort()).toEqual([...headers].sort());
    });
  });
});

describe("loadExports: a leads file whose every row is rejected", () => {
  it("still loads, and rejects its activities and deals row by row instead of failing", async () => {
    const dir = writeFiles({
      "leads.csv": "lead_id,created_at\nL1,never\n",
      "activities.csv": "lead_id,occurred_at,type\nL1,2025-01-01,webinar\n",
      "empty-activities.csv": "lead_id,occurred_at,type\n",
      "deals.csv": "deal_id,lead_ids,stage\nD1,L1,Closed Won\n",
    });
    await withConnection(async (db) => {
      const result = await run(db, "canonical", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
        { kind: "deals", files: [join(dir, "deals.csv")] },
        {
          kind: "activities",
          files: [join(dir, "activities.csv"), join(dir, "empty-activities.csv")],
        },
      ]);
      expect(result.files.map((f) => [f.kind, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
        ["leads", 1, 0, 1],
        ["deals", 1, 0, 1],
        ["activities", 1, 0, 1],
        ["activities", 0, 0, 0],
      ]);
      expect(await db.all("SELECT kind, reason FROM rejects ORDER BY kind")).toEqual([
        { kind: "activities", reason: "unknown_lead" },
        { kind: "deals", reason: "deal_unlinked" },
        { kind: "leads", reason: "bad_date" },
      ]);
    });
  });

  it("is still an error for activities when no leads file was ever loaded", async () => {
    const dir = writeFiles({ "activities.csv": "lead_id,occurred_at,type\nL1,2025-01-01,x\n" });
    await withConnection(async (db) => {
      await expect(
        run(db, "canonical", [{ kind: "activities", files: [join(dir, "activities.csv")] }]),
      ).rejects.toThrow(/activities need their leads/);
    });
  });
});

describe("loadExports: day/month order detection (canonical preset)", () => {
  // The detection only runs its regexes on values the pre-filter keeps (stage-file.ts,
  // dateOrderCandidate): one- or two-digit parts, either separator, leading white space.
  it.each([
    ["3/13/2025", "mdy", "2025-03-13T00:00:00.000Z"],
    ["13-3-2025", "dmy", "2025-03-13T00:00:00.000Z"],
    [" 13/03/2025 08:30", "dmy", "2025-03-13T08:30:00.000Z"],
    ["\t3/13/2025", "mdy", "2025-03-13T00:00:00.000Z"],
    ["2025-03-13", "mdy", "2025-03-13T00:00:00.000Z"],
  ])("reads %j as %s", async (value, order, expected) => {
    await withConnection(async (db) => {
      const dir = writeFiles({ "leads.csv": `lead_id,created_at\nL1,"${value}"\n` });
      const result = await run(db, "canonical", [
        { kind: "leads", files: [join(dir, "leads.csv")] },
      ]);
      expect(result.files[0]?.dateOrder).toBe(order);
      const rows = await db.all<{ created_at: Date }>("SELECT created_at FROM leads");
      expect(rows.map((r) => r.created_at.toISOString())).toEqual([expected]);
    });
  });

  it("sees month-first proof in a one-digit month next to day-first proof", async () => {
    await withConnection(async (db) => {
      const dir = writeFiles({
        "leads.csv": "lead_id,created_at\nL1,13/03/2025\nL2,3/13/2025\n",
      });
      await expect(
        run(db, "canonical", [{ kind: "leads", files: [join(dir, "leads.csv")] }]),
      ).rejects.toThrow(
        /mixes day-first dates \("13\/03\/2025" on line 2\) and month-first dates \("3\/13\/2025" on line 3\)/,
      );
    });
  });
});
