import { copyFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PRESETS } from "../../src/config/presets.js";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { quoteIdent } from "../../src/db/quote.js";
import { isUserError, type UserError } from "../../src/errors.js";
import { type LoadSource, loadExports } from "../../src/load/load-exports.js";
import { BAD_CASES, type BadCase, casePath } from "../fixtures/bad/cases.js";
import { runCli } from "../helpers/cli.js";
import { tempDir, withConnection } from "../helpers/db.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/bad/", import.meta.url));
const BASE_LEADS = join(FIXTURES, "base-leads.csv");
const generated = tempDir("handoff-bad-");
afterAll(() => {
  // the generated files are big: do not leave them in /tmp
  for (const c of BAD_CASES) if (c.generate) writeFileSync(join(generated, c.file), "");
});

const TABLES = ["leads", "deals", "deal_leads", "deal_contacts", "activities", "spend", "rejects"];

async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...TABLES, "load_log", "column_catalog"])
    out[table] = await db.all(`SELECT * FROM ${table} ORDER BY ALL`);
  out.leadColumns = await db.tableColumns("leads");
  return out;
}

function sourceOf(c: BadCase, file: string): LoadSource {
  return { kind: c.kind, files: [file], ...(c.source ?? {}) };
}

async function loadCase(db: Db, c: BadCase, file: string) {
  return loadExports(db, {
    preset: PRESETS[c.preset],
    config: configSchema.parse({ preset: c.preset }),
    sources: [sourceOf(c, file)],
  });
}

/** The rows of `file` in its canonical table, ordered by line, reduced to the expected keys. */
async function rowsOf(db: Db, c: BadCase, file: string, keys: string[][]) {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT * FROM ${quoteIdent(c.kind)} WHERE source_file = $file ORDER BY source_line`,
    { file },
  );
  return rows.map((row, i) =>
    Object.fromEntries(
      (keys[i] ?? keys[0] ?? []).map((k) =>
        k.endsWith("_length")
          ? [k, String(row[k.slice(0, -"_length".length)]).length]
          : [k, row[k] === undefined ? "(no such column)" : row[k]],
      ),
    ),
  );
}

describe("loadExports(db, options) on the bad-export corpus (test/fixtures/bad)", () => {
  it("has at least 30 cases with distinct names", () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
  });

  it.each(BAD_CASES.map((c) => [c.name, c] as const))("%s", { timeout: 120_000 }, async (_, c) => {
    const file = casePath(c, FIXTURES, generated);
    await withConnection(async (db) => {
      await loadExports(db, {
        preset: PRESETS.canonical,
        config: configSchema.parse({}),
        sources: [{ kind: "leads", files: [BASE_LEADS] }],
      });
      const before = await snapshot(db);
      const outcome = await loadCase(db, c, file).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );

      if ("error" in c.expect) {
        expect("error" in outcome ? outcome.error : outcome.result).toSatisfy(isUserError);
        const error = (outcome as { error: UserError }).error;
        expect(error.message).toContain(c.expect.error.message);
        expect(error.location?.file).toBe(file);
        expect(error.location?.line).toBe(c.expect.error.line);
        expect(error.location?.column).toBe(c.expect.error.column);
        // nothing written, not even a load_log row or an extra column
        expect(await snapshot(db)).toEqual(before);
        return;
      }

      if ("error" in outcome) throw outcome.error;
      const expected = c.expect;
      const [result] = outcome.result.files;
      expect(result).toMatchObject({
        rowsRead: expected.read,
        rowsLoaded: expected.loaded,
        rowsRejected: expected.rejected,
        rowsSkipped: expected.skipped,
      });
      // no row lost: every record is loaded, rejected or skipped
      expect(expected.loaded + expected.rejected + expected.skipped).toBe(expected.read);

      const rejects = await db.all<{
        line: number | null;
        column: string | null;
        reason: string;
        value: string | null;
        message: string;
        raw: string | null;
      }>(
        `SELECT line, "column", reason, value, message, raw FROM rejects WHERE file = $file ORDER BY line, reason`,
        { file },
      );
      expect(
        rejects.map(({ line, column, reason }) => ({ line, column, reason })),
        "rejects (line, column, reason)",
      ).toEqual(expected.rejects.map(({ line, column, reason }) => ({ line, column, reason })));
      expected.rejects.forEach((e, i) => {
        const got = rejects[i];
        if (e.value !== undefined) expect(got?.value).toBe(e.value);
        if (e.message !== undefined) expect(got?.message).toContain(e.message);
        // every rejected row keeps its raw text
        expect(got?.raw?.length ?? 0).toBeGreaterThan(0);
      });

      const keys = expected.rows.map((r) => Object.keys(r));
      expect(await rowsOf(db, c, file, keys)).toEqual(expected.rows);

      const log = await db.all<Record<string, number>>(
        "SELECT rows_read, rows_loaded, rows_rejected, rows_skipped FROM load_log WHERE file = $file",
        { file },
      );
      expect(log).toEqual([
        {
          rows_read: expected.read,
          rows_loaded: expected.loaded,
          rows_rejected: expected.rejected,
          rows_skipped: expected.skipped,
        },
      ]);
      for (const table of ["leads", "deals"])
        expect(await db.hasTable(table), `${table} still exists`).toBe(true);
    });
  });
});

describe("handoff load on the bad-export corpus", () => {
  // The CLI never exits 2 (a bug) on user data and prints one located line for an error.
  const cases = BAD_CASES.filter((c) => !c.generate);
  it.each(cases.map((c) => [c.name, c] as const))("%s", { timeout: 60_000 }, (_, c) => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, c.file), join(dir, c.file));
    copyFileSync(BASE_LEADS, join(dir, "base-leads.csv"));
    const sources: Record<string, unknown> = { [c.kind]: { path: c.file, ...(c.source ?? {}) } };
    if (c.kind !== "leads") sources.leads = { path: "base-leads.csv" };
    const yaml = `preset: ${c.preset}\nsources: ${JSON.stringify(sources)}\n`;
    writeFileSync(join(dir, "handoff.yaml"), yaml);
    const result = runCli(["--json", "load"], { cwd: dir });
    expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
    if ("error" in c.expect) {
      expect(result.code).toBe(1);
      const where = `${join(dir, c.file)}${c.expect.error.line !== undefined ? `:${c.expect.error.line}` : ""}`;
      expect(result.stderr).toContain(`error: ${where}`);
      expect(result.stderr).toContain(c.expect.error.message);
      return;
    }
    expect(result.code).toBe(0);
    const files = JSON.parse(result.stdout).files as { file: string; rowsRead: number }[];
    expect(files.find((f) => basename(f.file) === c.file)).toMatchObject({
      rowsRead: c.expect.read,
      rowsLoaded: c.expect.loaded,
      rowsRejected: c.expect.rejected,
      rowsSkipped: c.expect.skipped,
    });
  });
});
