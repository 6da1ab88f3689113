import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { funnel } from "../../src/commands/funnel.js";
import { Db } from "../../src/db/index.js";
import { UserError } from "../../src/errors.js";
import { captureOutput } from "./capture-output.js";
import { insertRows, loadBase } from "./fixture.js";

let dir: string;
let dbFile: string;
let configFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "handoff-funnel-"));
  dbFile = join(dir, "handoff.duckdb");
  configFile = join(dir, "handoff.yaml");
  writeFileSync(
    configFile,
    [
      "windows:",
      '  as_of: "2025-06-30"',
      "  maturity_days: 30",
      "funnel:",
      "  cohort: quarter",
      "targets:",
      "  new_arr: 180000",
      "icp:",
      "  countries: [US, UK]",
      "",
    ].join("\n"),
  );
  const db = await Db.open(dbFile);
  await loadBase(db);
  // A lead whose campaign is a spreadsheet formula.
  await insertRows(db, "leads", [
    {
      lead_id: "L13",
      created_at: "2025-01-07",
      source: "ppc",
      campaign: '=HYPERLINK("http://evil","x")',
      source_file: "leads.csv",
      source_line: 13,
    },
  ]);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("funnel(options, out)", () => {
  it("takes the cohort grain from the config, and --cohort overrides it", async () => {
    const fromConfig = await funnel(
      { db: dbFile, config: configFile, json: true },
      captureOutput(),
    );
    expect(fromConfig.settings.grain).toBe("quarter");
    const fromFlag = await funnel(
      { db: dbFile, config: configFile, json: true, cohort: "month" },
      captureOutput(),
    );
    expect(fromFlag.settings.grain).toBe("month");
  });

  it("prints JSON with the cohorts, SLA, failure modes and back-solve", async () => {
    const out = captureOutput();
    await funnel({ db: dbFile, config: configFile, json: true }, out);
    const json = out.jsons[0] as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "settings",
      "windows",
      "shape",
      "observability",
      "cohorts",
      "sla",
      "failureModes",
      "backsolve",
    ]);
    expect(out.results).toEqual([]);
  });

  it("back-solves from the config target and the data's rates", async () => {
    // Mature MQLs: L1 L2 L3 L6 L7 L8 = 6 (L13 is no MQL); SQL 5; won 3 ⇒ win rate 3/5, MQL→SQL 5/6;
    // deal size 15 000. 180 000 / 15 000 = 12 deals; / 0.6 = 20 SQLs; / (5/6) = 24 MQLs = 2 a month.
    const report = await funnel({ db: dbFile, config: configFile, json: true }, captureOutput());
    expect(report.backsolve.dealsNeeded).toBe(12);
    expect(report.backsolve.sqlsNeeded).toBeCloseTo(20, 10);
    expect(report.backsolve.mqlsNeededPerMonth).toBeCloseTo(2, 10);
  });

  it("lets flags override the config's targets", async () => {
    // 180 000 / 10 000 = 18 deals.
    const report = await funnel(
      { db: dbFile, config: configFile, json: true, avgDealSize: 10_000 },
      captureOutput(),
    );
    expect(report.backsolve.dealsNeeded).toBe(18);
  });

  it("writes a CSV in which a formula in a value is neutralised", async () => {
    const csvFile = join(dir, "funnel.csv");
    await funnel(
      { db: dbFile, config: configFile, json: false, by: "campaign", csv: csvFile },
      captureOutput(),
    );
    const csv = readFileSync(csvFile, "utf8");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).not.toMatch(/^"?=HYPERLINK/m);
    expect(csv.split("\r\n")[0]).toMatch(/^segment,cohort,cohort_start,mature,leads,mqls,/);
  });

  it("rejects --by with a column the leads table does not have, listing the ones it has", async () => {
    const run = funnel(
      { db: dbFile, config: configFile, json: true, by: "sourse" },
      captureOutput(),
    );
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(
      /"sourse" is not a column of the leads table; choose one of: lead_id, created_at, source/,
    );
  });

  it("says to load first when the database file does not exist", async () => {
    await expect(
      funnel({ db: join(dir, "none.duckdb"), config: configFile, json: true }, captureOutput()),
    ).rejects.toThrow(/not found: load your exports first/);
  });

  it("prints readable tables by default", async () => {
    const out = captureOutput();
    await funnel({ db: dbFile, config: configFile, json: false, cohort: "month" }, out);
    const text = out.results.join("\n");
    // January: L1..L5 + L13 = 6 leads, 3 MQLs; Lead→MQL 3/6 = 50.0% with Wilson (18.8–81.2).
    expect(text).toMatch(/^2025-01 +6 +3 +3 +2 +1 +50\.0% \(18\.8–81\.2\)/m);
    expect(text).toMatch(/^2025-06 .*immature until 2025-07-31$/m);
  });
});
