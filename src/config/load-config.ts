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
      `${where}: not valid YAML: ${first?.message.split("\n")[0] ?? "parse error"}`,
    );
  }
  return doc.toJS() ?? {};
}

/** Parse and validate config text; `name` is used in messages. */
export function parseConfigText(text: string, name: string): Config {
  const data = parseYaml(text, name);
  const result = configSchema.safeParse(data);
  if (!result.success) throw new UserError(formatIssues(result.error.issues, name));
  return result.data;
}

/** One line per problem: `handoff.yaml: sources.leads.path: expected a string (got number)`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], name: string): string {
  const lines = issues.slice(0, 10).map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    return `${name}: ${key}: ${describeIssue(issue)}`;
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
      return `expected ${issue.expected}${"input" in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : ""}`;
    default:
      return issue.message;
  }
}
