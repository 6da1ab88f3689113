import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `queries/` at the package root; the same relative path from `src/db/` and `dist/db/`. */
export const QUERIES_DIR = fileURLToPath(new URL("../../queries/", import.meta.url));

const cache = new Map<string, string>();

/**
 * The text of a named query: `loadQuery("load/schema")` reads `queries/load/schema.sql`.
 * Names are fixed strings in our code, never user input.
 */
export function loadQuery(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/.test(name))
      throw new Error(`loadQuery: bad query name ${JSON.stringify(name)}`);
    text = readFileSync(`${QUERIES_DIR}${name}.sql`, "utf8");
    cache.set(name, text);
  }
  return text;
}
