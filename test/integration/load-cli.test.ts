import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { Db } from "../../src/db/index.js";
import { runCli, startCli } from "../helpers/cli.js";
import { tempDir, writeFiles } from "../helpers/db.js";

describe("handoff init", () => {
  it.each(["hubspot", "salesforce", "canonical"])(
    "writes a valid, commented config for %s",
    (preset) => {
      const dir = tempDir();
      const result = runCli(["init", "--preset", preset], { cwd: dir });
      expect(result.code).toBe(0);
      const text = readFileSync(join(dir, "handoff.yaml"), "utf8");
      expect(text).toMatch(/^# handoff.yaml/);
      expect(parseConfigText(text, "handoff.yaml").preset).toBe(preset);
      expect(runCli(["init", "--preset", preset], { cwd: dir })).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/already exists/),
      });
    },
  );

  it("names the key and the fix for a bad config", () => {
    const dir = writeFiles({
      "handoff.yaml":
        "preset: hubspot\nsources:\n  leads:\n    pth: contacts.csv\nwindows:\n  scoring_days: -3\n",
    });
    const result = runCli(["load"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/handoff.yaml: sources.leads: unknown key "pth"/);
    expect(result.stderr).toMatch(
      /handoff.yaml: sources.leads.path: is missing: a file path or glob/,
    );
    expect(result.stderr).toMatch(/handoff.yaml: windows.scoring_days/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for a user error
  });
});

describe("handoff load / status", () => {
  const contacts =
    "Record ID,Create Date,Job Title,Original Source\n1,2025-01-01 10:00,CEO,Paid Search\n2,bad,CFO,Paid Search\n";
  const deals =
    "Record ID,Deal Stage,Amount,Close Date,Associated Contact IDs\n10,Closed Won,100,2025-02-01,1\n";

  it("loads from the command line without a config, then is a no-op, and status reports it", () => {
    const dir = writeFiles({ "contacts.csv": contacts, "deals.csv": deals });
    const first = runCli(
      ["load", "--preset", "hubspot", "--leads", "contacts.csv", "--deals", "deals.csv"],
      { cwd: dir },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/leads\s+contacts\.csv\s+loaded\s+2\s+1\s+1\s+0/);
    expect(first.stdout).toMatch(/contacts\.csv:3 \(column "Create Date"\): bad_date/);
    expect(first.stderr).toMatch(/loading into handoff.duckdb/);
    const again = runCli(
      ["--json", "load", "--preset", "hubspot", "--leads", "contacts.csv", "--deals", "deals.csv"],
      { cwd: dir },
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files.map((f: { action: string }) => f.action)).toEqual([
      "unchanged",
      "unchanged",
    ]);
    const status = runCli(["--json", "status"], { cwd: dir });
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s.tables.find((t: { table_name: string }) => t.table_name === "leads").rows).toBe(1);
    expect(s.links.leads_with_won_deal).toBe(1);
    expect(s.rejects).toEqual([
      expect.objectContaining({ kind: "leads", reason: "bad_date", rows: 1, example_line: 3 }),
    ]);
    expect(
      runCli(["load", "--preset", "hubspot", "--leads", "contacts.csv", "--strict", "--force"], {
        cwd: dir,
      }).code,
    ).toBe(1);
  });

  it("exits 1 with file, line and expectation for a file that is not a CSV", () => {
    const dir = writeFiles({
      "contacts.csv": "<!DOCTYPE html><html><body>Session expired</body></html>",
    });
    const result = runCli(["load", "--preset", "hubspot", "--leads", "contacts.csv"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/contacts\.csv: this is an HTML or XML page, not a CSV file/);
    expect(existsSync(join(dir, "handoff.duckdb"))).toBe(false);
  });

  it("exits 1, not 2, for an unknown --timezone", () => {
    const dir = writeFiles({ "leads.csv": "lead_id,created_at\nL1,2025-01-10 10:00\n" });
    const result = runCli(["load", "--timezone", "Mars/Olympus", "--leads", "leads.csv"], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--timezone: unknown time zone "Mars/Olympus"');
  });

  it("exits 1 for a missing file and 1 for nothing to load", () => {
    const dir = tempDir();
    expect(runCli(["load", "--leads", "nope.csv"], { cwd: dir })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--leads: file nope.csv not found/),
    });
    expect(runCli(["load"], { cwd: dir })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/nothing to load/),
    });
  });

  it("leaves the database as before, or complete, when the process is killed during a load", async () => {
    const dir = tempDir();
    const db = join(dir, "h.duckdb");
    writeFileSync(join(dir, "small.csv"), "lead_id,created_at\nS1,2025-01-01\n");
    expect(runCli(["--db", db, "load", "--leads", "small.csv"], { cwd: dir }).code).toBe(0);
    let big = "lead_id,created_at,title,source,employees\n";
    for (let i = 0; i < 400_000; i++)
      big += `B${i},2025-01-${String((i % 28) + 1).padStart(2, "0")} 10:00,VP Sales,Paid Search,${i % 5000}\n`;
    writeFileSync(join(dir, "big.csv"), big);
    for (const delay of [400, 900, 1500]) {
      const child = startCli(["--db", db, "load", "--leads", "big.csv", "--force"], { cwd: dir });
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const check = await Db.open(db);
      const rows = await check.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM leads");
      const logs = await check.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM load_log WHERE file LIKE '%big.csv'",
      );
      check.close();
      const n = rows[0]?.n;
      // either nothing of big.csv landed, or all of it did, with its load_log row
      expect([1, 400_001]).toContain(n);
      expect(logs[0]?.n).toBe(n === 1 ? 0 : 1);
    }
  }, 120_000);
});
