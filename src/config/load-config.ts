import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { type Config, configSchema } from "./schema.js";

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined when defaults were used. */
  file: string | undefined;
  /** Paths in the config are relative to this folder. */
  baseDir: string;
}

/**
 * Read and validate `handoff.yaml`. A missing file is fine when `required` is false (the
 * defaults apply); a present one must be valid YAML that matches the schema.
 */
export function loadConfig(path: string, options: { required?: boolean } = {}): LoadedConfig {
  const file = resolve(path);
  if (!existsSync(file)) {
    if (options.required) {
      throw new UserError(
        `config file ${path} not found. Create one with: handoff init --preset hubspot`,
      );
    }
    return { config: configSchema.parse({}), file: undefined, baseDir: process.cwd() };
  }
  const text = readFileSync(file, "utf8");
  return { config: parseConfigText(text, path), file, baseDir: dirname(file) };
}

/**
 * Parse YAML text into plain data, or throw a `UserError` naming the file and line of the
 * first syntax error. Shared by the config and the model file.
 */
export function parseYaml(text: string, name: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0] ? `${name}:${first.linePos[0].line}` : name;
    throw new UserError(
      `${where}: not valid YAML: ${(first?.message.split("\n")[0] ?? "parse error").replace(/:$/, "")}. Indent with spaces (no tabs), give each key once, and quote values that contain ": " or start with a special character`,
    );
  }
  return doc.toJS() ?? {};
}

/** Parse and validate config text; `name` is used in messages. */
export function parseConfigText(text: string, name: string): Config {
  const data = parseYaml(text, name);
  const result = configSchema.safeParse(data);
  if (!result.success) throw new UserError(formatIssues(result.error.issues, name, data));
  return result.data;
}

/** How each key should look, for messages: matched on the key path with kinds as `*`. */
const KEY_HINTS: Record<string, string> = {
  "(top level)": "a config is a mapping of keys, e.g. `preset: hubspot`",
  preset: "e.g. `preset: hubspot`",
  timezone: "an IANA time zone name, e.g. `timezone: America/New_York` or `timezone: UTC`",
  date_order: "e.g. `date_order: dmy` for 31/03/2025",
  date_formats: 'a list of strptime formats, e.g. `date_formats: ["%d/%m/%Y %H:%M"]`',
  decimal: 'e.g. `decimal: ","` for 1.234,56',
  sources: "a mapping of leads, deals, activities, spend, e.g. `leads: { path: contacts.csv }`",
  "sources.*": "a mapping with at least a path, e.g. `leads: { path: exports/contacts.csv }`",
  "sources.*.path": "a file path or glob relative to the config, e.g. `path: exports/*.csv`",
  "sources.*.columns":
    'canonical field → header in your file, e.g. `columns: { mql_at: "MQL Date" }`',
  "sources.*.encoding": "e.g. `encoding: latin-1` for a file saved by Excel on Windows",
  "sources.*.delimiter": 'e.g. `delimiter: ";"` (one of , ; tab |)',
  "sources.*.ignore": 'a list of headers, e.g. `ignore: ["Notes"]`',
  windows: "a mapping, e.g. `windows: { scoring_days: 30 }`",
  "windows.decision": "e.g. `decision: created`",
  "windows.scoring_days": "a whole number of days above 0, e.g. `scoring_days: 30`",
  "windows.maturity_days": "auto, or a whole number of days above 0, e.g. `maturity_days: 90`",
  "windows.as_of": "a real calendar date written YYYY-MM-DD, e.g. `as_of: 2025-06-30`",
  values: "a mapping, e.g. `values: { deal_stages: { won: [Closed Won] } }`",
  "values.deal_stages.*": "a list of stage names, e.g. `won: [Closed Won]`",
  "values.lead_statuses.*": "a list of statuses, e.g. `disqualified: [Unqualified]`",
  "values.activity_types": 'raw type → canonical type, e.g. `{ "Viewed /pricing": pricing_view }`',
  "values.sources": "raw source → channel name, e.g. `{ ppc: Paid Search }`",
};

function hintFor(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return KEY_HINTS["(top level)"];
  const key = path.map(String);
  for (const candidate of [
    key.join("."),
    key
      .map((k, i) => (i === 1 && (key[0] === "sources" || key[0] === "values") ? "*" : k))
      .join("."),
    key.map((k, i) => (i === 2 && key[0] === "values" ? "*" : k)).join("."),
  ]) {
    const hint = KEY_HINTS[candidate];
    if (hint) return hint;
  }
  return undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "nothing";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

/** One line per problem: `handoff.yaml: sources.leads.path: expected a string (got number)`. */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  name: string,
  data?: unknown,
): string {
  const lines = issues.slice(0, 10).map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    const got = data === undefined ? undefined : valueAt(data, issue.path);
    const gotText =
      issue.code !== "unrecognized_keys" && got !== undefined ? ` (got ${describeValue(got)})` : "";
    const hint = issue.code === "unrecognized_keys" ? undefined : hintFor(issue.path);
    const what =
      issue.code === "invalid_type" && data !== undefined && got === undefined
        ? "is missing"
        : describeIssue(issue);
    return `${name}: ${key}: ${what}${gotText}${hint ? `: ${hint}` : ""}`;
  });
  if (issues.length > 10) lines.push(`... and ${issues.length - 10} more`);
  return lines.join("\n");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: check the spelling, or remove ${issue.keys.length > 1 ? "them" : "it"} (handoff init writes a commented example)`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_type":
      return `expected ${issue.expected === "record" ? "a mapping" : issue.expected === "object" ? "a mapping" : issue.expected === "array" ? "a list" : issue.expected === "int" ? "a whole number" : `a ${issue.expected}`}`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "string"
        ? "must not be empty"
        : `must be ${issue.inclusive ? "at least" : "greater than"} ${String(issue.minimum)}`;
    case "too_big":
      return `must be ${issue.inclusive ? "at most" : "less than"} ${String(issue.maximum)}`;
    case "invalid_format":
      // a custom pattern carries its own message ("must be a column name ..."); dates do not
      return issue.format === "regex" ? issue.message : "is not a valid date";
    case "invalid_union":
      return "is not valid";
    default:
      return issue.message;
  }
}
