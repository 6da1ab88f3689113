import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { resolveSources } from "../../src/load/resolve-sources.js";
import { writeFiles } from "../helpers/db.js";

describe("resolveSources(config, baseDir, fromCli)", () => {
  it("takes an existing file whose name has glob characters as that file", () => {
    const dir = writeFiles({ "leads [2025].csv": "lead_id\n", "leads 2.csv": "lead_id\n" });
    const config = configSchema.parse({ sources: { leads: { path: "leads [2025].csv" } } });
    expect(resolveSources(config, dir, {})).toEqual([
      { kind: "leads", files: [join(dir, "leads [2025].csv")] },
    ]);
  });

  it("still expands a glob", () => {
    const dir = writeFiles({ "a-1.csv": "lead_id\n", "a-2.csv": "lead_id\n" });
    const config = configSchema.parse({ sources: { leads: { path: "a-*.csv" } } });
    expect(resolveSources(config, dir, {})[0]?.files).toEqual([
      join(dir, "a-1.csv"),
      join(dir, "a-2.csv"),
    ]);
  });
});
