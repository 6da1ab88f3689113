import { copyFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { runCli, startCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";

/**
 * Kill `handoff load` at seeded random moments. A load is one transaction, so after each kill
 * the database must be exactly as before the load or exactly as after a complete one, and the
 * next normal load must succeed and complete it.
 */

/** mulberry32: a small seeded PRNG, so the kill times are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TABLES: Record<string, string> = {
  leads: "leads",
  deals: "deals",
  deal_leads: "deal_leads",
  deal_contacts: "deal_contacts",
  activities: "activities",
  rejects: "(SELECT * EXCLUDE (load_id) FROM rejects)",
  load_log: "(SELECT * EXCLUDE (load_id, loaded_at) FROM load_log)",
  column_catalog: "column_catalog",
};

/** Row count and an order-independent hash of every canonical table (and its columns). */
async function snapshot(path: string): Promise<Record<string, string>> {
  const db = await Db.open(path);
  try {
    const out: Record<string, string> = {};
    for (const [name, from] of Object.entries(TABLES)) {
      const row = (
        await db.all<{ n: number; h: string | null }>(
          `SELECT count(*)::INTEGER AS n, sum(hash(t))::VARCHAR AS h FROM ${from} t`,
        )
      )[0];
      out[name] = `${row?.n}:${row?.h}`;
    }
    out.leadColumns = (await db.tableColumns("leads")).map((c) => `${c.name} ${c.type}`).join();
    return out;
  } finally {
    db.close();
  }
}

function copyDb(from: string, to: string): void {
  rmSync(`${to}.wal`, { force: true });
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
}

/**
 * Load `args(db)` into a copy of `pristine` (the state before, snapshot `before`) to time a
 * complete load and take its snapshot (`after`), then into four more copies, killing the
 * process at seeded random moments from start-up to just past the end of a complete load.
 * Each killed database must be `before` or `after` exactly, and the next load must complete it.
 * Returns the outcomes ("<delay> ms: before") and the snapshot after.
 */
async function killRounds(options: {
  dir: string;
  args: (db: string) => string[];
  pristine: string;
  before: Record<string, string>;
  seed: number;
}): Promise<{ outcomes: string[]; after: Record<string, string> }> {
  const { dir, args, pristine, before } = options;
  const complete = join(dir, "complete.duckdb");
  copyDb(pristine, complete);
  const started = Date.now();
  expect(runCli(args(complete), { cwd: dir }).code).toBe(0);
  const fullMs = Date.now() - started;
  const after = await snapshot(complete);
  const random = seeded(options.seed);
  const outcomes: string[] = [];
  for (let round = 0; round < 4; round++) {
    const db = join(dir, `killed-${round}.duckdb`);
    copyDb(pristine, db);
    const delay = Math.round(300 + random() * fullMs);
    const child = startCli(args(db), { cwd: dir });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise((r) => setTimeout(r, delay));
    child.kill("SIGKILL");
    await exited;
    const state = await snapshot(db);
    const which = JSON.stringify(state) === JSON.stringify(before) ? "before" : "complete";
    expect(state, `killed after ${delay} ms`).toEqual(which === "before" ? before : after);
    outcomes.push(`${delay} ms: ${which}`);
    const next = runCli(args(db), { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(await snapshot(db)).toEqual(after);
  }
  return { outcomes, after };
}

describe("handoff load killed at random points", () => {
  it("leaves the database as before or complete, and the next load succeeds", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "small.csv"),
      "lead_id,created_at,title\nS1,2025-01-01,CEO\nS2,2025-01-02,CFO\n",
    );
    let big = "lead_id,created_at,title,source,employees,Region\n";
    for (let i = 0; i < 60_000; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      big += `B${i},${i % 997 === 0 ? "not a date" : `2025-01-${day} 10:00`},VP Sales,Paid Search,${i % 5000},R${i % 7}\n`;
    }
    writeFileSync(join(dir, "big.csv"), big);
    let activities = "lead_id,occurred_at,type\n";
    for (let i = 0; i < 40_000; i++) activities += `B${i % 62_000},2025-02-01,pricing_view\n`;
    writeFileSync(join(dir, "activities.csv"), activities);
    const args = (db: string) => [
      "--db",
      db,
      "--quiet",
      "load",
      "--leads",
      "small.csv",
      "big.csv",
      "--activities",
      "activities.csv",
    ];

    // the state before: only small.csv loaded
    const pristine = join(dir, "pristine.duckdb");
    expect(runCli(["--db", pristine, "load", "--leads", "small.csv"], { cwd: dir }).code).toBe(0);
    const before = await snapshot(pristine);
    const { outcomes, after } = await killRounds({ dir, args, pristine, before, seed: 20261123 });
    expect(after).not.toEqual(before);
    // the seeded delays must hit the load itself at least once, not only the start-up
    expect(outcomes.some((o) => o.endsWith("before"))).toBe(true);
  }, 240_000);

  it("leaves a reload as before or complete: a changed export replaces its rows by rebuilding the table", async () => {
    const dir = tempDir();
    const leadsFile = (title: string) => {
      let text = "lead_id,created_at,title,source,Region\n";
      for (let i = 0; i < 60_000; i++)
        text += `B${i},2025-01-${String((i % 28) + 1).padStart(2, "0")} 10:00,${title},Paid Search,R${i % 7}\n`;
      return text;
    };
    const activitiesFile = (day: string) => {
      let text = "lead_id,occurred_at,type\n";
      for (let i = 0; i < 40_000; i++) text += `B${i % 60_000},2025-02-${day},pricing_view\n`;
      return text;
    };
    const args = (db: string) => [
      "--db",
      db,
      "--quiet",
      "load",
      "--leads",
      "leads.csv",
      "--activities",
      "activities.csv",
    ];
    // before: the first exports loaded; after: the re-exports (other titles, other days)
    // replace every lead and every activity (removeRows rebuilds leads and activities). No
    // --force: a load after a complete one finds both files unchanged and does nothing.
    writeFileSync(join(dir, "leads.csv"), leadsFile("VP Sales"));
    writeFileSync(join(dir, "activities.csv"), activitiesFile("01"));
    const pristine = join(dir, "pristine.duckdb");
    expect(runCli(args(pristine), { cwd: dir }).code).toBe(0);
    const before = await snapshot(pristine);
    writeFileSync(join(dir, "leads.csv"), leadsFile("CFO"));
    writeFileSync(join(dir, "activities.csv"), activitiesFile("02"));
    const { outcomes, after } = await killRounds({ dir, args, pristine, before, seed: 20261124 });
    expect(after.leads).not.toEqual(before.leads);
    expect(after.activities).not.toEqual(before.activities);
    expect(outcomes.some((o) => o.endsWith("before"))).toBe(true);
  }, 240_000);
});
