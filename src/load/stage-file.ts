import { FIELDS, type FieldType } from "../config/presets.js";
import type { Db } from "../db/index.js";
import { quoteIdent, quoteString } from "../db/quote.js";
import { UserError } from "../errors.js";
import type { FileInspection } from "./inspect-file.js";
import { linesAtOffsets, recordStartLines } from "./line-numbers.js";
import type { ColumnMapping } from "./map-columns.js";
import {
  cleanText,
  type DateOrder,
  expectedText,
  type ParseOptions,
  parseField,
} from "./parse-sql.js";

/**
 * Stage one export file into its own temp tables (`StageTables`, names ending in the file's
 * number), in four set-based steps:
 *  1. `raw` (a view over the table `records`): every record as VARCHAR columns c1..cN with its
 *     record number `rec` and physical `line`; records DuckDB cannot split (ragged, unclosed
 *     quote, bad encoding) become rejects (in the temp table `rejects`, copied into the
 *     database's `rejects` by the load's transaction) with their line from the byte position
 *     DuckDB reports; report footers are dropped;
 *  2. decide the day/month order of ambiguous dates from the data itself (unless configured);
 *  3. `typed`: `line`, each mapped field parsed to its type, extra columns typed by inference,
 *     and `bad` (the row has a bad value);
 *  4. `errors`: one row per bad value (line, column, reason, message, value).
 * The kind-specific merge into the canonical tables happens in load-exports.ts.
 *
 * Staging runs before the load's transaction and writes nothing to the database file: DuckDB
 * scans uncommitted rows on one thread, committed temp tables on all of them. Every file's
 * tables live until the load ends, so every staged byte adds to the peak memory: nothing is
 * copied that a view can give (figures in docs/bench.md, "The load stage", and
 * docs/fast-load.md).
 */

export interface StagedFile {
  rowsRead: number;
  structuralRejects: number;
  footerRows: number;
  extras: { column: string; header: string; type: string }[];
  dateOrder: DateOrder;
}

/**
 * The temp tables and views one staged file lives in. Each file of a load gets its own set
 * (`stageTables(n)`), because every file is staged before the load's transaction begins: DuckDB
 * scans uncommitted rows on one thread only, so staging inside the transaction ran every
 * statement on one core (figures in docs/fast-load.md). The names are made here from a number,
 * never from input, so they need no quoting.
 */
export interface StageTables {
  /** every record as read (c1..cN) */
  records: string;
  /** view: records with their record number and physical line */
  raw: string;
  /** typed values and the `bad` flag */
  typed: string;
  /** one row per bad value */
  errors: string;
  /** DuckDB's rejects of the CSV reader */
  csvErrors: string;
  csvScans: string;
  /** records DuckDB skipped (ordinal, span, footer) */
  skipped: string;
  /** rejects found while staging (records DuckDB could not split), copied into `rejects` by the load */
  rejects: string;
  /** view: the typed rows without a bad value (made by the merge) */
  ok: string;
  /** duplicate ids within the file (made by the merge) */
  dups: string;
  /** raw activity type → canonical type (made by the merge) */
  activityTypes: string;
}

export function stageTables(n: number): StageTables {
  if (!Number.isInteger(n) || n < 0) throw new Error(`stageTables: bad file number ${n}`);
  const name = (base: string) => `stage_${base}_${n}`;
  return {
    records: name("records"),
    raw: name("raw"),
    typed: name("typed"),
    errors: name("errors"),
    csvErrors: name("csv_errors"),
    csvScans: name("csv_scans"),
    skipped: name("skipped_records"),
    rejects: name("rejects"),
    ok: name("ok"),
    dups: name("dups"),
    activityTypes: name("activity_types"),
  };
}

/** Drop every temp table and view of one staged file (frees its memory outside a transaction). */
export async function dropStageTables(db: Db, T: StageTables): Promise<void> {
  await db.run(
    `DROP VIEW IF EXISTS ${T.ok}; DROP VIEW IF EXISTS ${T.raw};
     DROP TABLE IF EXISTS ${T.dups}; DROP TABLE IF EXISTS ${T.activityTypes}; DROP TABLE IF EXISTS ${T.errors};
     DROP TABLE IF EXISTS ${T.typed}; DROP TABLE IF EXISTS ${T.records}; DROP TABLE IF EXISTS ${T.csvErrors};
     DROP TABLE IF EXISTS ${T.csvScans}; DROP TABLE IF EXISTS ${T.skipped}; DROP TABLE IF EXISTS ${T.rejects};`,
  );
}

export interface StageOptions {
  file: string;
  tables: StageTables;
  inspection: FileInspection;
  mapping: ColumnMapping;
  parse: Omit<ParseOptions, "dateOrder">;
  dateOrder: "auto" | DateOrder;
  defaultDateOrder: DateOrder;
  encoding: string;
  timezone: string;
}

/** Timestamps that may legitimately lie in the future (an open deal's expected close date). */
const FUTURE_ALLOWED = new Set(["closed_at", "period_start", "period_end"]);

export async function stageFile(db: Db, options: StageOptions): Promise<StagedFile> {
  const { file, inspection, mapping, tables: T } = options;
  const width = inspection.format === "csv" ? inspection.headers.length : mapping.headers.length;
  const raw = Array.from({ length: width }, (_, i) => quoteIdent(`c${i + 1}`));

  // 1. raw records, in file order (CREATE TABLE AS keeps insertion order, so a record's rowid
  //    is its ordinal among the records DuckDB read, minus one)
  await db.run(
    `DROP VIEW IF EXISTS ${T.raw}; DROP TABLE IF EXISTS ${T.records}; DROP TABLE IF EXISTS ${T.csvErrors}; DROP TABLE IF EXISTS ${T.csvScans};`,
  );
  await db.run(`DROP TABLE IF EXISTS ${T.rejects}`);
  await db.run(`CREATE TEMP TABLE ${T.rejects} AS SELECT * FROM rejects LIMIT 0`);
  let structuralRejects = 0;
  let structuralFooters = 0;
  let skippedLines: number[] = [];
  if (inspection.format === "csv") {
    const columns = `{${raw.map((_, i) => `${quoteString(`c${i + 1}`)}: 'VARCHAR'`).join(", ")}}`;
    // buffer_size: DuckDB's default is 16 × max_line_size (1 GiB per buffer here), which
    // added about 150 MB to the load's peak RSS at 100k leads (1.74 → 1.59 GiB); twice the
    // longest accepted line is enough to read one.
    const reader = `read_csv($file, auto_detect = false, header = true, columns = ${columns},
        delim = ${quoteString(inspection.delimiter)}, quote = '"', escape = '"', strict_mode = true,
        null_padding = false, encoding = ${quoteString(options.encoding)}, max_line_size = 67108864,
        buffer_size = 134217728,
        store_rejects = true, rejects_table = '${T.csvErrors}', rejects_scan = '${T.csvScans}')`;
    try {
      await db.run(`CREATE TEMP TABLE ${T.records} AS SELECT ${raw.join(", ")} FROM ${reader}`, {
        file,
      });
    } catch (error) {
      throw new UserError(
        `DuckDB could not read the file as CSV: ${(error as Error).message.split("\n")[0]}`,
        {
          cause: error,
          location: { file },
        },
      );
    }
    const skipped = await recordStructuralRejects(db, options);
    structuralRejects = skipped.rejected;
    structuralFooters = skipped.footers;
    skippedLines = skipped.lines;
  } else {
    const names = mapping.headers;
    await db.run(
      `CREATE TEMP TABLE ${T.records} AS SELECT ${names
        .map((h, i) => `${quoteIdent(h)}::VARCHAR AS ${raw[i]}`)
        .join(", ")} FROM read_parquet($file)`,
      { file },
    );
  }

  // Report footers ("Grand Totals (12 records)", "Confidential Information - Do Not Distribute")
  // and wholly empty records are not data: they are dropped and counted. The same scan counts
  // records with a line break inside a value (a quoted newline), which push later records down.
  // (A CASE, so that the footer pattern is only tried on records whose other fields are blank.)
  const first = raw[0] as string;
  const others = raw.slice(1).map(isBlank);
  const footer = `CASE WHEN ${others.length ? others.join(" AND ") : "true"} THEN
        ${first} IS NULL OR trim(${first}) = '' OR regexp_matches(trim(${first}), '^(Grand Totals?|Total|Subtotal|Confidential Information|Copyright|©|Generated By|Filtered By)', 'i')
      ELSE false END`;
  // It also checks that the rowids are consecutive (see below), and counts the date values
  // that could show a day/month order (step 2 is skipped when there is none).
  const specs = FIELDS[mapping.kind];
  const dateFields = [...mapping.fields.values()].filter((f) => {
    const type = specs[f.field]?.type;
    return type === "timestamp" || type === "date";
  });
  const dateCandidates = dateFields.map((f) => `(${dateOrderCandidate(raw[f.index] as string)})`);
  const profile = (
    await db.all<{
      records: number;
      footers: number;
      multiline: number;
      date_candidates: number;
      consecutive: boolean;
      first_rowid: string | null;
    }>(
      `SELECT count(*)::BIGINT AS records, count(*) FILTER (WHERE ${footer})::BIGINT AS footers,
         count(*) FILTER (WHERE ${raw.map((c) => `contains(${c}, chr(10))`).join(" OR ") || "false"})::BIGINT AS multiline,
         count(*) FILTER (WHERE ${dateCandidates.join(" OR ") || "false"})::BIGINT AS date_candidates,
         coalesce(max(rowid) - min(rowid) + 1 = count(*), true) AS consecutive, min(rowid)::VARCHAR AS first_rowid
       FROM ${T.records}`,
    )
  )[0] ?? {
    records: 0,
    footers: 0,
    multiline: 0,
    date_candidates: 0,
    consecutive: true,
    first_rowid: null,
  };
  const footerRows = profile.footers;

  // Record number `rec` (1 = the first record DuckDB read) and physical line of each record:
  // the header is line 1 (and more when a quoted name holds a newline).
  //
  // In a regular file (no line break inside a value, no blank line, nothing skipped) record k
  // is on line headerLines + k, and the view `stage_raw` computes both from the rowid, without
  // a copy of the data (a row_number() column doubled the cost of reading the file). A table
  // made by CREATE TABLE AS gets its rowids in insertion order, which preserve_insertion_order
  // (DuckDB's default) makes the file's order; they start at 0, or at a large offset inside a
  // transaction (uncommitted rows), hence `rowid - first + 1`, used only when the profile saw
  // no gap between the first and the last rowid.
  //
  // Otherwise the records are rewritten once with their exact numbers and lines: quoted
  // newlines inside earlier records push later ones down (a running sum), skipped records and
  // blank lines too (`shiftLinesPastRejects`, `shiftLinesPastBlankLines`), and footers are
  // deleted.
  const headerLines = inspection.format === "csv" ? inspection.headerLines : 1;
  const blankLineStarts =
    inspection.format === "csv" && inspection.encoding !== "utf-16" ? recordStartLines(file) : null;
  const columns = raw.length ? `${raw.join(", ")}, ` : "";
  const firstRowid = profile.first_rowid ?? "0";
  if (!/^-?\d+$/.test(firstRowid)) throw new Error(`unexpected rowid ${firstRowid}`);
  if (
    !profile.consecutive ||
    profile.multiline > 0 ||
    structuralRejects + structuralFooters > 0 ||
    blankLineStarts !== null ||
    footerRows > 0
  ) {
    const newlineCount = raw.length
      ? `len(concat(${raw.join(", ")})) - len(replace(concat(${raw.join(", ")}), chr(10), ''))`
      : "0";
    const pushedDown =
      profile.multiline > 0
        ? ` + coalesce(sum(${newlineCount}) OVER (ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`
        : "";
    await db.run(`CREATE OR REPLACE TEMP TABLE ${T.records} AS
      SELECT rec, ${columns}(${headerLines} + rec${pushedDown})::BIGINT AS line
      FROM (SELECT row_number() OVER (ORDER BY rowid) AS rec, * FROM ${T.records})`);
    if (structuralRejects + structuralFooters > 0) await shiftLinesPastRejects(db, T);
    if (blankLineStarts !== null)
      await shiftLinesPastBlankLines(db, T, blankLineStarts, skippedLines);
    if (footerRows > 0) await db.run(`DELETE FROM ${T.records} WHERE ${footer}`);
    await db.run(`CREATE TEMP VIEW ${T.raw} AS SELECT rec, ${columns}line FROM ${T.records}`);
  } else {
    await db.run(
      `CREATE TEMP VIEW ${T.raw} AS
       SELECT rowid - ${firstRowid} + 1 AS rec, ${columns}(${headerLines} + rowid - ${firstRowid} + 1)::BIGINT AS line
       FROM ${T.records}`,
    );
  }
  const footerTotal = footerRows + structuralFooters;
  // Every record after the header is read: loaded, rejected or skipped (footers among them).
  const rowsRead = profile.records - footerRows + structuralRejects + footerTotal;

  // 2. day/month order (no value that could show one: the default)
  const dateOrder =
    options.dateOrder !== "auto"
      ? options.dateOrder
      : profile.date_candidates > 0
        ? await detectDateOrder(db, T, file, dateFields, options.defaultDateOrder)
        : options.defaultDateOrder;
  const parse: ParseOptions = { ...options.parse, dateOrder };

  // 3. typed values, in one pass over the records: the inner projection cleans each value
  //    once, the middle one parses it, the outer one keeps the typed values and whether the
  //    row has a bad value (`bad`, the checks of step 4). A record is identified by its line
  //    (unique, and in file order). The cleaned text is not kept (it was 2 of the 3 copies of a
  //    timestamp column), nor the list of errors (16 bytes a row even when empty): step 4
  //    builds it again for the bad rows alone, from their raw records.
  const cleaned: string[] = ["line"];
  const typed: string[] = ["line"];
  const kept: string[] = ["line"];
  for (const mapped of mapping.fields.values()) {
    const type = specs[mapped.field]?.type as FieldType;
    const text = quoteIdent(`${mapped.field}__raw`);
    cleaned.push(`${cleanText(raw[mapped.index] as string)} AS ${text}`);
    typed.push(text, `${parseField(type, text, parse)} AS ${quoteIdent(mapped.field)}`);
    kept.push(quoteIdent(mapped.field));
    // the association list as exported is kept for the deals table (`lead_ids_raw`)
    if (type === "idlist") kept.push(text);
  }
  const extras = await inferExtraTypes(db, T, mapping, parse, options.timezone);
  for (const extra of extras) {
    const text = quoteIdent(`${extra.column}__raw`);
    cleaned.push(`${cleanText(raw[extra.index] as string)} AS ${text}`);
    typed.push(
      `${extra.type === "VARCHAR" ? text : parseField(extra.fieldType, text, parse)} AS ${quoteIdent(extra.column)}`,
    );
    kept.push(quoteIdent(extra.column));
  }
  const checks = valueChecks(mapping, parse);
  const bad = checks.length
    ? `coalesce(${checks.map((c) => `(${c.when})`).join(" OR ")}, false)`
    : "false";
  // The latest acceptable dates, bound as constants: `now()` is not folded, and evaluating
  // `now()::TIMESTAMP + INTERVAL 1 DAY` on every row cost 0.75 s per 2M rows. now() is the
  // transaction's start, so the values are the same.
  const bounds = (
    await db.all<{ past: string; future: string }>(
      "SELECT (now()::TIMESTAMP + INTERVAL 1 DAY)::VARCHAR AS past, (now()::TIMESTAMP + INTERVAL 10 YEAR)::VARCHAR AS future",
    )
  )[0] as { past: string; future: string };
  const params = { tz: options.timezone, latest_past: bounds.past, latest_future: bounds.future };
  await db.run(`DROP TABLE IF EXISTS ${T.typed}`);
  await db.run(
    `CREATE TEMP TABLE ${T.typed} AS
     SELECT ${kept.join(", ")}, ${bad} AS bad
     FROM (SELECT ${typed.join(",\n  ")} FROM (SELECT ${cleaned.join(",\n  ")} FROM ${T.raw}))`,
    params,
  );

  // 4. bad values: one row per (record, failed check), for the rows step 3 marked bad, with
  //    their typed values from stage_typed and their cleaned text from the raw record.
  await db.run(`DROP TABLE IF EXISTS ${T.errors}`);
  await db.run(
    `CREATE TEMP TABLE ${T.errors} (line BIGINT, "column" VARCHAR, reason VARCHAR, message VARCHAR, value VARCHAR)`,
  );
  const anyBad = (
    await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${T.typed} WHERE bad`)
  )[0]?.n;
  if (checks.length > 0 && (anyBad ?? 0) > 0) {
    const values = [...mapping.fields.values()].flatMap((mapped) => [
      `t.${quoteIdent(mapped.field)}`,
      `${cleanText(`r.${raw[mapped.index] as string}`)} AS ${quoteIdent(`${mapped.field}__raw`)}`,
    ]);
    await db.run(
      `INSERT INTO ${T.errors}
       SELECT line, e.column, e.reason, e.message, e.value
       FROM (SELECT line, unnest(list_filter([${checks.map((c) => `CASE WHEN ${c.when} THEN ${c.error} END`).join(",\n")}], x -> x IS NOT NULL)) AS e
         FROM (SELECT t.line, ${values.join(", ")} FROM ${T.typed} t JOIN ${T.raw} r USING (line) WHERE t.bad))`,
      params,
    );
  }

  return {
    rowsRead,
    structuralRejects,
    footerRows: footerTotal,
    extras: extras.map((e) => ({ column: e.column, header: e.header, type: e.type })),
    dateOrder,
  };
}

/**
 * Whether a raw value is NULL or blank: `trim(c) = ''`, where one-argument trim removes spaces
 * and the Unicode space separators (U+00A0, U+1680 and up). Only a value that starts with one
 * of those can be blank, so trim runs on those alone (it cost 0.1 µs a value, on every field of
 * every record).
 */
function isBlank(c: string): string {
  return `coalesce(CASE WHEN ascii(${c}) IN (32, 160) OR ascii(${c}) >= 5760 THEN trim(${c}) = '' ELSE ${c} = '' END, true)`;
}

/**
 * The checks of step 4, one per (mapped field, rule): `when` is true for a bad value (in terms
 * of the field's cleaned text `<field>__raw` and its typed value `<field>`), `error` the
 * struct recorded for it.
 */
function valueChecks(
  mapping: ColumnMapping,
  parse: ParseOptions,
): { when: string; error: string }[] {
  const specs = FIELDS[mapping.kind];
  const checks: { when: string; error: string }[] = [];
  for (const mapped of mapping.fields.values()) {
    const spec = specs[mapped.field];
    if (!spec) continue;
    const value = quoteIdent(mapped.field);
    const rawValue = quoteIdent(`${mapped.field}__raw`);
    const column = quoteString(mapped.header);
    if (spec.notNull) {
      checks.push({
        when: `${rawValue} IS NULL`,
        error: `{'column': ${column}, 'reason': ${quoteString(`missing_${mapped.field}`)},
          'message': ${quoteString(`${mapped.field} is empty: every row needs one`)}, 'value': NULL}`,
      });
    }
    if (spec.type !== "text" && spec.type !== "id" && spec.type !== "idlist") {
      const reason =
        spec.type === "timestamp" || spec.type === "date"
          ? "bad_date"
          : spec.type === "boolean"
            ? "bad_boolean"
            : "bad_number";
      checks.push({
        when: `${rawValue} IS NOT NULL AND ${value} IS NULL`,
        error: `{'column': ${column}, 'reason': ${quoteString(reason)},
          'message': ${quoteString(`expected ${expectedText(spec.type, parse)}`)}, 'value': ${rawValue}}`,
      });
    }
    if (spec.type === "timestamp" || spec.type === "date") {
      const latest = FUTURE_ALLOWED.has(mapped.field) ? "$latest_future" : "$latest_past";
      checks.push({
        when: `${value} IS NOT NULL AND (${value}::TIMESTAMP < TIMESTAMP '1990-01-01' OR ${value}::TIMESTAMP > ${latest}::TIMESTAMP)`,
        error: `{'column': ${column}, 'reason': 'date_out_of_range',
          'message': ${quoteString(FUTURE_ALLOWED.has(mapped.field) ? "expected a date between 1990 and ten years from now" : "expected a date between 1990 and today")}, 'value': ${rawValue}}`,
      });
    }
    if (spec.type === "money") {
      checks.push({
        when: `${value} < 0`,
        error: `{'column': ${column}, 'reason': 'negative_amount',
          'message': 'expected an amount of zero or more', 'value': ${rawValue}}`,
      });
    }
  }
  return checks;
}

/** Rejects for records DuckDB could not split, with their physical line from the byte offset. */
async function recordStructuralRejects(
  db: Db,
  options: StageOptions,
): Promise<{ rejected: number; footers: number; lines: number[] }> {
  const T = options.tables;
  const rows = await db.all<{
    line_byte_position: number;
    line: number;
    column_name: string | null;
    error_type: string;
    csv_line: string | null;
    error_message: string;
  }>(
    `SELECT line_byte_position, line, column_name, error_type, csv_line, error_message FROM ${T.csvErrors} ORDER BY line_byte_position`,
  );
  if (rows.length === 0) return { rejected: 0, footers: 0, lines: [] };
  const lines = linesAtOffsets(
    options.file,
    rows.map((r) => r.line_byte_position),
  );
  const seen = new Set<number>();
  const footer =
    /^\s*("?)(Grand Totals?|Total|Subtotal|Confidential Information|Copyright|©|Generated By|Filtered By)/i;
  const records: { ordinal: number; span: number; footer: boolean; line: number }[] = [];
  for (const row of rows) {
    if (seen.has(row.line_byte_position)) continue;
    seen.add(row.line_byte_position);
    const text = (row.csv_line ?? "").replace(/^\r?\n/, "").replace(/\r?\n$/, "");
    const line = lines.get(row.line_byte_position) ?? 0;
    const span = 1 + (text.match(/\n/g)?.length ?? 0);
    // a report footer, or a line of only spaces or tabs: skipped, not rejected
    if (row.error_type === "MISSING COLUMNS" && (footer.test(text) || text.trim() === "")) {
      records.push({ ordinal: row.line - 1, span, footer: true, line });
      continue;
    }
    records.push({ ordinal: row.line - 1, span, footer: false, line });
    const described = describeCsvError(row.error_type, row.error_message, options);
    const { reason } = described;
    // An unclosed quote runs to the end of the file: say which lines went into the record.
    const message =
      reason === "bad_quoting" && span > 1
        ? `the quote opened in this record is never closed, so lines ${line}–${line + span - 1} were read as one record; close the quote or re-export (${row.error_message})`
        : described.message;
    await db.run(
      `INSERT INTO ${T.rejects} VALUES (NULL, $kind, $file, $line, $column, $reason, $message, NULL, $raw)`,
      {
        kind: options.mapping.kind,
        file: options.file,
        line,
        column: row.column_name === null ? null : headerOf(options.mapping, row.column_name),
        reason,
        message,
        raw: text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text,
      },
    );
  }
  await db.run(`DROP TABLE IF EXISTS ${T.skipped}`);
  await db.run(`CREATE TEMP TABLE ${T.skipped} (ordinal BIGINT, span BIGINT, is_footer BOOLEAN)`);
  for (const r of records) {
    await db.run(`INSERT INTO ${T.skipped} VALUES ($ordinal, $span, $footer)`, {
      ordinal: r.ordinal,
      span: r.span,
      footer: r.footer,
    });
  }
  return {
    rejected: records.filter((r) => !r.footer).length,
    footers: records.filter((r) => r.footer).length,
    lines: records.map((r) => r.line),
  };
}

/**
 * DuckDB skips blank lines without counting them: when the file has blank lines between
 * records, take each good record's line from a scan of the file instead (`starts`, from
 * `recordStartLines`: the records that were not skipped as structural rejects or footers, in
 * order). If the scan's record count disagrees with DuckDB's, the lines computed from quoted
 * newlines are kept.
 */
async function shiftLinesPastBlankLines(
  db: Db,
  T: StageTables,
  starts: number[],
  skippedLines: number[],
): Promise<void> {
  const skipped = new Set(skippedLines);
  const good = starts.filter((line) => !skipped.has(line));
  const count =
    (await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${T.records}`))[0]?.n ?? 0;
  if (good.length !== count) return;
  await db.run(
    `UPDATE ${T.records} SET line = g.line
     FROM (SELECT unnest(range(1, len(l) + 1)) AS rec, unnest(l) AS line FROM (SELECT $lines::BIGINT[] AS l)) g
     WHERE ${T.records}.rec = g.rec`,
    { lines: JSON.stringify(good) },
  );
}

/**
 * Good records after a skipped one sit lower in the file by the skipped record's span.
 * DuckDB numbers a skipped record by its ordinal o among all records (its `line` is o + 1);
 * the j-th skipped record (0-based) therefore comes just before good record o − j, and a good
 * record's shift is the sum of the spans of skipped records with o − j ≤ rec: one join.
 */
async function shiftLinesPastRejects(db: Db, T: StageTables): Promise<void> {
  await db.run(`UPDATE ${T.records} SET line = ${T.records}.line + s.shift
    FROM (
      SELECT r.rec, sum(k.span)::BIGINT AS shift
      FROM ${T.records} r
      JOIN (SELECT ordinal - (row_number() OVER (ORDER BY ordinal) - 1) AS first_good_rec, span FROM ${T.skipped}) k
        ON k.first_good_rec <= r.rec
      GROUP BY r.rec
    ) s
    WHERE ${T.records}.rec = s.rec`);
}

function headerOf(mapping: ColumnMapping, staged: string): string {
  const index = Number(staged.slice(1)) - 1;
  return mapping.headers[index] ?? staged;
}

function describeCsvError(
  type: string,
  message: string,
  options: StageOptions,
): { reason: string; message: string } {
  const expected = options.inspection.headers.length;
  switch (type) {
    case "MISSING COLUMNS":
      return { reason: "ragged_row", message: `too few fields: expected ${expected} (${message})` };
    case "TOO MANY COLUMNS":
      return {
        reason: "ragged_row",
        message: `too many fields: expected ${expected}; an unquoted delimiter inside a value? (${message})`,
      };
    case "UNQUOTED VALUE":
      return {
        reason: "bad_quoting",
        message: `a quote is not closed or a value is not quoted properly (${message})`,
      };
    case "INVALID ENCODING":
    case "INVALID UNICODE":
      return {
        reason: "bad_encoding",
        message: `bytes that are not ${options.encoding.toUpperCase()}: if the file was saved by Excel on Windows, set encoding: latin-1 for this source in handoff.yaml (${message})`,
      };
    case "LINE SIZE OVER MAXIMUM":
      return { reason: "line_too_long", message: `a record longer than 64 MB (${message})` };
    default:
      return { reason: "unreadable_row", message: `${type.toLowerCase()}: ${message}` };
  }
}

/**
 * Whether a raw date value can match detectDateOrder's pattern `^\s*(\d{1,2})[/-](\d{1,2})…`:
 * it starts with white space, or its first / or first - is its second or third character
 * (after one or two digits; an ISO date has its first - fifth). Only those values reach the
 * regexes. strpos is a byte search: 0.16 s of CPU on 6M dates, substr 0.4 s.
 */
function dateOrderCandidate(c: string): string {
  return `ascii(${c}) IN (9, 10, 12, 13, 32) OR strpos(${c}, '/') IN (2, 3) OR strpos(${c}, '-') IN (2, 3)`;
}

/**
 * US (03/04/2025 = March 4) or European (03/04/2025 = 3 April) order, decided from the values:
 * a first part above 12 proves day-first, a second part above 12 proves month-first. A column
 * with both kinds of proof mixes formats and cannot be read safely: that is an error naming
 * both examples. Without proof either way, the preset's default applies.
 */
async function detectDateOrder(
  db: Db,
  T: StageTables,
  file: string,
  fields: { field: string; header: string; index: number }[],
  fallback: DateOrder,
): Promise<DateOrder> {
  if (fields.length === 0) return fallback;
  const pattern = String.raw`^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}`;
  const parts = fields.map((f) => {
    const c = quoteIdent(`c${f.index + 1}`);
    const a = `TRY_CAST(regexp_extract(${c}, ${quoteString(pattern)}, 1) AS INTEGER)`;
    const b = `TRY_CAST(regexp_extract(${c}, ${quoteString(pattern)}, 2) AS INTEGER)`;
    return `SELECT ${quoteString(f.header)} AS header,
        count(*) FILTER (WHERE ${a} > 12)::INTEGER AS day_first,
        count(*) FILTER (WHERE ${b} > 12)::INTEGER AS month_first,
        min(line) FILTER (WHERE ${a} > 12) AS day_first_line, arg_min(${c}, line) FILTER (WHERE ${a} > 12) AS day_first_value,
        min(line) FILTER (WHERE ${b} > 12) AS month_first_line, arg_min(${c}, line) FILTER (WHERE ${b} > 12) AS month_first_value
      FROM (SELECT line, ${c} FROM ${T.raw} WHERE ${dateOrderCandidate(c)})`;
  });
  const rows = await db.all<{
    header: string;
    day_first: number;
    month_first: number;
    day_first_line: number | null;
    day_first_value: string | null;
    month_first_line: number | null;
    month_first_value: string | null;
  }>(parts.join(" UNION ALL "));
  let dayFirst = 0;
  let monthFirst = 0;
  for (const row of rows) {
    if (row.day_first > 0 && row.month_first > 0) {
      throw new UserError(
        `column "${row.header}" mixes day-first dates ("${row.day_first_value}" on line ${row.day_first_line}) and month-first dates ("${row.month_first_value}" on line ${row.month_first_line}): re-export with one date format, or fix the rows and set date_order in handoff.yaml`,
        {
          location: {
            file,
            line: Math.max(row.day_first_line ?? 0, row.month_first_line ?? 0),
            column: row.header,
          },
        },
      );
    }
    dayFirst += row.day_first;
    monthFirst += row.month_first;
  }
  if (dayFirst > 0 && monthFirst > 0) {
    throw new UserError(
      "some date columns are day-first and others month-first: set date_order in handoff.yaml and check the export settings",
      { location: { file } },
    );
  }
  if (dayFirst > 0) return "dmy";
  if (monthFirst > 0) return "mdy";
  return fallback;
}

interface TypedExtra {
  header: string;
  index: number;
  column: string;
  type: "DOUBLE" | "TIMESTAMP" | "BOOLEAN" | "VARCHAR";
  fieldType: FieldType;
}

/**
 * Extra columns keep the narrowest type every non-empty value parses as: BOOLEAN, DOUBLE,
 * TIMESTAMP, else VARCHAR. One aggregate query decides for all of them.
 */
async function inferExtraTypes(
  db: Db,
  T: StageTables,
  mapping: ColumnMapping,
  parse: ParseOptions,
  timezone: string,
): Promise<TypedExtra[]> {
  if (mapping.extras.length === 0) return [];
  // Each column's distinct values only (extra columns are mostly labels with few values), and
  // the costly date parse only for short values with a digit (no date has neither).
  const parts = mapping.extras.map((extra, i) => {
    const v = quoteIdent("v");
    const date = `CASE WHEN length(${v}) <= 64 AND regexp_matches(${v}, '[0-9]') THEN ${parseField("timestamp", v, parse)} END`;
    return `SELECT ${i} AS k, count(${v})::INTEGER AS n,
        count(${parseField("boolean", v, parse)})::INTEGER AS b,
        count(${parseField("number", v, parse)})::INTEGER AS d,
        count(${date})::INTEGER AS t,
        count(*) FILTER (WHERE regexp_full_match(${v}, '0|1|0\\.0|1\\.0'))::INTEGER AS z
      FROM (SELECT DISTINCT ${cleanText(quoteIdent(`c${extra.index + 1}`))} AS v FROM ${T.raw})`;
  });
  const counts = new Map<number, Record<string, number>>();
  for (const r of await db.all<Record<string, number>>(parts.join("\nUNION ALL\n"), {
    tz: timezone,
  }))
    counts.set(r.k as number, r);
  return mapping.extras.map((extra, i) => {
    const row = counts.get(i) ?? {};
    const n = row.n ?? 0;
    let type: TypedExtra["type"] = "VARCHAR";
    let fieldType: FieldType = "text";
    if (n > 0 && row.b === n && row.z !== n) [type, fieldType] = ["BOOLEAN", "boolean"];
    else if (n > 0 && row.d === n) [type, fieldType] = ["DOUBLE", "number"];
    else if (n > 0 && row.t === n) [type, fieldType] = ["TIMESTAMP", "timestamp"];
    return { ...extra, type, fieldType };
  });
}
