import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { KINDS, type Kind } from "../config/presets.js";
import type { Config } from "../config/schema.js";
import { UserError } from "../errors.js";
import type { LoadSource } from "./load-exports.js";

/**
 * The files to load per kind: the command line's `--leads` etc. win over the config's
 * `sources.<kind>.path` (a path or glob relative to the config file). A glob that matches
 * nothing and a missing file are errors: a silently empty load would look like "no data".
 */
export function resolveSources(
  config: Config,
  baseDir: string,
  fromCli: Partial<Record<Kind, string[]>>,
): LoadSource[] {
  const sources: LoadSource[] = [];
  for (const kind of KINDS) {
    const configured = config.sources[kind];
    const cli = fromCli[kind];
    let files: string[];
    if (cli && cli.length > 0) {
      files = cli.flatMap((p) => expand(p, process.cwd(), `--${kind}`));
    } else if (configured) {
      files = expand(configured.path, baseDir, `sources.${kind}.path`);
    } else continue;
    sources.push({
      kind,
      files,
      ...(configured?.columns ? { columns: configured.columns } : {}),
      ...(configured?.ignore ? { ignore: configured.ignore } : {}),
      ...(configured?.encoding ? { encoding: configured.encoding } : {}),
      ...(configured?.delimiter ? { delimiter: configured.delimiter } : {}),
    });
  }
  return sources;
}

function expand(pattern: string, baseDir: string, origin: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  // A file that exists is that file, even when its name has glob characters ("leads [2025].csv").
  if (existsSync(absolute)) return [absolute];
  if (!/[*?[\]{}]/.test(pattern)) {
    if (!existsSync(absolute))
      throw new UserError(`${origin}: file ${pattern} not found (looked in ${baseDir})`);
    return [absolute];
  }
  const files = globSync(pattern, { cwd: baseDir, absolute: true, onlyFiles: true }).sort();
  if (files.length === 0)
    throw new UserError(`${origin}: "${pattern}" matches no file (looked in ${baseDir})`);
  return files;
}
