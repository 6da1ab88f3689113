import { resolve } from "node:path";
import { ACTIVITY_TYPE_ALIASES, FIELDS, type Kind, type Preset } from "../config/presets.js";
import type { Config } from "../config/schema.js";
import { Db } from "../db/index.js";
import { quoteIdent, quoteString } from "../db/quote.js";
import { UserError } from "../errors.js";
import { fileSha256 } from "./file-hash.js";
import { type Delimiter, type FileInspection, inspectFile } from "./inspect-file.js";
import { type ColumnMapping, mapColumns } from "./map-columns.js";
import { removeRows } from "./remove-rows.js";
import {
  dropStageTables,
  type StagedFile,
  type StageTables,
  stageFile,
  stageTables,
} from "./stage-file.js";

/** One export to load: a kind and its files (globs already expanded). */
export interface LoadSource {
  kind: Kind;
  files: string[];
  columns?: Record<string, string>;
  ignore?: string[];
  encoding?: "utf-8" | "latin-1" | "utf-16";
  delimiter?: Delimiter;
}

export interface LoadOptions {
  preset: Preset;
  config: Config;
  sources: LoadSource[];
  /** Reload files whose content was loaded before (to re-link deals after new leads, say). */
  force?: boolean;
  progress?: (message: string) => void;
}

export interface FileResult {
  kind: Kind;
  file: string;
  action: "loaded" | "replaced" | "unchanged";
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsSkipped: number;
  extras: { column: string; header: string; type: string }[];
  dateOrder?: string;
}

export interface LoadResult {
  loadId: number | null;
  files: FileResult[];
  rejectsByReason: { reason: string; rows: number }[];
  rejectExamples: {
    file: string;
    line: number | null;
    column: string | null;
    reason: string;
    message: string;
    value: string | null;
  }[];
}

const ORDER: Kind[] = ["leads", "deals", "activities", "spend"];

/**
 * A text list bound as JSON (`JSON.stringify(values)`). from_json reads JSON escapes; a plain
 * `::VARCHAR[]` cast does not, and turned a tab inside a value into a "t".
 */
function textList(param: string): string {
  return `from_json(${param}, '["VARCHAR"]')`;
}

/**
 * Load exports into the canonical tables, all in one transaction: either every file lands
 * (with its rejects and load_log row) or the database is left exactly as it was.
 *
 * Per file, before the transaction: inspect → map columns (errors before anything is written)
 * → hash (an unchanged file is a no-op) → stage and type into the file's own temp tables
 * (stage-file.ts; DuckDB reads committed temp tables on all cores, uncommitted ones on one).
 * Then, in the transaction, per file: its staging rejects → reject bad values and conflicting
 * duplicates → merge into the canonical table (leads and deals replace rows by id; activities
 * and spend replace the rows that came from the same file). Then deals are linked to leads,
 * and deals linked to no known lead are rejected. The temp tables are dropped at the end,
 * whatever happened.
 */
export async function loadExports(
  db: Db,
  options: LoadOptions,
  plans?: LoadPlan[],
): Promise<LoadResult> {
  const { preset, config } = options;
  const progress = options.progress ?? (() => undefined);
  plans ??= await planLoad(options);

  await db.exec("load/schema");
  const results: FileResult[] = [];
  // 1. Stage every file before the transaction begins: DuckDB scans uncommitted rows on one
  //    thread, so reading, profiling and typing a file inside the transaction used one core.
  //    Staging writes only temp tables (this connection's, never the database file), and the
  //    rejects it finds wait in a temp table too: a failure here leaves the database as it was.
  //    A file whose content was loaded before is not staged (the check is made again inside the
  //    transaction, which also sees the files of this load).
  const prepared: PreparedFile[] = [];
  try {
    for (const [n, plan] of plans.entries()) {
      const { file, mapping, inspection, source } = plan;
      const sha256 = await fileSha256(file);
      if (!options.force && (await loadedBefore(db, source.kind, sha256))) {
        prepared.push({ plan, sha256, tables: null, staged: null });
        continue;
      }
      progress(`${source.kind}: reading ${file}`);
      const entry: PreparedFile = { plan, sha256, tables: stageTables(n), staged: null };
      prepared.push(entry);
      entry.staged = await stageFile(db, {
        file,
        tables: entry.tables as StageTables,
        inspection,
        mapping,
        parse: {
          dateFormats: config.date_formats,
          decimal: config.decimal,
          salesforceIds: preset.salesforceIds,
          timezoneParam: "$tz",
          utc: config.timezone === "UTC",
        },
        dateOrder: config.date_order,
        defaultDateOrder: preset.dateOrder,
        encoding: inspection.encoding,
        timezone: config.timezone,
      });
    }
    // 2. Free the raw records the merge cannot need (before the transaction: a temp table
    //    dropped inside it is freed only at COMMIT).
    await releaseRawActivities(db, prepared);
    // 3. Merge into the canonical tables, all files in one transaction.
    const loadId = await mergeAll(db, options, prepared, results);
    return await summarise(db, results, loadId);
  } finally {
    // Best effort: the temp tables go with the connection anyway, and a failed drop must not
    // hide the error that brought us here (or fail a load that has committed).
    for (const p of prepared)
      if (p.tables) await dropStageTables(db, p.tables).catch(() => undefined);
  }
}

interface PreparedFile {
  plan: LoadPlan;
  sha256: string;
  /** null: unchanged since an earlier load, not staged */
  tables: StageTables | null;
  staged: StagedFile | null;
  /** The raw records were dropped: the file has no bad value and no unknown lead. */
  rawReleased?: boolean;
}

/**
 * An activities file's raw records (all its text, the largest staged table: 20M rows at 1M
 * leads) are read by the merge only to quote the whole row in a reject: a bad value, or an
 * event of an unknown lead. When the file has neither, they are dropped before the merge, so
 * its INSERT does not compete with them for memory. Unknown leads are counted against the
 * leads the merge will hold by then: those already loaded and the good rows of the leads files
 * merged before it (a load never removes a lead), the same answer the merge's own count gives.
 */
async function releaseRawActivities(db: Db, prepared: PreparedFile[]): Promise<void> {
  // the leads files merged before each activities file (files are merged in this order)
  const known = ["SELECT lead_id FROM leads"];
  for (const p of prepared) {
    if (!p.tables || !p.staged) continue;
    const T = p.tables;
    if (p.plan.source.kind === "leads") known.push(`SELECT lead_id FROM ${T.typed} WHERE NOT bad`);
    if (p.plan.source.kind !== "activities") continue;
    const [counts] = await db.all<{ errors: number; unknown: number }>(
      `SELECT (SELECT count(*) FROM ${T.errors})::INTEGER AS errors,
         (SELECT count(*) FROM ${T.typed} WHERE NOT bad AND lead_id NOT IN (${known.join(" UNION ALL ")}))::INTEGER AS unknown`,
    );
    if (counts?.errors === 0 && counts.unknown === 0) {
      await db.run(`DROP VIEW ${T.raw}; DROP TABLE ${T.records}`);
      p.rawReleased = true;
    }
  }
}

/** Whether a file with this content was loaded before (as the same kind). */
async function loadedBefore(db: Db, kind: Kind, sha256: string): Promise<boolean> {
  const rows = await db.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM load_log WHERE kind = $kind AND action <> 'unchanged' AND sha256 = $sha256",
    { kind, sha256 },
  );
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * The transaction of a load: per staged file, its rejects, extra columns, catalog entries, the
 * merge and its load_log row; then deals are linked to leads. Returns the load id.
 */
async function mergeAll(
  db: Db,
  options: LoadOptions,
  prepared: PreparedFile[],
  results: FileResult[],
): Promise<number> {
  const { preset, config } = options;
  const progress = options.progress ?? (() => undefined);
  return db.transaction(async () => {
    const id = (await db.all<{ id: number }>("SELECT nextval('load_id_seq')::INTEGER AS id"))[0]
      ?.id as number;
    await prepareValueMaps(db, preset, config);
    const dealFiles: string[] = [];
    for (const { plan, sha256, tables, staged, rawReleased } of prepared) {
      const { file, mapping, inspection, source } = plan;
      const previous = await db.all<{ file: string; sha256: string }>(
        "SELECT file, sha256 FROM load_log WHERE kind = $kind AND action <> 'unchanged' AND (sha256 = $sha256 OR file = $file) ORDER BY load_id DESC",
        { kind: source.kind, sha256, file },
      );
      if (!tables || !staged || (!options.force && previous.some((p) => p.sha256 === sha256))) {
        progress(`${source.kind}: ${file}: unchanged since it was loaded, skipped`);
        results.push({
          kind: source.kind,
          file,
          action: "unchanged",
          rowsRead: 0,
          rowsLoaded: 0,
          rowsRejected: 0,
          rowsSkipped: 0,
          extras: [],
        });
        continue;
      }
      const action = previous.some((p) => p.file === file) ? "replaced" : "loaded";
      await db.run("DELETE FROM rejects WHERE kind = $kind AND file = $file", {
        kind: source.kind,
        file,
      });
      await db.run(`INSERT INTO rejects SELECT $id, * EXCLUDE (load_id) FROM ${tables.rejects}`, {
        id,
      });
      await addExtraColumns(db, source.kind, staged.extras);
      for (const mapped of mapping.fields.values()) {
        await db.run(
          "INSERT OR REPLACE INTO column_catalog VALUES ($kind, $column, $header, 'canonical', $type)",
          {
            kind: source.kind,
            column: mapped.field,
            header: mapped.header,
            type: FIELDS[source.kind][mapped.field]?.type ?? "text",
          },
        );
      }
      const merged = await mergeStaged(db, {
        tables,
        rawReleased: rawReleased ?? false,
        kind: source.kind,
        file,
        mapping,
        loadId: id,
        extras: staged.extras,
      });
      if (source.kind === "deals") dealFiles.push(file);
      const rejected = (
        await db.all<{ n: number }>(
          "SELECT count(DISTINCT line)::INTEGER AS n FROM rejects WHERE load_id = $id AND file = $file AND kind = $kind",
          {
            id,
            file,
            kind: source.kind,
          },
        )
      )[0]?.n as number;
      const result: FileResult = {
        kind: source.kind,
        file,
        action,
        rowsRead: staged.rowsRead,
        rowsLoaded: merged.loaded,
        rowsRejected: rejected,
        rowsSkipped: staged.footerRows + merged.identicalDuplicates,
        extras: staged.extras,
        dateOrder: staged.dateOrder,
      };
      results.push(result);
      await db.run(
        `INSERT INTO load_log VALUES ($id, $kind, $file, $sha256, $bytes, $preset, $action, $read, $loaded, $rejected, $skipped, now()::TIMESTAMP)`,
        {
          id,
          kind: source.kind,
          file,
          sha256,
          bytes: inspection.bytes,
          preset: preset.name,
          action,
          read: result.rowsRead,
          loaded: result.rowsLoaded,
          rejected: result.rowsRejected,
          skipped: result.rowsSkipped,
        },
      );
      progress(
        `${source.kind}: ${result.rowsLoaded.toLocaleString("en-US")} rows loaded, ${result.rowsRejected.toLocaleString("en-US")} rejected, ${result.rowsSkipped} skipped`,
      );
    }
    if (
      results.some((r) => r.action !== "unchanged" && (r.kind === "leads" || r.kind === "deals"))
    ) {
      await linkDeals(db, id, dealFiles);
      // unlinked deals were rejected after their file was counted: count again
      for (const result of results.filter((r) => r.kind === "deals" && r.action !== "unchanged")) {
        const counts = (
          await db.all<{ loaded: number; rejected: number }>(
            `SELECT (SELECT count(*) FROM deals WHERE source_file = $file)::INTEGER AS loaded,
                    (SELECT count(DISTINCT line) FROM rejects WHERE load_id = $id AND kind = 'deals' AND file = $file)::INTEGER AS rejected`,
            { file: result.file, id },
          )
        )[0];
        result.rowsLoaded = counts?.loaded ?? 0;
        result.rowsRejected = counts?.rejected ?? 0;
        await db.run(
          "UPDATE load_log SET rows_loaded = $loaded, rows_rejected = $rejected WHERE load_id = $id AND kind = 'deals' AND file = $file",
          { loaded: result.rowsLoaded, rejected: result.rowsRejected, id, file: result.file },
        );
      }
    }
    return id;
  });
}

/** Rejects by reason and a few examples of each, for the load's summary. */
async function summarise(db: Db, results: FileResult[], loadId: number): Promise<LoadResult> {
  const changed = results.some((r) => r.action !== "unchanged");
  const rejectsByReason = changed
    ? await db.all<{ reason: string; rows: number }>(
        "SELECT reason, count(*)::INTEGER AS rows FROM rejects WHERE load_id = $id GROUP BY reason ORDER BY rows DESC, reason",
        { id: loadId },
      )
    : [];
  const rejectExamples = changed
    ? await db.all<LoadResult["rejectExamples"][number]>(
        `SELECT file, line, "column", reason, message, value FROM rejects WHERE load_id = $id
         QUALIFY row_number() OVER (PARTITION BY reason ORDER BY file, line) <= 3 ORDER BY reason, file, line`,
        { id: loadId },
      )
    : [];
  return { loadId: changed ? loadId : null, files: results, rejectsByReason, rejectExamples };
}

export interface LoadPlan {
  source: LoadSource;
  file: string;
  mapping: ColumnMapping;
  inspection: FileInspection;
}

/**
 * Everything that can be checked without writing: every file exists and is a CSV or Parquet
 * file, and its columns map onto the canonical fields. Call it before opening the database,
 * so a bad file leaves no database file behind.
 */
export async function planLoad(
  options: Pick<LoadOptions, "preset" | "sources">,
): Promise<LoadPlan[]> {
  const sources = [...options.sources].sort(
    (a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind),
  );
  const plans: LoadPlan[] = [];
  for (const source of sources) {
    for (const path of source.files) {
      const file = resolve(path);
      const inspection = inspectFile(file, {
        ...(source.delimiter ? { delimiter: source.delimiter } : {}),
        ...(source.encoding ? { encoding: source.encoding } : {}),
      });
      const headers = inspection.format === "csv" ? inspection.headers : await parquetColumns(file);
      const mapping = mapColumns(source.kind, headers, options.preset, {
        file,
        ...(source.columns ? { overrides: source.columns } : {}),
        ...(source.ignore ? { ignore: source.ignore } : {}),
      });
      plans.push({ source, file, mapping, inspection });
    }
  }
  return plans;
}

async function parquetColumns(file: string): Promise<string[]> {
  const db = await Db.open(":memory:");
  try {
    const rows = await db.all<{ column_name: string }>(
      "DESCRIBE SELECT * FROM read_parquet($file)",
      { file },
    );
    return rows.map((r) => r.column_name);
  } catch (error) {
    throw new UserError(`not a readable Parquet file: ${(error as Error).message.split("\n")[0]}`, {
      cause: error,
      location: { file },
    });
  } finally {
    db.close();
  }
}

/** Temp tables for the value mappings: source names and activity types (keys lower-cased). */
async function prepareValueMaps(db: Db, preset: Preset, config: Config): Promise<void> {
  const sources = Object.entries(config.values.sources ?? {});
  await db.run(
    "CREATE OR REPLACE TEMP TABLE source_map (raw_key VARCHAR PRIMARY KEY, source VARCHAR)",
  );
  if (sources.length > 0) {
    await db.run(
      `INSERT OR REPLACE INTO source_map SELECT lower(trim(unnest(${textList("$keys")}))), unnest(${textList("$values")})`,
      {
        keys: JSON.stringify(sources.map(([k]) => k)),
        values: JSON.stringify(sources.map(([, v]) => v)),
      },
    );
  }
  const types: [string, string][] = [];
  for (const [canonical, aliases] of Object.entries(ACTIVITY_TYPE_ALIASES))
    for (const alias of aliases) types.push([alias, canonical]);
  for (const [raw, canonical] of Object.entries(config.values.activity_types ?? {}))
    types.push([raw, canonical]);
  await db.run(
    "CREATE OR REPLACE TEMP TABLE activity_type_map (raw_key VARCHAR PRIMARY KEY, type VARCHAR)",
  );
  await db.run(
    `INSERT OR REPLACE INTO activity_type_map SELECT lower(trim(unnest(${textList("$keys")}))), unnest(${textList("$values")})`,
    {
      keys: JSON.stringify(types.map(([k]) => k)),
      values: JSON.stringify(types.map(([, v]) => v)),
    },
  );
  const lower = (values: string[]) => JSON.stringify(values.map((v) => v.trim().toLowerCase()));
  const stages = config.values.deal_stages ?? {};
  const statuses = config.values.lead_statuses ?? {};
  await db.run(
    "CREATE OR REPLACE TEMP TABLE value_lists (name VARCHAR PRIMARY KEY, items VARCHAR[])",
  );
  await db.run(
    `INSERT INTO value_lists VALUES
      ('won', ${textList("$won")}), ('lost', ${textList("$lost")}), ('accepted', ${textList("$accepted")}),
      ('disqualified', ${textList("$disqualified")}), ('accepted_stages', ${textList("$stages")})`,
    {
      won: lower(stages.won ?? preset.dealStages.won),
      lost: lower(stages.lost ?? preset.dealStages.lost),
      accepted: lower(statuses.sales_accepted ?? preset.leadStatuses.salesAccepted),
      disqualified: lower(statuses.disqualified ?? preset.leadStatuses.disqualified),
      stages: lower(preset.acceptedLifecycleStages),
    },
  );
}

/** Extra columns become typed columns of leads / deals, recorded in column_catalog. */
async function addExtraColumns(
  db: Db,
  kind: Kind,
  extras: { column: string; header: string; type: string }[],
): Promise<void> {
  if (kind !== "leads" && kind !== "deals") return;
  const existing = new Map((await db.tableColumns(kind)).map((c) => [c.name, c.type]));
  for (const extra of extras) {
    const current = existing.get(extra.column);
    if (current === undefined) {
      await db.run(`ALTER TABLE ${kind} ADD COLUMN ${quoteIdent(extra.column)} ${extra.type}`);
    } else if (current !== extra.type && current !== "VARCHAR") {
      // an earlier file had another type for this column: keep both as text rather than lose values
      await db.run(`ALTER TABLE ${kind} ALTER ${quoteIdent(extra.column)} TYPE VARCHAR`);
      extra.type = "VARCHAR";
    } else if (current === "VARCHAR") {
      extra.type = "VARCHAR";
    }
  }
  // one statement for all of them: a wide export has hundreds
  if (extras.length > 0) {
    await db.run(
      `INSERT OR REPLACE INTO column_catalog
       SELECT $kind, unnest(${textList("$columns")}), unnest(${textList("$headers")}), 'extra', unnest(${textList("$types")})`,
      {
        kind,
        columns: JSON.stringify(extras.map((e) => e.column)),
        headers: JSON.stringify(extras.map((e) => e.header)),
        types: JSON.stringify(extras.map((e) => e.type)),
      },
    );
  }
}

interface MergeOptions {
  tables: StageTables;
  /** releaseRawActivities found no bad value and no unknown lead, and dropped the raw records */
  rawReleased: boolean;
  kind: Kind;
  file: string;
  mapping: ColumnMapping;
  loadId: number;
  extras: { column: string; header: string; type: string }[];
}

/**
 * Reject bad rows, then merge the rest into the canonical table. Returns rows loaded and the
 * identical duplicate rows that were folded into one.
 */
async function mergeStaged(
  db: Db,
  options: MergeOptions,
): Promise<{ loaded: number; identicalDuplicates: number }> {
  const { kind, file, mapping, loadId, tables: T } = options;
  const has = (field: string) => mapping.fields.has(field);
  const col = (field: string) => (has(field) ? `t.${quoteIdent(field)}` : "NULL");
  const rawJson = `json_object(${mapping.headers
    .map((h, i) => `${quoteString(uniqueKey(mapping.headers, i, h))}, r.${quoteIdent(`c${i + 1}`)}`)
    .join(", ")})::VARCHAR`;
  const params = { load_id: loadId, kind, file };

  // Value-level rejects, with the raw row (skipped when there are none: the join hashes every
  // raw row even for an empty stage_errors, 12 s at 20M activities).
  const errors = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${T.errors}`);
  if ((errors[0]?.n ?? 0) > 0) {
    await db.run(
      `INSERT INTO rejects SELECT $load_id, $kind, $file, e.line, e."column", e.reason, e.message, e.value, ${rawJson}
       FROM ${T.errors} e JOIN ${T.raw} r USING (line)`,
      params,
    );
  }
  // The rows without a bad value: a view, not a copy (the copy took 0.44 s at 2M activities).
  await db.run(
    `CREATE OR REPLACE TEMP VIEW ${T.ok} AS SELECT * EXCLUDE (bad) FROM ${T.typed} WHERE NOT bad`,
  );

  // Duplicate ids within the file: identical rows fold into one; conflicting ones keep the
  // first and reject the others, naming the line they conflict with.
  let identicalDuplicates = 0;
  const idField = kind === "leads" ? "lead_id" : kind === "deals" ? "deal_id" : null;
  if (idField) {
    const valueColumns = [...mapping.fields.keys(), ...options.extras.map((e) => e.column)].map(
      quoteIdent,
    );
    await db.run(`CREATE OR REPLACE TEMP TABLE ${T.dups} AS
      SELECT line, ${quoteIdent(idField)} AS id, h,
             first_value(line) OVER w AS first_line, first_value(h) OVER w AS first_h, row_number() OVER w AS k
      FROM (SELECT *, hash(${valueColumns.join(", ")}) AS h FROM ${T.ok})
      WINDOW w AS (PARTITION BY ${quoteIdent(idField)} ORDER BY line)
      QUALIFY count(*) OVER (PARTITION BY ${quoteIdent(idField)}) > 1`);
    const dups = (
      await db.all<{ identical: number; conflicting: number }>(
        `SELECT count(*) FILTER (WHERE k > 1 AND h = first_h)::INTEGER AS identical,
                count(*) FILTER (WHERE k > 1 AND h <> first_h)::INTEGER AS conflicting
         FROM ${T.dups}`,
      )
    )[0];
    identicalDuplicates = dups?.identical ?? 0;
    // (skipped when there is no conflict: the join with the raw rows reads all of them, 0.3 s
    // for 300k leads)
    if ((dups?.conflicting ?? 0) > 0) {
      await db.run(
        `INSERT INTO rejects SELECT $load_id, $kind, $file, d.line, $header, 'duplicate_conflict',
           'the id ' || d.id || ' is also on line ' || d.first_line || ' with different values; the first row was kept', d.id, ${rawJson}
         FROM ${T.dups} d JOIN ${T.raw} r USING (line) WHERE d.k > 1 AND d.h <> d.first_h`,
        { ...params, header: mapping.fields.get(idField)?.header ?? idField },
      );
    }
    if ((dups?.identical ?? 0) + (dups?.conflicting ?? 0) > 0)
      await db.run(`DELETE FROM ${T.typed} WHERE line IN (SELECT line FROM ${T.dups} WHERE k > 1)`);
  }

  const extras = options.extras.map((e) => `t.${quoteIdent(e.column)}`);
  const extraNames = options.extras.map((e) => quoteIdent(e.column));
  switch (kind) {
    case "leads": {
      const lowerStatus = has("status") ? `lower(${col("status")})` : "NULL";
      await removeRows(db, "leads", `lead_id IN (SELECT lead_id FROM ${T.ok})`);
      await db.run(
        `INSERT INTO leads BY NAME
        SELECT t.lead_id, ${col("created_at")} AS created_at,
          coalesce(m.source, ${col("source")}) AS source, ${col("source")} AS source_raw, ${col("source_detail")} AS source_detail,
          ${col("campaign")} AS campaign, ${col("company")} AS company, ${col("account_id")} AS account_id,
          ${col("industry")} AS industry, ${col("employees")} AS employees, ${col("country")} AS country,
          ${col("title")} AS title, ${col("seniority")} AS seniority, ${col("owner")} AS owner, ${col("status")} AS status,
          ${col("lifecycle_stage")} AS lifecycle_stage, ${col("mql_at")} AS mql_at, ${col("sql_at")} AS sql_at,
          ${col("opportunity_at")} AS opportunity_at, ${col("customer_at")} AS customer_at,
          ${col("disqualified_at")} AS disqualified_at, ${col("first_touch_at")} AS first_touch_at,
          (${col("sql_at")} IS NOT NULL OR coalesce(${col("is_converted")}, false)
            OR coalesce(list_contains((SELECT items FROM value_lists WHERE name = 'accepted'), ${lowerStatus}), false)
            OR coalesce(list_contains((SELECT items FROM value_lists WHERE name = 'accepted_stages'), lower(${col("lifecycle_stage")})), false)) AS is_sales_accepted,
          (${col("disqualified_at")} IS NOT NULL
            OR coalesce(list_contains((SELECT items FROM value_lists WHERE name = 'disqualified'), ${lowerStatus}), false)) AS is_disqualified,
          ${col("converted_deal_id")} AS converted_deal_id,
          ${col("count_page_view")} AS count_page_view, ${col("count_form_submit")} AS count_form_submit,
          ${col("count_session")} AS count_session, ${col("count_email_click")} AS count_email_click,
          ${col("count_email_open")} AS count_email_open, ${col("count_event")} AS count_event,
          $file AS source_file, t.line AS source_line${extras.length ? `, ${extras.map((e, i) => `${e} AS ${extraNames[i]}`).join(", ")}` : ""}
        FROM ${T.ok} t LEFT JOIN source_map m ON m.raw_key = lower(${col("source")})`,
        { file },
      );
      break;
    }
    case "deals": {
      const lowerStage = `lower(${col("stage")})`;
      const won = `coalesce(${col("is_won")}, coalesce(list_contains((SELECT items FROM value_lists WHERE name = 'won'), ${lowerStage}), false))`;
      const lost = `coalesce(list_contains((SELECT items FROM value_lists WHERE name = 'lost'), ${lowerStage}), false)`;
      await removeRows(db, "deals", `deal_id IN (SELECT deal_id FROM ${T.ok})`);
      await removeRows(db, "deal_contacts", `deal_id IN (SELECT deal_id FROM ${T.ok})`);
      await db.run(
        `INSERT INTO deals BY NAME
        SELECT t.deal_id, ${has("lead_ids") ? "t.lead_ids[1]" : "NULL"} AS lead_id, ${col("account_id")} AS account_id,
          ${col("name")} AS name, ${col("pipeline")} AS pipeline, ${col("owner")} AS owner,
          ${col("created_at")} AS created_at, ${col("closed_at")} AS closed_at, ${col("stage")} AS stage,
          coalesce(${col("is_closed")}, ${won} OR ${lost}) AS is_closed, ${won} AS is_won, ${col("amount")} AS amount,
          ${has("lead_ids") ? `t.${quoteIdent("lead_ids__raw")}` : "NULL"} AS lead_ids_raw,
          $file AS source_file, t.line AS source_line${extras.length ? `, ${extras.map((e, i) => `${e} AS ${extraNames[i]}`).join(", ")}` : ""}
        FROM ${T.ok} t`,
        { file },
      );
      if (has("lead_ids")) {
        await db.run(
          `INSERT OR IGNORE INTO deal_contacts SELECT DISTINCT deal_id, unnest(lead_ids) AS lead_id FROM ${T.ok}`,
        );
      }
      break;
    }
    case "activities": {
      if (!(await leadsWereLoaded(db))) {
        throw new UserError(
          "activities need their leads: load the leads export first, or in the same command (--leads)",
          {
            location: { file },
          },
        );
      }
      // Count first: DuckDB hashes every raw row for the join below even when no id is unknown
      // (17 s at 20M activities), and usually none is (counted already when the raw records
      // were released).
      const unknown = options.rawReleased
        ? [{ n: 0 }]
        : await db.all<{ n: number }>(
            `SELECT count(*)::INTEGER AS n FROM ${T.ok} WHERE lead_id NOT IN (SELECT lead_id FROM leads)`,
          );
      if ((unknown[0]?.n ?? 0) > 0) {
        await db.run(
          `INSERT INTO rejects SELECT $load_id, $kind, $file, t.line, $header, 'unknown_lead',
             'no lead with this id has been loaded', t.lead_id, ${rawJson}
           FROM ${T.ok} t JOIN ${T.raw} r USING (line) WHERE t.lead_id NOT IN (SELECT lead_id FROM leads)`,
          { ...params, header: mapping.fields.get("lead_id")?.header ?? "lead_id" },
        );
      }
      await removeRows(db, "activities", "source_file = $file", { file });
      // Activity types: the mapping (or else the raw type in snake case, or 'other') is worked
      // out once per distinct raw type, a handful, rather than with a regex on every row.
      // type_raw is kept only when it differs from the canonical type (`kept_raw`): an export
      // that already writes `page_view` would otherwise store every label twice, and each text
      // column of 20M rows costs the insert about 1.3 s of CPU (docs/fast-load.md).
      await db.run(`CREATE OR REPLACE TEMP TABLE ${T.activityTypes} AS
        SELECT type_raw, type, CASE WHEN type_raw IS DISTINCT FROM type THEN type_raw END AS kept_raw
        FROM (SELECT r.type_raw,
            coalesce(m.type, nullif(trim(regexp_replace(lower(r.type_raw), '[^a-z0-9]+', '_', 'g'), '_'), ''), 'other') AS type
          FROM (SELECT DISTINCT type AS type_raw FROM ${T.ok}) r
          LEFT JOIN activity_type_map m ON m.raw_key = lower(r.type_raw))`);
      await db.run(
        `INSERT INTO activities BY NAME
        SELECT t.lead_id, t.occurred_at, coalesce(a.type, 'other') AS type,
          CASE WHEN a.type IS NULL THEN t.type ELSE a.kept_raw END AS type_raw, ${col("detail")} AS detail, $file AS source_file, t.line AS source_line
        FROM ${T.ok} t LEFT JOIN ${T.activityTypes} a ON a.type_raw = t.type
        ${(unknown[0]?.n ?? 0) > 0 ? "WHERE t.lead_id IN (SELECT lead_id FROM leads)" : ""}`,
        { file },
      );
      break;
    }
    case "spend": {
      await removeRows(db, "spend", "source_file = $file", { file });
      // Without a period end, the cadence is read from the starts: all on the 1st → months;
      // all on one weekday → weeks; otherwise days.
      const end = has("period_end")
        ? "t.period_end"
        : `CASE (SELECT CASE WHEN bool_and(day(period_start) = 1) THEN 'month'
                             WHEN count(DISTINCT dayofweek(period_start)) = 1 AND count(DISTINCT period_start) > 1 THEN 'week'
                             ELSE 'day' END FROM ${T.ok})
             WHEN 'month' THEN last_day(t.period_start)
             WHEN 'week' THEN t.period_start + 6
             ELSE t.period_start END`;
      await db.run(
        `INSERT INTO spend BY NAME
        SELECT t.period_start, (${end})::DATE AS period_end, coalesce(m.source, t.source) AS source, t.source AS source_raw,
          ${col("campaign")} AS campaign, t.amount, $file AS source_file, t.line AS source_line
        FROM ${T.ok} t LEFT JOIN source_map m ON m.raw_key = lower(t.source)`,
        { file },
      );
      break;
    }
  }
  // Activities and spend replace every row of the file, so all of the file's rows are this
  // load's; leads and deals keep rows of an earlier version of the file that this one lacks.
  const replacedByFile = kind === "activities" || kind === "spend";
  const loaded = (
    await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${kind} WHERE source_file = $file${replacedByFile ? "" : ` AND source_line IN (SELECT line FROM ${T.ok})`}`,
      { file },
    )
  )[0]?.n as number;
  return { loaded, identicalDuplicates };
}

/**
 * Rebuild deal ↔ lead credit from both directions (deal-side contact ids, lead-side converted
 * opportunity ids), then reject the deals of this load that are linked to no known lead.
 */
async function linkDeals(db: Db, loadId: number, dealFiles: string[]): Promise<void> {
  await removeRows(db, "deal_leads", "true");
  await db.exec("load/link-deals");
  if (dealFiles.length === 0) return;
  if (!(await leadsWereLoaded(db))) {
    throw new UserError(
      "deals need their leads to be linked to: load the leads export first, or in the same command (--leads)",
    );
  }
  await db.run(
    `INSERT INTO rejects
     SELECT $load_id, 'deals', d.source_file, d.source_line, c.header, 'deal_unlinked',
       CASE WHEN d.lead_ids_raw IS NULL THEN 'the deal names no lead, and no lead names it as its converted opportunity'
            ELSE 'none of the deal''s lead ids (' || d.lead_ids_raw || ') is a loaded lead' END,
       d.lead_ids_raw, to_json(d)::VARCHAR
     FROM deals d
     LEFT JOIN column_catalog c ON c.kind = 'deals' AND c.column_name = 'lead_ids'
     WHERE d.source_file IN (SELECT unnest(${textList("$files")}))
       AND d.deal_id NOT IN (SELECT deal_id FROM deal_leads)`,
    { load_id: loadId, files: JSON.stringify(dealFiles) },
  );
  await db.run(
    `DELETE FROM deals WHERE source_file IN (SELECT unnest(${textList("$files")})) AND deal_id NOT IN (SELECT deal_id FROM deal_leads)`,
    { files: JSON.stringify(dealFiles) },
  );
  await db.run("DELETE FROM deal_contacts WHERE deal_id NOT IN (SELECT deal_id FROM deals)");
  // A deal's lead_id is a loaded lead it is credited to: when the first id it lists is not
  // loaded (HubSpot "L98;L2" with only L2 known), take a linked one instead.
  await db.run(`UPDATE deals SET lead_id = (SELECT min(dl.lead_id) FROM deal_leads dl WHERE dl.deal_id = deals.deal_id)
    WHERE lead_id IS NULL OR lead_id NOT IN (SELECT lead_id FROM leads)`);
}

/**
 * Whether a leads export has been loaded, now or before. Without one, deals and activities are
 * an error (the --leads flag was forgotten); with one, even if every lead in it was rejected,
 * they are rejected row by row as pointing at no loaded lead, so the leads' rejects are kept.
 */
async function leadsWereLoaded(db: Db): Promise<boolean> {
  const rows = await db.all<{ n: number }>(
    "SELECT ((SELECT count(*) FROM leads) + (SELECT count(*) FROM load_log WHERE kind = 'leads'))::INTEGER AS n",
  );
  return (rows[0]?.n ?? 0) > 0;
}

function uniqueKey(headers: string[], index: number, header: string): string {
  const before = headers.slice(0, index).filter((h) => h === header).length;
  return before === 0 ? header : `${header} #${before + 1}`;
}
