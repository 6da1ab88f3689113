import type { FieldType } from "../config/presets.js";
import { quoteString, quoteStringList } from "../db/quote.js";

/**
 * SQL expressions that turn an exported text value into a typed one. Each takes the SQL text
 * of a VARCHAR expression (already trimmed, empty → NULL) and returns an expression that is
 * NULL when the value does not parse; the loader compares the two to find bad values.
 *
 * Handles what real exports contain: ISO, US and European dates with or without time, 12-hour
 * clocks, month names, epoch seconds and milliseconds, explicit UTC offsets; thousands
 * separators, currency symbols and codes ("USD 485,000.00", "€1.234,56"), accounting
 * negatives "(1,234)"; true/false, yes/no, 1/0.
 */

export type DateOrder = "mdy" | "dmy" | "ymd";

export interface ParseOptions {
  dateOrder: DateOrder;
  /** Extra strptime formats tried before the built-in ones. */
  dateFormats: readonly string[];
  decimal: "." | ",";
  /** Compare Salesforce ids on their case-sensitive 15-character form. */
  salesforceIds: boolean;
  /** SQL text of the time zone (a bound parameter like `$tz`); local times are converted to UTC. */
  timezoneParam: string;
  /** Whether the time zone is UTC (no conversion needed). */
  utc: boolean;
}

const TIME_SUFFIXES = [" %H:%M:%S", " %H:%M", " %I:%M:%S %p", " %I:%M %p", "T%H:%M:%S", ""];

/**
 * The strptime patterns tried, in order. A two-digit year pattern (`%y`) comes before its
 * four-digit twin: DuckDB's `%Y` also takes `25` and reads it as the year 0025 (which the
 * loader then rejects as out of range), while `%y` cannot match `2025` in full, so `3/13/25`
 * is 2025-03-13 and `3/13/2025` still reaches `%Y`. Two-digit years 00–68 are 2000–2068,
 * 69–99 are 1969–1999 (POSIX strptime).
 */
function datePatterns(order: DateOrder): string[] {
  const firsts =
    order === "dmy"
      ? ["%d/%m/%y", "%d/%m/%Y", "%d-%m-%Y"]
      : order === "mdy"
        ? ["%m/%d/%y", "%m/%d/%Y", "%m-%d-%Y"]
        : [];
  const always = ["%Y/%m/%d", "%d.%m.%y", "%d.%m.%Y"];
  const formats: string[] = [];
  for (const date of [...firsts, ...always])
    for (const time of TIME_SUFFIXES) formats.push(date + time);
  formats.push(
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%Y-%m",
    "%b %Y",
    "%B %Y",
    "%b-%y",
    "%Y%m%d",
  );
  return formats;
}

/**
 * Characters trimmed from both ends of every value: spaces, tabs, line breaks and the
 * no-break space Excel likes to leave behind (DuckDB's one-argument trim removes spaces only).
 */
export const TRIMMED = quoteString(" \t\n\r\u00a0");

/**
 * Trimmed text (spaces, tabs, line breaks, no-break spaces), empty → NULL.
 *
 * Fast path: DuckDB's trim with a character list costs about 0.25 µs a value (0.5 s of CPU per
 * column of 2M rows), and almost no exported value needs it. A value whose first and last
 * characters are not among the trimmed ones (one `ascii` and five `ends_with`, about a tenth of
 * the cost) is returned as it is; the others, and '', go through trim. Same result either way
 * (`test/load/parse-sql.test.ts` compares the two).
 */
export function cleanText(expr: string): string {
  return `(CASE WHEN ascii(${expr}) IN (32, 9, 10, 13, 160) OR ${expr} = ''
      OR ends_with(${expr}, ' ') OR ends_with(${expr}, chr(9)) OR ends_with(${expr}, chr(10))
      OR ends_with(${expr}, chr(13)) OR ends_with(${expr}, chr(160))
    THEN ${cleanTextGeneral(expr)} ELSE ${expr} END)`;
}

/** cleanText without its fast path: the definition the fast path must agree with. */
export function cleanTextGeneral(expr: string): string {
  return `nullif(trim(${expr}, ${TRIMMED}), '')`;
}

/**
 * A timestamp in UTC from a trimmed text expression `t`.
 *
 * Fast path: most exports write `2025-03-04 14:22:05` or `2025-03-04`. For those, the general
 * expression would test two epoch patterns and an offset pattern, then the ISO pattern, before
 * casting; one full-match regex that implies all four answers (not epoch digits, no offset,
 * ISO) goes straight to the cast and the strptime fallback the general expression would reach.
 * About half the CPU on 2M ISO values; `test/load/parse-sql.test.ts` checks it agrees with
 * `parseTimestampGeneral` on ISO-like and hostile values. The shape test is `isoShape`.
 */
export function parseTimestamp(t: string, options: ParseOptions): string {
  const general = parseTimestampGeneral(t, options);
  const iso = `coalesce(TRY_CAST(${t} AS TIMESTAMP), try_strptime(${t}, ${quoteStringList([...options.dateFormats, ...datePatterns(options.dateOrder)])}))`;
  const toUtc = options.utc ? iso : `timezone(${options.timezoneParam}, ${iso})::TIMESTAMP`;
  return `(CASE WHEN ${isoShape(t)} THEN ${toUtc} ELSE ${general} END)`;
}

const DIGIT = "[0-9]";
const ISO_DATE_GLOB = `${DIGIT.repeat(4)}-${DIGIT.repeat(2)}-${DIGIT.repeat(2)}`;
const ISO_DATETIME_GLOB = `${ISO_DATE_GLOB} ${DIGIT.repeat(2)}:${DIGIT.repeat(2)}:${DIGIT.repeat(2)}`;

/**
 * Whether text is `YYYY-MM-DD` or `YYYY-MM-DD hh:mm:ss` in ASCII digits: the same values as
 * `regexp_full_match(t, '\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?')` (RE2's `\d` is ASCII), as
 * two GLOB patterns, which DuckDB matches without a regex engine: 0.17 s of CPU on 2M values
 * against the regex's 0.21, on every timestamp of every export (`test/load/parse-fast-paths.test.ts`
 * compares the two on random strings).
 */
export function isoShape(t: string): string {
  return `(${t} GLOB '${ISO_DATETIME_GLOB}' OR ${t} GLOB '${ISO_DATE_GLOB}')`;
}

/** parseTimestamp without its fast path: the definition the fast path must agree with. */
export function parseTimestampGeneral(t: string, options: ParseOptions): string {
  const formats = quoteStringList([...options.dateFormats, ...datePatterns(options.dateOrder)]);
  const local = `coalesce(
      CASE WHEN regexp_matches(${t}, '^\\d{4}-\\d{1,2}-\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?$') THEN TRY_CAST(${t} AS TIMESTAMP) END,
      try_strptime(${t}, ${formats}))`;
  const toUtc = options.utc ? local : `timezone(${options.timezoneParam}, ${local})::TIMESTAMP`;
  return `(CASE
      WHEN ${t} IS NULL THEN NULL
      WHEN regexp_full_match(${t}, '\\d{12,13}') THEN make_timestamp(TRY_CAST(${t} AS BIGINT) * 1000)
      WHEN regexp_full_match(${t}, '\\d{10}') THEN make_timestamp(TRY_CAST(${t} AS BIGINT) * 1000000)
      WHEN regexp_matches(${t}, '^\\d{4}-\\d{2}-\\d{2}[ T].*(Z|[+-]\\d{2}:?\\d{2})$') THEN TRY_CAST(${t} AS TIMESTAMPTZ)::TIMESTAMP
      ELSE ${toUtc}
    END)`;
}

/** A date (no time zone conversion: a spend month is a calendar month wherever you are). */
export function parseDate(t: string, options: ParseOptions): string {
  return parseTimestamp(t, { ...options, utc: true }).concat("::DATE");
}

const NUMBER_SHAPE = String.raw`^\(?\s*[-+]?\s*([A-Z]{3}\s?|[$€£¥])?\s*[-+]?\d[\d,.' \x{00A0}]*([eE][-+]?\d+)?\s*([A-Z]{3}|[$€£¥%])?\s*\)?$`;

/**
 * A number from text with thousands separators, currency and accounting negatives.
 *
 * Fast path: a plain number (`-12`, `10702.31`; with decimal ",", integers only) passes every
 * test of the general expression unchanged and its cleaning leaves it as it is, so it is cast
 * directly. `test/load/parse-sql.test.ts` checks it agrees with `parseNumberGeneral`.
 */
export function parseNumber(t: string, options: ParseOptions): string {
  const plain = options.decimal === "." ? String.raw`-?\d+(\.\d+)?` : String.raw`-?\d+`;
  return `(CASE WHEN regexp_full_match(${t}, ${quoteString(plain)}) THEN TRY_CAST(${t} AS DOUBLE) ELSE ${parseNumberGeneral(t, options)} END)`;
}

/** parseNumber without its fast path: the definition the fast path must agree with. */
export function parseNumberGeneral(t: string, options: ParseOptions): string {
  const digits = `regexp_replace(${t}, '[^0-9.,eE+-]', '', 'g')`;
  const normalised =
    options.decimal === "."
      ? `replace(${digits}, ',', '')`
      : `replace(replace(${digits}, '.', ''), ',', '.')`;
  const value = `TRY_CAST(${normalised} AS DOUBLE)`;
  return `(CASE
      WHEN ${t} IS NULL THEN NULL
      WHEN NOT regexp_matches(${t}, ${quoteString(NUMBER_SHAPE)}) THEN NULL
      -- a thousands separator must be followed by exactly three digits: "18 500,00" under
      -- decimal "." is a decimal comma, not 1,850,000
      WHEN regexp_matches(${t}, ${quoteString(options.decimal === "." ? String.raw`,(\d{0,2}|\d{4,})(\D|$)` : String.raw`\.(\d{0,2}|\d{4,})(\D|$)`)}) THEN NULL
      WHEN starts_with(${t}, '(') AND ends_with(${t}, ')') THEN -abs(${value})
      ELSE ${value}
    END)`;
}

/**
 * A company size: a number, or a range as HubSpot's "Company size" and many enrichment tools
 * write it ("51-200", "1,000-5,000", "10001+"), read as its lower bound so that size bands
 * built on those ranges keep every company in its own band.
 */
export function parseSize(t: string, options: ParseOptions): string {
  const range = String.raw`^\s*([0-9][0-9,.]*)\s*(-|–|to)\s*[0-9][0-9,.]*\s*$|^\s*([0-9][0-9,.]*)\s*\+\s*$`;
  const lower = `coalesce(nullif(regexp_extract(${t}, ${quoteString(range)}, 1), ''), nullif(regexp_extract(${t}, ${quoteString(range)}, 3), ''))`;
  return `coalesce(${parseNumber(t, options)}, CASE WHEN regexp_matches(${t}, ${quoteString(range)}) THEN ${parseNumber(lower, options)} END)`;
}

export function parseBoolean(t: string): string {
  return `(CASE
      WHEN ${t} IS NULL THEN NULL
      WHEN lower(${t}) IN ('true', 't', 'yes', 'y', '1', 'x', 'checked', '1.0') THEN true
      WHEN lower(${t}) IN ('false', 'f', 'no', 'n', '0', 'unchecked', '0.0') THEN false
    END)`;
}

/** An id: trimmed; Salesforce 18-character ids shortened to their case-sensitive 15-character form. */
export function parseId(t: string, options: ParseOptions): string {
  if (!options.salesforceIds) return t;
  return `(CASE WHEN regexp_full_match(${t}, '[a-zA-Z0-9]{18}') THEN left(${t}, 15) ELSE ${t} END)`;
}

/** A list of ids from "1;2;3" or "1, 2" (HubSpot associations). */
export function parseIdList(t: string, options: ParseOptions): string {
  const element = parseId(`trim(x, ${TRIMMED})`, options);
  return `list_filter(list_transform(string_split_regex(coalesce(${t}, ''), '[;,|]'), x -> ${element}), x -> x <> '')`;
}

/** The typed expression for a canonical field of the given type. */
export function parseField(type: FieldType, t: string, options: ParseOptions): string {
  switch (type) {
    case "id":
      return parseId(t, options);
    case "text":
      return t;
    case "timestamp":
      return parseTimestamp(t, options);
    case "date":
      return parseDate(t, options);
    case "number":
    case "money":
      return parseNumber(t, options);
    case "size":
      return parseSize(t, options);
    case "boolean":
      return parseBoolean(t);
    case "idlist":
      return parseIdList(t, options);
  }
}

/** What a value of this type should look like, for reject messages. */
export function expectedText(
  type: FieldType,
  options: Pick<ParseOptions, "dateOrder" | "decimal">,
): string {
  switch (type) {
    case "timestamp":
    case "date":
      return `a date such as 2025-03-31, 2025-03-31 14:05, ${options.dateOrder === "dmy" ? "31/03/2025" : "03/31/2025"} or epoch milliseconds`;
    case "number":
      return `a number such as ${options.decimal === "." ? "1,234.5" : "1.234,5"}`;
    case "size":
      return "a number of employees such as 250, or a range such as 51-200 or 10001+";
    case "money":
      return `an amount such as ${options.decimal === "." ? "$12,500.00 or USD 12,500" : "12.500,00 €"}`;
    case "boolean":
      return "true/false, yes/no or 1/0";
    default:
      return "a value";
  }
}
