import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MEMORY_LIMIT_BYTES, memoryLimitSetting } from "../../src/db/connection.js";
import { Db } from "../../src/db/index.js";
import { isUserError } from "../../src/errors.js";

const GiB = 1024 ** 3;

async function settings(db: Db): Promise<{ memory: string; temp: string }> {
  const [row] = await db.all<{ memory: string; temp: string }>(
    "SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS temp",
  );
  return row as { memory: string; temp: string };
}

describe("Db.open(path) with HANDOFF_MEMORY_LIMIT", () => {
  const saved = {
    limit: process.env.HANDOFF_MEMORY_LIMIT,
    temp: process.env.HANDOFF_TEMP_DIRECTORY,
  };
  afterEach(() => {
    if (saved.limit === undefined) delete process.env.HANDOFF_MEMORY_LIMIT;
    else process.env.HANDOFF_MEMORY_LIMIT = saved.limit;
    if (saved.temp === undefined) delete process.env.HANDOFF_TEMP_DIRECTORY;
    else process.env.HANDOFF_TEMP_DIRECTORY = saved.temp;
  });

  it("sets DuckDB's memory_limit", async () => {
    process.env.HANDOFF_MEMORY_LIMIT = "700MB";
    const db = await Db.open(":memory:");
    const { memory } = await settings(db);
    db.close();
    expect(memory).toMatch(/^(667\.5 MiB|700\.0 MB)$/);
  });

  it("applies the 640 MiB default when the variable is not set", async () => {
    delete process.env.HANDOFF_MEMORY_LIMIT;
    const db = await Db.open(":memory:");
    const { memory } = await settings(db);
    db.close();
    // this holds on any machine with 1.25 GiB of RAM or more
    expect(memory).toBe("640.0 MiB");
  });

  it('leaves DuckDB its own default (80% of RAM) with "duckdb"', async () => {
    process.env.HANDOFF_MEMORY_LIMIT = "duckdb";
    const db = await Db.open(":memory:");
    const { memory } = await settings(db);
    db.close();
    expect(memory).not.toBe("1.0 GiB");
  });

  it("rejects a value DuckDB does not accept, naming it", async () => {
    process.env.HANDOFF_MEMORY_LIMIT = "lots";
    const error = await Db.open(":memory:").catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain('HANDOFF_MEMORY_LIMIT="lots"');
  });

  it("spills next to the database file, or to HANDOFF_TEMP_DIRECTORY", async () => {
    const dir = mkdtempSync(join(tmpdir(), "handoff-db-"));
    try {
      const file = join(dir, "handoff.duckdb");
      delete process.env.HANDOFF_TEMP_DIRECTORY;
      let db = await Db.open(file);
      expect((await settings(db)).temp).toBe(`${file}.tmp`);
      db.close();
      process.env.HANDOFF_TEMP_DIRECTORY = join(dir, "spill");
      db = await Db.open(file);
      expect((await settings(db)).temp).toBe(join(dir, "spill"));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("memoryLimitSetting(env, machineBytes)", () => {
  it("is 640 MiB, or half the machine's RAM when that is less", () => {
    expect(DEFAULT_MEMORY_LIMIT_BYTES).toBe(640 * 1024 ** 2);
    expect(memoryLimitSetting({}, 24 * GiB)).toBe("640MiB");
    expect(memoryLimitSetting({}, 1 * GiB)).toBe("512MiB");
    expect(memoryLimitSetting({ HANDOFF_MEMORY_LIMIT: "  " }, 24 * GiB)).toBe("640MiB");
  });

  it("passes a set value through, and gives null for DuckDB's own default", () => {
    expect(memoryLimitSetting({ HANDOFF_MEMORY_LIMIT: "2GB" }, 24 * GiB)).toBe("2GB");
    expect(memoryLimitSetting({ HANDOFF_MEMORY_LIMIT: "DuckDB" }, 24 * GiB)).toBeNull();
  });
});
