import { closeSync, openSync, readSync, statSync } from "node:fs";
import { extname } from "node:path";
import { UserError } from "../errors.js";

export type FileFormat = "csv" | "parquet";
export type Delimiter = "," | ";" | "\t" | "|";

export interface FileInspection {
  format: FileFormat;
  bytes: number;
  /** CSV only: the delimiter, detected from the header line unless given. */
  delimiter: Delimiter;
  /** CSV only: header names as written (BOM removed, surrounding spaces trimmed). */
  headers: string[];
  hasBom: boolean;
  /** CSV only: the text encoding (given, or UTF-16 recognised from its byte order mark). */
  encoding: Encoding;
  /** CSV only: physical lines the header record spans (a quoted header name may hold a newline). */
  headerLines: number;
}

export type Encoding = "utf-8" | "latin-1" | "utf-16";

const SAMPLE_BYTES = 1 << 20;

/**
 * Look at the start of an export before DuckDB reads it: refuse what is not a CSV or Parquet
 * file (an Excel workbook renamed .csv, an HTML error page saved as .csv, an empty file), find
 * the delimiter, and read the header line. Reads at most the first megabyte.
 */
export function inspectFile(
  path: string,
  options: { delimiter?: Delimiter; encoding?: Encoding } = {},
): FileInspection {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const head = readHead(path, Math.min(bytes, SAMPLE_BYTES));
  if (isParquet(head, path))
    return {
      format: "parquet",
      bytes,
      delimiter: ",",
      headers: [],
      hasBom: false,
      encoding: "utf-8",
      headerLines: 1,
    };
  if (bytes === 0 || head.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new UserError("the file is empty: expected a header line and rows", {
      location: { file: path },
    });
  }
  // UTF-16 announces itself with a byte order mark; without one it needs `encoding: utf-16`.
  const utf16Bom = head[0] === 0xff && head[1] === 0xfe;
  if (utf16Bom && options.encoding !== undefined && options.encoding !== "utf-16") {
    throw new UserError(
      `the file is UTF-16 (it starts with a UTF-16 byte order mark) but the config says encoding: ${options.encoding}: remove the encoding key for this source, or set it to utf-16`,
      { location: { file: path } },
    );
  }
  const encoding: Encoding = utf16Bom ? "utf-16" : (options.encoding ?? "utf-8");
  if (encoding !== "utf-16") refuseNonCsv(head, path);
  else if (head[0] === 0xfe && head[1] === 0xff) {
    throw new UserError(
      "the file is big-endian UTF-16, which cannot be read: save it as CSV (UTF-8)",
      { location: { file: path } },
    );
  }

  const hasBom = utf16Bom || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf);
  const text = decodeHead(head.subarray(hasBom ? (utf16Bom ? 2 : 3) : 0), encoding);
  const headerLine = firstRecord(text);
  const delimiter = options.delimiter ?? detectDelimiter(headerLine);
  const headers = splitRecord(headerLine, delimiter).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === "")) {
    throw new UserError("the header line is empty: expected column names on line 1", {
      location: { file: path, line: 1 },
    });
  }
  const headerLines = 1 + (headerLine.match(/\n/g)?.length ?? 0);
  return { format: "csv", bytes, delimiter, headers, hasBom, encoding, headerLines };
}

function readHead(path: string, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function isParquet(head: Buffer, path: string): boolean {
  return (
    head.subarray(0, 4).toString("latin1") === "PAR1" || extname(path).toLowerCase() === ".parquet"
  );
}

function refuseNonCsv(head: Buffer, path: string): void {
  const location = { file: path };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new UserError(
      "this is a zip container (an Excel .xlsx workbook?), not a CSV file: open it in Excel or Google Sheets and save as CSV (UTF-8)",
      { location },
    );
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new UserError(
      "this is an old Excel (.xls) workbook, not a CSV file: save it as CSV (UTF-8)",
      { location },
    );
  }
  const start = head.subarray(0, 512).toString("latin1").trimStart().toLowerCase();
  if (/^<(!doctype html|html|\?xml|head|body|table|div|meta|title|script|style|!--)/.test(start)) {
    throw new UserError(
      "this is an HTML or XML page, not a CSV file (an expired download link or a login page saved as .csv?): export the file again",
      { location },
    );
  }
  if (head.subarray(0, 4096).includes(0)) {
    throw new UserError(
      "the file contains NUL bytes: it is binary, or UTF-16 encoded (set `encoding: utf-16` for this source in handoff.yaml)",
      { location },
    );
  }
}

function decodeHead(bytes: Buffer, encoding: Encoding): string {
  if (encoding === "latin-1") return bytes.toString("latin1");
  if (encoding === "utf-16")
    return bytes.subarray(0, bytes.length - (bytes.length % 2)).toString("utf16le");
  return bytes.toString("utf8");
}

/** The first record of CSV text, respecting quotes (a header may contain quoted newlines). */
function firstRecord(text: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) return text.slice(0, i);
  }
  return text;
}

/** The delimiter that splits the header into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): Delimiter {
  const candidates: Delimiter[] = [",", ";", "\t", "|"];
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = splitRecord(headerLine, candidate).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Split one CSV record into fields (RFC 4180 quoting with "" as an escaped quote). */
export function splitRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (inQuotes) {
      if (ch === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
