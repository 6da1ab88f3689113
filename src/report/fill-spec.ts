import type { ChartSpec } from "./load-chart-spec.js";
import type { ChartRow } from "./types.js";

/**
 * A field's declared type in a spec's `usermeta.handoff.data`: "string", "number", "integer",
 * "date" (a `Date` or an ISO "YYYY-MM-DD…" string), any of them with a trailing "?" when null is
 * allowed, or an array of the allowed strings.
 */
export type FieldType = string | string[];

/** What a chart spec declares about its named data: data name → field name → type. */
export type DataDeclaration = Record<string, Record<string, FieldType>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The spec with its named data sources filled: `fillSpec(spec, { rows: [...] })` returns a copy
 * whose top-level `datasets` carries each named source's rows, so `"data": { "name": "rows" }`
 * anywhere in the spec (layers included) reads them.
 *
 * Steps: 1. read the declaration (`usermeta.handoff.data`) and check it matches the names the
 * spec uses; 2. require exactly the declared data sets (a missing or misspelt one is a bug in
 * the caller, not an empty chart); 3. check every row's declared fields and normalise them
 * (Date → ISO string, NaN in a nullable field → null); 4. return a new spec, the input untouched.
 * Specs that would load data from a URL are refused: a report makes no network request.
 */
export function fillSpec(spec: ChartSpec, datasets: Record<string, ChartRow[]>): ChartSpec {
  // 1. What the spec declares and what it uses must agree.
  const chart = chartNameOf(spec);
  const declared = dataDeclarationOf(spec);
  const used = namedSourcesOf(spec, chart);
  for (const name of used)
    if (!(name in declared))
      throw new Error(
        `fillSpec: chart ${chart} uses data ${JSON.stringify(name)} but does not declare it in usermeta.handoff.data`,
      );
  for (const name of Object.keys(declared))
    if (!used.has(name))
      throw new Error(
        `fillSpec: chart ${chart} declares data ${JSON.stringify(name)} but no mark uses it`,
      );

  // 2. The caller gives exactly the declared data sets.
  for (const name of Object.keys(declared))
    if (!Object.hasOwn(datasets, name))
      throw new Error(
        `fillSpec: chart ${chart} needs data ${JSON.stringify(name)}; got ${listNames(Object.keys(datasets))}`,
      );
  for (const name of Object.keys(datasets))
    if (!(name in declared))
      throw new Error(
        `fillSpec: chart ${chart} has no data named ${JSON.stringify(name)}; it reads ${listNames(Object.keys(declared))}`,
      );

  // 3. Check and normalise the rows.
  const filled: Record<string, ChartRow[]> = {};
  for (const [name, fields] of Object.entries(declared)) {
    const rows = datasets[name];
    if (!Array.isArray(rows))
      throw new Error(
        `fillSpec: chart ${chart} data ${JSON.stringify(name)} must be an array of rows`,
      );
    filled[name] = rows.map((row, index) =>
      normaliseRow(row, fields, `chart ${chart} data ${JSON.stringify(name)} row ${index}`),
    );
  }

  // 4. A new spec; the caller's stays as it was.
  const copy = structuredClone(spec) as ChartSpec & { datasets?: Record<string, unknown> };
  copy.datasets = filled;
  return copy;
}

/** The chart's name as it declares it (`usermeta.handoff.chart`), for messages. */
export function chartNameOf(spec: ChartSpec): string {
  const name = (spec.usermeta?.handoff as { chart?: unknown } | undefined)?.chart;
  return typeof name === "string" ? JSON.stringify(name) : "(unnamed spec)";
}

/** The spec's `usermeta.handoff.data`, checked for shape. */
export function dataDeclarationOf(spec: ChartSpec): DataDeclaration {
  const data = (spec.usermeta?.handoff as { data?: unknown } | undefined)?.data;
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new Error(
      `fillSpec: chart ${chartNameOf(spec)} must declare its named data in usermeta.handoff.data`,
    );
  return data as DataDeclaration;
}

/** Every `"data": { "name": … }` in the spec, at any depth; refuses URL data. */
function namedSourcesOf(spec: ChartSpec, chart: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${path}[${i}]`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "usermeta" || key === "datasets") continue;
      if (key === "data" && value !== null && typeof value === "object") {
        const data = value as { name?: unknown; url?: unknown; values?: unknown };
        if (data.url !== undefined)
          throw new Error(
            `fillSpec: chart ${chart} loads data from a URL at ${path}.data; report charts take named data only`,
          );
        if (typeof data.name === "string") names.add(data.name);
      }
      visit(value, `${path}.${key}`);
    }
  };
  visit(spec, "spec");
  return names;
}

function normaliseRow(row: unknown, fields: Record<string, FieldType>, where: string): ChartRow {
  if (row === null || typeof row !== "object" || Array.isArray(row))
    throw new Error(`fillSpec: ${where} must be an object; got ${describe(row)}`);
  const out: ChartRow = { ...(row as ChartRow) };
  for (const [field, type] of Object.entries(fields)) {
    out[field] = normaliseValue(out[field], type, `${where} field ${JSON.stringify(field)}`);
  }
  return out;
}

function normaliseValue(value: unknown, type: FieldType, where: string): unknown {
  if (Array.isArray(type)) {
    if (typeof value === "string" && type.includes(value)) return value;
    throw new Error(`fillSpec: ${where} must be one of ${listNames(type)}; got ${describe(value)}`);
  }
  const nullable = type.endsWith("?");
  const base = nullable ? type.slice(0, -1) : type;
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    if (nullable) return null;
    throw new Error(`fillSpec: ${where} must be ${article(base)} ${base}; got ${describe(value)}`);
  }
  switch (base) {
    case "string":
      if (typeof value === "string") return value;
      break;
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      break;
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      break;
    case "date":
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      if (typeof value === "string" && ISO_DATE.test(value)) return value;
      break;
    default:
      throw new Error(`fillSpec: ${where} has an unknown declared type ${JSON.stringify(type)}`);
  }
  throw new Error(`fillSpec: ${where} must be ${article(base)} ${base}; got ${describe(value)}`);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value instanceof Date) return `Date ${String(value)}`;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value) ?? String(value);
}

function listNames(names: string[]): string {
  return names.length === 0 ? "none" : names.map((n) => JSON.stringify(n)).join(", ");
}
