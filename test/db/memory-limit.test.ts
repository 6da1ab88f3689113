import { afterEach, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { isUserError } from "../../src/errors.js";

describe("Db.open(path) with HANDOFF_MEMORY_LIMIT", () => {
  const saved = process.env.HANDOFF_MEMORY_LIMIT;
  afterEach(() => {
    if (saved === undefined) delete process.env.HANDOFF_MEMORY_LIMIT;
    else process.env.HANDOFF_MEMORY_LIMIT = saved;
  });

  it("sets DuckDB's memory_limit", async () => {
    process.env.HANDOFF_MEMORY_LIMIT = "700MB";
    const db = await Db.open(":memory:");
    const [row] = await db.all<{ v: string }>("SELECT current_setting('memory_limit') AS v");
    db.close();
    expect(row?.v).toMatch(/^(667\.5 MiB|700\.0 MB)$/);
  });

  it("rejects a value DuckDB does not accept, naming it", async () => {
    process.env.HANDOFF_MEMORY_LIMIT = "lots";
    const error = await Db.open(":memory:").catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain('HANDOFF_MEMORY_LIMIT="lots"');
  });
});
