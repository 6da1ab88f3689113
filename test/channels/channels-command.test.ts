import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../src/commands/channels.js";
import { Db } from "../../src/db/index.js";
import { captureOutput } from "../funnel/capture-output.js";
import { loadChannels } from "./fixture.js";

let dir: string;
let dbFile: string;
let configFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "handoff-channels-"));
  dbFile = join(dir, "handoff.duckdb");
  configFile = join(dir, "handoff.yaml");
  writeFileSync(configFile, 'windows:\n  as_of: "2025-06-30"\n  maturity_days: 30\n');
  const db = await Db.open(dbFile);
  await loadChannels(db);
  await db.run(
    "UPDATE spend SET source = '@display', source_raw = '@display' WHERE source = 'display'",
  );
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("channels(options, out)", () => {
  it("warns about look-alike channel names", async () => {
    const out = captureOutput();
    await channels({ db: dbFile, config: configFile, json: true }, out);
    expect(out.warnings).toEqual([
      'channel names "Paid Search" and "paid_search" differ only in case or punctuation and are kept apart: map them to one name in values.sources (handoff.yaml) and load again',
    ]);
  });

  it("prints the channel totals and lists unpaid sources and unused spend", async () => {
    const out = captureOutput();
    await channels({ db: dbFile, config: configFile, json: false }, out);
    const text = out.results.join("\n");
    // ppc total: spend 4 000, 4 leads, 4 MQL, 4 SQL, 3 won deals, 1 000 per lead/MQL/SQL,
    // 1 333 per won deal, CAC 2 000, revenue per unit of spend 8.75.
    expect(text).toMatch(/^ppc +4,000 +4 +4 +4 +3 +1,000 +1,000 +1,000 +1,333 +2,000 +8\.75 /m);
    expect(text).toContain(
      "Channels with spend but no leads:\n- @display: spend 800\n- Paid Search: spend 200",
    );
    expect(text).toContain("Lead sources with no spend:\n- paid_search: 1 lead\n- seo: 3 leads");
  });

  it("lists source names the mapping does not mention, in the report rather than as warnings", async () => {
    const mapped = join(dir, "mapped.yaml");
    writeFileSync(
      mapped,
      'windows:\n  as_of: "2025-06-30"\n  maturity_days: 30\nvalues:\n  sources:\n    PPC: ppc\n    Google Ads: ppc\n',
    );
    const out = captureOutput();
    await channels({ db: dbFile, config: mapped, json: false }, out);
    expect(out.results.join("\n")).toContain(
      'Source names kept as exported (values.sources does not mention them):\n- "@display" (spend, 1 row)\n- "Paid Search" (spend, 1 row)\n- "events" (leads, spend, 2 rows)',
    );
    expect(out.warnings).toHaveLength(1); // the look-alike warning only
  });

  it("writes a CSV in which a channel name starting with @ is neutralised", async () => {
    const csvFile = join(dir, "channels.csv");
    await channels({ db: dbFile, config: configFile, json: true, csv: csvFile }, captureOutput());
    const lines = readFileSync(csvFile, "utf8").split("\r\n");
    expect(
      lines.some((line) =>
        line.startsWith("'@display,false,2025-01-01,2025-01-31,spend_without_leads,true,800,"),
      ),
    ).toBe(true);
    expect(lines.some((line) => line.startsWith("@display"))).toBe(false);
  });

  it("fails with a user error when no spend is loaded", async () => {
    const empty = join(dir, "nospend.duckdb");
    const db = await Db.open(empty);
    await db.exec("load/schema");
    db.close();
    await expect(
      channels({ db: empty, config: configFile, json: true }, captureOutput()),
    ).rejects.toThrow(/no spend is loaded/);
  });
});
