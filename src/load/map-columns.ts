import { FIELDS, type Kind, type Preset } from "../config/presets.js";
import { UserError } from "../errors.js";

/** A canonical field found in the export. */
export interface MappedField {
  field: string;
  header: string;
  /** 0-based position in the file; the staging column is `c<index+1>`. */
  index: number;
}

/** An export column that is not a canonical field, kept as a typed extra column. */
export interface ExtraColumn {
  header: string;
  index: number;
  /** Column name in the canonical table (snake_case, unique). */
  column: string;
}

export interface ColumnMapping {
  kind: Kind;
  headers: string[];
  fields: Map<string, MappedField>;
  extras: ExtraColumn[];
  ignored: string[];
}

/**
 * Personal data that no analysis needs: left out of the database unless mapped explicitly.
 * (Names, e-mail addresses and phone numbers do not predict closed-won; keeping them would only
 * widen what the database file exposes.)
 */
export const DEFAULT_IGNORED_HEADERS = [
  "First Name",
  "Last Name",
  "Email",
  "Phone Number",
  "Mobile Phone Number",
  "Fax Number",
  "Street Address",
  "FirstName",
  "LastName",
  "Phone",
  "MobilePhone",
  "Fax",
  "Street",
  "Salutation",
  "Date of birth",
];

/**
 * The widest export read. Every column beyond the canonical ones becomes a typed column of the
 * canonical table, typed by queries whose size grows with the column count (about 10 s for 500
 * columns on a shared 2-core machine; a 10,000-column file ran for over ten minutes before this
 * limit): a wider file is refused before anything is written.
 */
export const MAX_COLUMNS = 1000;

/** Header comparison: case, surrounding and repeated spaces do not matter. */
export function normaliseHeader(header: string): string {
  return header.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Match an export's headers to the canonical fields of `kind`: explicit `columns` overrides
 * first, then the preset's accepted names. Fails, before anything is written, when a required
 * field is missing or a mapped header is ambiguous.
 */
export function mapColumns(
  kind: Kind,
  headers: string[],
  preset: Preset,
  options: { file: string; overrides?: Record<string, string>; ignore?: string[] },
): ColumnMapping {
  const { file } = options;
  if (headers.length > MAX_COLUMNS) {
    throw new UserError(
      `the file has ${headers.length.toLocaleString("en-US")} columns; Handoff reads at most ${MAX_COLUMNS.toLocaleString("en-US")}: export only the properties you need (HubSpot and Salesforce let you choose the columns of an export), or check the delimiter`,
      { location: { file, line: 1 } },
    );
  }
  const positions = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  const specs = FIELDS[kind];
  const overrides = options.overrides ?? {};
  for (const field of Object.keys(overrides)) {
    if (!(field in specs)) {
      throw new UserError(
        `sources.${kind}.columns: unknown field "${field}". Fields for ${kind}: ${Object.keys(specs).join(", ")}`,
      );
    }
  }

  const fields = new Map<string, MappedField>();
  const used = new Set<number>();
  for (const field of Object.keys(specs)) {
    const candidates =
      overrides[field] !== undefined ? [overrides[field]] : (preset.headers[kind][field] ?? []);
    for (const candidate of candidates) {
      const found = positions.get(normaliseHeader(candidate));
      if (!found) continue;
      const free = found.filter((i) => !used.has(i));
      if (free.length === 0) continue;
      if (found.length > 1) {
        throw new UserError(
          `column "${candidate}" appears ${found.length} times (columns ${found.map((i) => i + 1).join(", ")}): rename the duplicates in the export, or map ${field} to another column in handoff.yaml (sources.${kind}.columns.${field})`,
          { location: { file, line: 1 } },
        );
      }
      const index = free[0] as number;
      fields.set(field, { field, header: headers[index] as string, index });
      used.add(index);
      break;
    }
    if (!fields.has(field) && overrides[field] !== undefined) {
      throw new UserError(
        `sources.${kind}.columns.${field} names column "${overrides[field]}", which is not in the file (columns: ${preview(headers)})`,
        { location: { file, line: 1 } },
      );
    }
  }

  for (const [field, spec] of Object.entries(specs)) {
    if (spec.required && !fields.has(field)) {
      const accepted = preset.headers[kind][field] ?? [field];
      throw new UserError(
        `missing required column for ${field}: expected one of ${accepted.map((h) => `"${h}"`).join(", ")} (preset ${preset.name}); the file has ${preview(headers)}. If it is there under another name, set sources.${kind}.columns.${field} in handoff.yaml, or choose another --preset`,
        { location: { file, line: 1 } },
      );
    }
  }
  if (kind === "deals" && !fields.has("stage") && !fields.has("is_won")) {
    const names = [...(preset.headers.deals.stage ?? []), ...(preset.headers.deals.is_won ?? [])];
    throw new UserError(
      `deals need a stage or a won flag: expected one of ${names.map((h) => `"${h}"`).join(", ")}; the file has ${preview(headers)}`,
      { location: { file, line: 1 } },
    );
  }

  const ignoreSet = new Set(
    [...(options.ignore ?? []), ...DEFAULT_IGNORED_HEADERS].map(normaliseHeader),
  );
  const extras: ExtraColumn[] = [];
  const ignored: string[] = [];
  const taken = new Set<string>([...Object.keys(specs), ...RESERVED_COLUMNS]);
  headers.forEach((header, index) => {
    if (used.has(index)) return;
    if (
      kind === "activities" ||
      kind === "spend" ||
      ignoreSet.has(normaliseHeader(header)) ||
      header.trim() === ""
    ) {
      ignored.push(header);
      return;
    }
    extras.push({ header, index, column: uniqueColumnName(header, taken) });
  });
  return { kind, headers, fields, extras, ignored };
}

/** Columns of the canonical tables that an extra column must not shadow. */
const RESERVED_COLUMNS = [
  "source_raw",
  "source_file",
  "source_line",
  "is_sales_accepted",
  "is_disqualified",
  "lead_ids_raw",
  "type_raw",
  "deal_id",
  "lead_id",
  "is_closed",
  "is_won",
];

/** `Number of Employees (2023)` → `number_of_employees_2023`, made unique against `taken`. */
export function uniqueColumnName(header: string, taken: Set<string>): string {
  let base = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  if (base === "" || /^[0-9]/.test(base)) base = `x_${base}`;
  let name = taken.has(base) ? `x_${base}` : base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function preview(headers: string[]): string {
  const shown = headers.slice(0, 12).map((h) => `"${h}"`);
  return headers.length > 12
    ? `${shown.join(", ")} and ${headers.length - 12} more`
    : shown.join(", ") || "no columns";
}
